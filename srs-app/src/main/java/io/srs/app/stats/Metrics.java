package io.srs.app.stats;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.srs.app.config.ExporterConfig;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceRegistry;
import io.srs.core.Version;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The Prometheus exposition behind {@code /metrics}. The first block is SRS's own
 * ({@code SrsGoApiMetrics}), written by hand so names, types and help texts are exactly SRS's
 * ({@code srs_node_uname_info}, {@code srs_build_info} with the exporter's {@code label} and
 * {@code tag}, {@code srs_cpu_percent}, {@code srs_memory}, {@code srs_send_bytes_total},
 * {@code srs_receive_bytes_total}, {@code srs_streams}, {@code srs_clients},
 * {@code srs_clients_total}, {@code srs_clients_errs_total}). A Micrometer Prometheus registry
 * follows with what SRS lacks: per-stream series ({@code srs_stream_*}, labels {@code vhost}
 * and {@code stream}) and the JVM's own metrics.
 *
 * <p>Thread-safe; scrapes and additions are serialised by one lock.
 */
public final class Metrics implements AutoCloseable {
    private final Identity identity;
    private final Statistics stats;
    private final ProcStats proc;
    private final SourceRegistry sources;
    private final ReentrantLock lock = new ReentrantLock();
    /** The Micrometer side, made at the first scrape; guarded by {@link #lock}. */
    private Registry registry;
    /** Meters added before the first scrape, registered when the registry is made; under {@link #lock}. */
    private final List<Consumer<PrometheusMeterRegistry>> pending = new ArrayList<>();
    private boolean closed;
    private final Map<String, StreamMeters> streams = new HashMap<>();
    private final String uname;

    public Metrics(Identity identity, Statistics stats, ProcStats proc, SourceRegistry sources) {
        this.identity = identity;
        this.stats = stats;
        this.proc = proc;
        this.sources = sources;
        this.uname = uname();
    }

    /** Suppliers given to {@link #addCounter}, kept alive here. */
    private final List<Object> added = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Adds a gauge (a Prometheus gauge named after {@code name} with dots as underscores). */
    public void addGauge(String name, String help, java.util.function.DoubleSupplier value) {
        add(r -> Gauge.builder(name, value, java.util.function.DoubleSupplier::getAsDouble).description(help)
                .strongReference(true).register(r));
    }

    /** Adds a counter read from {@code value} (exported as {@code <name>_total}). */
    public void addCounter(String name, String help, java.util.function.DoubleSupplier value) {
        // Micrometer keeps only a weak reference to the counted object.
        added.add(value);
        add(r -> FunctionCounter.builder(name, value, java.util.function.DoubleSupplier::getAsDouble).description(help)
                .register(r));
    }

    private void add(Consumer<PrometheusMeterRegistry> meter) {
        lock.lock();
        try {
            if (registry != null) {
                meter.accept(registry.prometheus);
            } else {
                pending.add(meter);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The registry, made now if this is the first scrape; under {@link #lock}. */
    private PrometheusMeterRegistry registry() {
        if (registry == null) {
            registry = new Registry();
            pending.forEach(m -> m.accept(registry.prometheus));
            pending.clear();
        }
        return registry.prometheus;
    }

    /** The full exposition text (Prometheus text format 0.0.4). */
    public String scrape(ExporterConfig config) {
        lock.lock();
        try {
            StringBuilder sb = new StringBuilder(8192);
            srsBlock(sb, config);
            PrometheusMeterRegistry r = registry();
            syncStreams(r);
            sb.append(r.scrape());
            return sb.toString();
        } finally {
            lock.unlock();
        }
    }

    private void srsBlock(StringBuilder sb, ExporterConfig config) {
        Statistics.Totals t = stats.totals();
        if (uname != null) {
            sb.append("# HELP srs_node_uname_info Labeled system information as provided by the uname system call.\n")
                    .append("# TYPE srs_node_uname_info gauge\n")
                    .append("srs_node_uname_info{").append(uname).append("} 1\n");
        }
        sb.append("# HELP srs_build_info A metric with a constant '1' value labeled by build_date, version from which SRS was built.\n")
                .append("# TYPE srs_build_info gauge\n")
                .append("srs_build_info{")
                .append("server=\"").append(escape(identity.serverId())).append("\",")
                .append("service=\"").append(escape(identity.serviceId())).append("\",")
                .append("pid=\"").append(identity.pid()).append("\",")
                .append("build_date=\"").append(escape(buildDate())).append("\",")
                .append("major=\"").append(Version.MAJOR).append("\",")
                .append("version=\"").append(Version.VERSION).append("\",")
                .append("code=\"").append(Version.CODE).append('"');
        if (!config.label().isEmpty()) {
            sb.append(",label=\"").append(escape(config.label())).append('"');
        }
        if (!config.tag().isEmpty()) {
            sb.append(",tag=\"").append(escape(config.tag())).append('"');
        }
        sb.append("} 1\n");
        metric(sb, "srs_cpu_percent", "gauge", "SRS cpu used percent.", format(proc.selfCpuPercent() * 100));
        metric(sb, "srs_memory", "gauge", "SRS memory used.", Long.toString(proc.rssKbyte()));
        metric(sb, "srs_send_bytes_total", "counter", "SRS total sent bytes.", Long.toString(t.sendBytes()));
        metric(sb, "srs_receive_bytes_total", "counter", "SRS total received bytes.", Long.toString(t.recvBytes()));
        metric(sb, "srs_streams", "gauge", "The number of SRS concurrent streams.", Integer.toString(t.streams()));
        metric(sb, "srs_clients", "gauge", "The number of SRS concurrent clients.", Integer.toString(t.clients()));
        metric(sb, "srs_clients_total", "counter", "The total counts of SRS clients.", Long.toString(t.totalClients()));
        metric(sb, "srs_clients_errs_total", "counter", "The total errors of SRS clients.", Long.toString(t.errors()));
    }

    private static void metric(StringBuilder sb, String name, String type, String help, String value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(' ').append(value).append('\n');
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Registers meters for new streams, refreshes their values and removes gone streams' meters. */
    private void syncStreams(PrometheusMeterRegistry registry) {
        Set<String> seen = new HashSet<>();
        for (Statistics.StreamTotals s : stats.streamTotals()) {
            seen.add(s.url());
            StreamMeters m = streams.computeIfAbsent(s.url(), u -> new StreamMeters(registry, s.vhost(), u));
            m.sendBytes = s.sendBytes();
            m.recvBytes = s.recvBytes();
            m.clients = s.clients();
            LiveSource src = sources.find(s.url()).orElse(null);
            if (src != null) {
                m.dropped = Math.max(m.dropped, src.droppedFrames());
                m.videoFrames = Math.max(m.videoFrames, src.videoFrames());
            }
        }
        for (var it = streams.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (!seen.contains(e.getKey())) {
                e.getValue().remove(registry);
                it.remove();
            }
        }
    }

    /** The latest values of one stream's series; written under the scrape lock, read by the registry during scrape. */
    private static final class StreamMeters {
        volatile long sendBytes;
        volatile long recvBytes;
        volatile int clients;
        volatile long dropped;
        volatile long videoFrames;
        private final List<Meter> meters = new ArrayList<>();

        StreamMeters(PrometheusMeterRegistry r, String vhost, String url) {
            Tags tags = Tags.of("vhost", vhost, "stream", url);
            meters.add(FunctionCounter.builder("srs.stream.send.bytes", this, m -> m.sendBytes)
                    .description("Bytes sent to the players of a stream.").tags(tags).register(r));
            meters.add(FunctionCounter.builder("srs.stream.receive.bytes", this, m -> m.recvBytes)
                    .description("Bytes received from the publisher of a stream.").tags(tags).register(r));
            meters.add(Gauge.builder("srs.stream.clients", this, m -> m.clients)
                    .description("Clients (publisher and players) of a stream.").tags(tags).register(r));
            meters.add(FunctionCounter.builder("srs.stream.dropped.frames", this, m -> m.dropped)
                    .description("Messages dropped from slow players' queues.").tags(tags).register(r));
            meters.add(FunctionCounter.builder("srs.stream.video.frames", this, m -> m.videoFrames)
                    .description("Video frames received from the publisher.").tags(tags).register(r));
        }

        void remove(PrometheusMeterRegistry r) {
            meters.forEach(r::remove);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String buildDate() {
        Package p = Metrics.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "" : v;
    }

    /** uname(2) from /proc/sys/kernel, as SRS labels it; null off Linux. */
    private static String uname() {
        Path k = Path.of("/proc/sys/kernel");
        String sysname = ProcFiles.read(k.resolve("ostype")).strip();
        if (sysname.isEmpty()) {
            return null;
        }
        String arch = System.getProperty("os.arch", "");
        String machine = switch (arch) {
            case "amd64" -> "x86_64";
            case "x86" -> "i686";
            default -> arch;
        };
        return "sysname=\"" + escape(sysname) + "\","
                + "nodename=\"" + escape(ProcFiles.read(k.resolve("hostname")).strip()) + "\","
                + "release=\"" + escape(ProcFiles.read(k.resolve("osrelease")).strip()) + "\","
                + "version=\"" + escape(ProcFiles.read(k.resolve("version")).strip()) + "\","
                + "machine=\"" + escape(machine) + "\"";
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (registry != null && !closed) {
                registry.gc.close();
                registry.prometheus.close();
            }
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Micrometer's registry with the JVM binders. Made at the first scrape, not at start-up:
     * Micrometer, the Prometheus client and the JMX beans its JVM binders read load about 350
     * classes (~3 MB of metaspace and heap) that a server nobody scrapes should not pay. The
     * GC binder listens from then on, so its pause counters count from the first scrape (a
     * counter's start is what Prometheus' rate() expects anyway).
     */
    private static final class Registry {
        final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final JvmGcMetrics gc = new JvmGcMetrics();

        Registry() {
            new JvmMemoryMetrics().bindTo(prometheus);
            gc.bindTo(prometheus);
            new JvmThreadMetrics().bindTo(prometheus);
            new ClassLoaderMetrics().bindTo(prometheus);
            new ProcessorMetrics().bindTo(prometheus);
            new UptimeMetrics().bindTo(prometheus);
        }
    }
}
