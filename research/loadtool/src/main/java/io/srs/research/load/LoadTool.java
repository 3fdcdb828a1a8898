package io.srs.research.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The load tool: RTMP players, RTMP publishers, HLS and HTTP-FLV viewers on virtual threads, a status line
 * every second on stderr, and one JSON summary line on stdout at the end. See
 * research/README.md and {@link Options#USAGE}.
 *
 * <p>Threading: the main thread starts publishers, runs the reporter and stops everything; a
 * launcher thread starts players and viewers at the ramp rate; each client runs on its own
 * virtual thread and publishes its figures through its {@link ClientStats}.
 */
public final class LoadTool {
    private static final double OK_SHARE = 0.9;
    private static final int PRIME_PLAYS = 5;

    private final Options opt;
    private final List<ClientStats> players = new ArrayList<>();
    private final List<ClientStats> publishers = new ArrayList<>();
    private final List<ClientStats> viewers = new ArrayList<>();
    private final List<ClientStats> flvViewers = new ArrayList<>();
    private final AtomicInteger playersEnded = new AtomicInteger();
    private volatile boolean stopping;

    private LoadTool(Options opt) {
        this.opt = opt;
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(Options.USAGE);
            return;
        }
        Options opt;
        try {
            opt = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("srs-load: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        String summary = new LoadTool(opt).run();
        System.out.println(summary);
        if (opt.json != null) {
            Files.writeString(opt.json, summary + "\n");
        }
        System.exit(0);
    }

    private String run() throws IOException, InterruptedException {
        FlvFile file = opt.flv == null ? null : FlvFile.load(opt.flv);
        double expect = opt.expectKbps > 0 ? opt.expectKbps : file != null ? file.kbps() : 0;
        if (opt.lean && opt.lowat > 0 && !SocketTuning.available()) {
            System.err.println("srs-load: SO_RCVLOWAT unavailable (" + SocketTuning.problem() + "), players wake per segment");
        }
        for (int i = 0; i < opt.players; i++) {
            players.add(new ClientStats(i));
        }
        for (int i = 0; i < opt.hls; i++) {
            viewers.add(new ClientStats(i));
        }
        for (int i = 0; i < opt.httpFlv; i++) {
            flvViewers.add(new ClientStats(i));
        }
        ProcSample serverBefore = opt.serverPid > 0 ? ProcSample.of(opt.serverPid) : null;
        if (opt.players > 0 && opt.publishers == 0) {
            prime();
        }
        long t0 = System.nanoTime();
        double cpu0 = ProcCpu.seconds();
        for (int i = 0; i < opt.publishers; i++) {
            ClientStats s = new ClientStats(i);
            publishers.add(s);
            RtmpUrl u = RtmpUrl.parse(Options.expand(opt.publishUrl, i, Integer.MAX_VALUE));
            Thread.ofVirtual().name("pub-" + i).start(new RtmpPublisher(u, file, opt, s));
        }
        HttpClient http = opt.hls == 0 ? null : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofMillis(opt.connectTimeoutMillis))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        long delayNanos = (long) (opt.delay * 1e9);
        Thread.ofPlatform().daemon().name("launcher").start(() -> launch(t0 + delayNanos, http));

        long end = t0 + (long) (opt.duration * 1e9);
        long rampEnd = t0 + delayNanos + (long) ((opt.players + opt.hls + opt.httpFlv) / opt.ramp * 1e9);
        long windowStart = rampEnd + (long) (opt.warmup * 1e9);
        if (windowStart > end - 2_000_000_000L) {
            windowStart = (Math.min(rampEnd, end) + end) / 2;
            System.err.println("srs-load: run too short for ramp + warmup; measuring the last "
                    + String.format("%.1f", (end - windowStart) / 1e9) + " s");
        }
        report(t0, end, windowStart);
        double windowCpu0 = windowCpu;
        // Window end: snapshot before anything is stopped.
        long windowEnd = System.nanoTime();
        double cpu1 = ProcCpu.seconds();
        ProcSample serverEnd = opt.serverPid > 0 ? ProcSample.of(opt.serverPid) : null;
        snapshotEnd();
        Map<String, Integer> errors = errorsByMessage();
        stopping = true;
        for (List<ClientStats> l : List.of(players, publishers, viewers, flvViewers)) {
            for (ClientStats s : l) {
                closeQuietly(s);
            }
        }
        if (http != null) {
            http.shutdownNow();
        }
        double windowSec = (windowEnd - windowStart) / 1e9;
        Json j = summary(file, expect, t0, windowSec, cpu0, windowCpu0, cpu1, errors);
        if (opt.csv != null) {
            writeCsv(t0, windowSec);
        }
        if (serverBefore != null) {
            j.put("server", serverJson(serverBefore, windowServer, serverEnd, (Double) j.fields().get("delivered_mbps")));
        }
        return j.toString();
    }

    private double windowCpu = Double.NaN;
    private ProcSample windowServer;

    /** The server's CPU over the window, per delivered gigabit, and its RSS growth per viewer. */
    private Json serverJson(ProcSample before, ProcSample start, ProcSample end, double deliveredMbps) {
        double sec = (end.nanoTime() - start.nanoTime()) / 1e9;
        double cpu = end.cpuSeconds() - start.cpuSeconds();
        double gbit = deliveredMbps * sec / 1000;
        int connected = count(players, false) + count(viewers, false) + count(flvViewers, false);
        return new Json()
                .put("pid", opt.serverPid)
                .put("cpu_s", cpu)
                .put("cores", cpu / sec)
                .put("system_share", cpu > 0 ? (end.systemSeconds() - start.systemSeconds()) / cpu : Double.NaN)
                .put("cpu_s_per_gbit", gbit > 0 ? cpu / gbit : Double.NaN)
                .put("rss_mb_before", before.rssKb() / 1024.0)
                .put("rss_mb", end.rssKb() / 1024.0)
                .put("rss_kb_per_viewer", connected > 0 ? (double) (end.rssKb() - before.rssKb()) / connected : Double.NaN);
    }

    /**
     * Plays the stream before the measured run (not counted anywhere): first a few plays one
     * after the other, so the first measured players do not pay for this JVM's class loading
     * and JIT, then {@code --prime} players at the ramp rate, which warms a JIT-compiled server
     * the same way (a server that has been up for a while is warm; one that just started is
     * not, and its first seconds would otherwise dominate the first-frame p99).
     */
    private void prime() throws InterruptedException {
        RtmpUrl u = RtmpUrl.parse(Options.expand(opt.url, 0, opt.streams));
        for (int i = 0; i < PRIME_PLAYS; i++) {
            ClientStats s = new ClientStats(-1);
            Thread t = Thread.ofVirtual().name("prime-" + i).start(new RtmpPlayer(u, opt, s, () -> { }));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (s.firstFrameAt == 0 && s.error == null && t.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            closeQuietly(s);
            t.join(1000);
        }
        if (opt.prime == 0) {
            return;
        }
        List<ClientStats> batch = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long interval = (long) (1e9 / opt.ramp);
        long start = System.nanoTime();
        for (int i = 0; i < opt.prime; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            ClientStats s = new ClientStats(-1);
            batch.add(s);
            RtmpUrl ui = RtmpUrl.parse(Options.expand(opt.url, i, opt.streams));
            threads.add(Thread.ofVirtual().name("prime-" + i).start(new RtmpPlayer(ui, opt, s, () -> { })));
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (ClientStats s : batch) {
            while (s.firstFrameAt == 0 && s.error == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        // Let them play a moment, so the send path is exercised too, then leave.
        Thread.sleep(2000);
        batch.forEach(LoadTool::closeQuietly);
        for (Thread t : threads) {
            t.join(1000);
        }
        System.err.printf("srs-load: primed with %d players (%d got a frame)%n", opt.prime,
                batch.stream().filter(s -> s.firstFrameAt != 0).count());
        Thread.sleep(1000);
    }

    private void launch(long startAt, HttpClient http) {
        long interval = (long) (1e9 / opt.ramp);
        int total = opt.players + opt.hls + opt.httpFlv;
        for (int i = 0; i < total && !stopping; i++) {
            long wait = startAt + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (stopping) {
                return;
            }
            if (i < opt.players) {
                RtmpUrl u = RtmpUrl.parse(Options.expand(opt.url, i, opt.streams));
                Thread.ofVirtual().name("play-" + i)
                        .start(new RtmpPlayer(u, opt, players.get(i), playersEnded::incrementAndGet));
            } else if (i < opt.players + opt.hls) {
                int k = i - opt.players;
                URI u = URI.create(Options.expand(opt.hlsUrl, k, opt.streams));
                Thread.ofVirtual().name("hls-" + k).start(new HlsViewer(http, u, opt, viewers.get(k), () -> stopping));
            } else {
                int k = i - opt.players - opt.hls;
                URI u = URI.create(Options.expand(opt.httpFlvUrl, k, opt.streams));
                Thread.ofVirtual().name("flv-" + k).start(new FlvViewer(u, opt, flvViewers.get(k), () -> { }));
            }
        }
    }

    /** Prints a status line each second until {@code end}; snapshots the window start. */
    private void report(long t0, long end, long windowStart) {
        long lastBytes = 0;
        long lastPub = 0;
        long last = t0;
        double lastCpu = ProcCpu.seconds();
        boolean snapped = false;
        for (long tick = t0 + 1_000_000_000L; ; tick += 1_000_000_000L) {
            long now = System.nanoTime();
            long target = Math.min(tick, end);
            if (!snapped && windowStart < target) {
                target = Math.max(now, windowStart);
            }
            if (target > now) {
                LockSupport.parkNanos(target - now);
            }
            now = System.nanoTime();
            if (!snapped && now >= windowStart) {
                snapped = true;
                windowCpu = ProcCpu.seconds();
                windowServer = opt.serverPid > 0 ? ProcSample.of(opt.serverPid) : null;
                for (List<ClientStats> l : List.of(players, viewers, flvViewers)) {
                    for (ClientStats s : l) {
                        s.windowStartBytes = s.bytes;
                    }
                }
                if (now < tick && now < end) {
                    tick -= 1_000_000_000L;
                    continue;
                }
            }
            long bytes = sum(players) + sum(viewers) + sum(flvViewers);
            long pub = sum(publishers);
            double cpu = ProcCpu.seconds();
            double dt = (now - last) / 1e9;
            if (!opt.quiet) {
                System.err.printf("[%5.1fs] play %d/%d live, %d framed, %d err | hls %d/%d | flv %d/%d live, %d framed, %d err | %.0f kbps in | pub %d/%d %.0f kbps | cpu %.0f%%%s%n",
                        (now - t0) / 1e9, count(players, true), players.size(),
                        frames(players), errorCount(players), count(viewers, false), viewers.size(),
                        count(flvViewers, true), flvViewers.size(), frames(flvViewers), errorCount(flvViewers),
                        (bytes - lastBytes) * 8 / 1000.0 / dt, count(publishers, false), publishers.size(),
                        (pub - lastPub) * 8 / 1000.0 / dt, (cpu - lastCpu) / dt * 100,
                        snapped ? "" : " (warming up)");
            }
            lastBytes = bytes;
            lastPub = pub;
            last = now;
            lastCpu = cpu;
            if (now >= end) {
                return;
            }
        }
    }

    private void writeCsv(long t0, double windowSec) throws IOException {
        StringBuilder b = new StringBuilder(
                "kind,index,start_s,connect_ms,first_frame_ms,window_kbps,audio_tags,video_tags,flv_flags,error\n");
        for (var e : Map.of("rtmp", players, "hls", viewers, "flv", flvViewers).entrySet()) {
            for (ClientStats s : e.getValue()) {
                long bytes = s.windowStartBytes < 0 ? 0 : Math.max(0, s.windowEndBytes - s.windowStartBytes);
                b.append(e.getKey()).append(',').append(s.index).append(',')
                        .append(s.startedAt == 0 ? "" : String.format("%.3f", (s.startedAt - t0) / 1e9)).append(',')
                        .append(s.connectedAt == 0 ? "" : String.format("%.1f", (s.connectedAt - s.startedAt) / 1e6)).append(',')
                        .append(s.firstFrameAt == 0 ? "" : String.format("%.1f", (s.firstFrameAt - s.startedAt) / 1e6)).append(',')
                        .append(String.format("%.1f", bytes * 8 / 1000.0 / windowSec)).append(',')
                        .append(s.audioFrames).append(',').append(s.videoFrames).append(',')
                        .append(s.flvFlags < 0 ? "" : Integer.toString(s.flvFlags)).append(',')
                        .append(s.errorAtEnd == null ? "" : '"' + s.errorAtEnd.replace('"', '\'') + '"').append('\n');
            }
        }
        Files.writeString(opt.csv, b);
    }

    private void snapshotEnd() {
        for (List<ClientStats> l : List.of(players, viewers, flvViewers, publishers)) {
            for (ClientStats s : l) {
                s.windowEndBytes = s.bytes;
                s.errorAtEnd = s.error;
            }
        }
    }

    private Json summary(FlvFile file, double expect, long t0, double windowSec, double cpu0, double windowCpu0,
                         double cpu1, Map<String, Integer> errors) {
        Json j = new Json()
                .put("tool", "srs-load")
                .put("time", Instant.now().toString())
                .put("mode", opt.lean ? "lean" : "full")
                .put("block", opt.block)
                .put("lowat", opt.lean && SocketTuning.available() ? opt.lowat : 0)
                .put("duration_s", opt.duration)
                .put("window_s", windowSec)
                .put("expected_kbps", expect);
        double delivered = 0;
        if (!players.isEmpty()) {
            Json p = viewersJson(players, opt.url, expect, windowSec);
            delivered += (Double) p.fields().get("mbps");
            j.put("players", p);
        }
        if (!viewers.isEmpty()) {
            Json h = viewersJson(viewers, opt.hlsUrl, expect, windowSec);
            delivered += (Double) h.fields().get("mbps");
            j.put("hls", h);
        }
        if (!flvViewers.isEmpty()) {
            Json f = viewersJson(flvViewers, opt.httpFlvUrl, expect, windowSec);
            delivered += (Double) f.fields().get("mbps");
            j.put("http_flv", f);
        }
        if (!publishers.isEmpty()) {
            long bytes = sum(publishers);
            double runSec = (System.nanoTime() - t0) / 1e9;
            j.put("publishers", new Json()
                    .put("url", opt.publishUrl)
                    .put("flv", String.valueOf(opt.flv))
                    .put("flv_kbps", file.kbps())
                    .put("started", started(publishers))
                    .put("connected", count(publishers, false))
                    .put("errors", errorCount(publishers))
                    .put("mbps_avg", bytes * 8 / 1e6 / runSec));
        }
        j.put("delivered_mbps", delivered);
        j.put("tool_cpu", new Json()
                .put("seconds", cpu1 - cpu0)
                .put("cores_in_window", (cpu1 - windowCpu0) / windowSec)
                .put("nproc", Runtime.getRuntime().availableProcessors()));
        List<Json> errs = new ArrayList<>();
        errors.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(8)
                .forEach(e -> errs.add(new Json().put("count", e.getValue()).put("error", e.getKey())));
        j.put("errors", errs);
        return j;
    }

    private Json viewersJson(List<ClientStats> list, String url, double expect, double windowSec) {
        long bytes = 0;
        int ok = 0;
        double[] rates = new double[list.size()];
        List<Double> ttff = new ArrayList<>();
        List<Double> connect = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ClientStats s = list.get(i);
            long b = s.windowStartBytes < 0 ? 0 : Math.max(0, s.windowEndBytes - s.windowStartBytes);
            bytes += b;
            rates[i] = b * 8 / 1000.0 / windowSec;
            if (expect > 0 && rates[i] >= OK_SHARE * expect) {
                ok++;
            }
            if (s.firstFrameAt != 0) {
                ttff.add((s.firstFrameAt - s.startedAt) / 1e6);
            }
            if (s.connectedAt != 0) {
                connect.add((s.connectedAt - s.startedAt) / 1e6);
            }
        }
        Arrays.sort(rates);
        return new Json()
                .put("url", url)
                .put("started", started(list))
                .put("connected", count(list, false))
                .put("got_frame", ttff.size())
                .put("ok", expect > 0 ? ok : null)
                .put("errors", errorCount(list))
                .put("mbps", bytes * 8 / 1e6 / windowSec)
                .put("kbps_p1", percentile(rates, 1))
                .put("kbps_p50", percentile(rates, 50))
                .put("first_frame_ms", percentiles(ttff))
                .put("connect_ms", percentiles(connect));
    }

    private static Json percentiles(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Json().put("n", v.length).put("p50", percentile(v, 50)).put("p90", percentile(v, 90))
                .put("p99", percentile(v, 99)).put("max", v.length == 0 ? Double.NaN : v[v.length - 1]);
    }

    /** Nearest-rank percentile of sorted values; NaN when empty. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    private Map<String, Integer> errorsByMessage() {
        Map<String, Integer> m = new TreeMap<>();
        for (List<ClientStats> l : List.of(players, publishers, viewers, flvViewers)) {
            for (ClientStats s : l) {
                String e = s.errorAtEnd;
                if (e != null) {
                    // Group by message without per-connection numbers.
                    m.merge(e.replaceAll("\\d{3,}", "N"), 1, Integer::sum);
                }
            }
        }
        return m;
    }

    private static long sum(List<ClientStats> l) {
        long t = 0;
        for (ClientStats s : l) {
            t += s.bytes;
        }
        return t;
    }

    private static int started(List<ClientStats> l) {
        int n = 0;
        for (ClientStats s : l) {
            if (s.startedAt != 0) {
                n++;
            }
        }
        return n;
    }

    /** Connected clients; with {@code live} only those still without error. */
    private static int count(List<ClientStats> l, boolean live) {
        int n = 0;
        for (ClientStats s : l) {
            if (s.connectedAt != 0 && (!live || s.error == null)) {
                n++;
            }
        }
        return n;
    }

    private static int frames(List<ClientStats> l) {
        int n = 0;
        for (ClientStats s : l) {
            if (s.firstFrameAt != 0) {
                n++;
            }
        }
        return n;
    }

    /** Clients that failed; after the window's end, only those that failed before it. */
    private static int errorCount(List<ClientStats> l) {
        int n = 0;
        for (ClientStats s : l) {
            if (s.windowEndBytes >= 0 ? s.errorAtEnd != null : s.error != null) {
                n++;
            }
        }
        return n;
    }

    private static void closeQuietly(ClientStats s) {
        var c = s.channel;
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Stopping anyway.
            }
        }
    }
}
