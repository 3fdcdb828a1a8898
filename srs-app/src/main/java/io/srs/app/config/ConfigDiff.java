package io.srs.app.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What changed between two snapshots, so a reload (SIGHUP, raw API) notifies only the affected
 * components instead of SRS's one-callback-per-directive {@code ISrsReloadHandler}.
 *
 * <p>Typed values are compared, so writing a default explicitly is not a change; parts without
 * typed accessors are compared as raw directives. Immutable.
 *
 * @param global         top-level items whose values changed
 * @param addedVhosts    vhosts only in the new snapshot, in its order
 * @param removedVhosts  vhosts only in the old snapshot, in its order
 * @param changedVhosts  for vhosts in both, the sections that changed (vhosts without changes
 *                       are absent)
 */
public record ConfigDiff(Set<Global> global, List<String> addedVhosts, List<String> removedVhosts,
        Map<String, Set<VhostSection>> changedVhosts) {

    /** Top-level items a component may subscribe to. */
    public enum Global {
        LISTEN, PID, CHUNK_SIZE, FF_LOG, LOGGING, MAX_CONNECTIONS, DAEMON, PITHY_PRINT, WORK_DIR, ASPROCESS,
        SERVER_ID, GRACE, HTTP_API, HTTP_SERVER, HEARTBEAT, STATS, EXPORTER, RTC_SERVER, SRT_SERVER,
        STREAM_CASTER,
        /** {@code rtmps {}} and {@code tls_ca_file}. */
        TLS,
        /** Any other top-level directive (in_docker, empty_ip_ok, threads, …). */
        OTHER
    }

    /** Parts of a vhost a component may subscribe to. */
    public enum VhostSection {
        ENABLED, CHUNK_SIZE, MIN_LATENCY, TCP_NODELAY, ACK_SIZE, PLAY, PUBLISH, CLUSTER, FORWARD, REFER,
        SECURITY, HTTP_HOOKS, HLS, DVR, HTTP_STATIC, HTTP_REMUX, EXEC, INGEST, TRANSCODE,
        /** dash, hds, rtc, srt, bandcheck. */
        OTHER
    }

    public ConfigDiff {
        global = Collections.unmodifiableSet(global.isEmpty() ? EnumSet.noneOf(Global.class) : EnumSet.copyOf(global));
        addedVhosts = List.copyOf(addedVhosts);
        removedVhosts = List.copyOf(removedVhosts);
        Map<String, Set<VhostSection>> copy = new LinkedHashMap<>();
        changedVhosts.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(EnumSet.copyOf(v))));
        changedVhosts = Collections.unmodifiableMap(copy);
    }

    public static ConfigDiff between(SrsConfig old, SrsConfig next) {
        Set<Global> g = EnumSet.noneOf(Global.class);
        check(g, Global.LISTEN, old, next, SrsConfig::listen);
        check(g, Global.PID, old, next, SrsConfig::pidFile);
        check(g, Global.CHUNK_SIZE, old, next, SrsConfig::chunkSize);
        check(g, Global.FF_LOG, old, next, c -> List.of(c.ffLogDir(), c.ffLogLevel()));
        check(g, Global.LOGGING, old, next,
                c -> List.of(c.logTank(), c.logLevel(), c.logLevelV2(), c.logFile(), c.utcTime()));
        check(g, Global.MAX_CONNECTIONS, old, next, SrsConfig::maxConnections);
        check(g, Global.DAEMON, old, next, SrsConfig::daemon);
        check(g, Global.PITHY_PRINT, old, next, SrsConfig::pithyPrint);
        check(g, Global.WORK_DIR, old, next, SrsConfig::workDir);
        check(g, Global.ASPROCESS, old, next, SrsConfig::asprocess);
        check(g, Global.SERVER_ID, old, next, SrsConfig::serverId);
        check(g, Global.GRACE, old, next, c -> List.of(c.graceStartWait(), c.graceFinalWait(), c.forceGraceQuit()));
        check(g, Global.HTTP_API, old, next, c -> List.of(c.httpApi(), https(c.root(), "http_api")));
        check(g, Global.HTTP_SERVER, old, next, c -> List.of(c.httpServer(), https(c.root(), "http_server")));
        check(g, Global.HEARTBEAT, old, next, SrsConfig::heartbeat);
        check(g, Global.STATS, old, next, SrsConfig::stats);
        check(g, Global.EXPORTER, old, next, SrsConfig::exporter);
        check(g, Global.RTC_SERVER, old, next, c -> raw(c.root(), "rtc_server"));
        check(g, Global.SRT_SERVER, old, next, c -> raw(c.root(), "srt_server"));
        check(g, Global.STREAM_CASTER, old, next, c -> raw(c.root(), "stream_caster"));
        check(g, Global.TLS, old, next, c -> List.of(c.rtmps(), c.tlsCaFile()));
        check(g, Global.OTHER, old, next, c -> others(c.root()));

        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Map<String, Set<VhostSection>> changed = new LinkedHashMap<>();
        for (VhostConfig v : next.vhosts()) {
            VhostConfig before = old.exactVhost(v.name());
            if (before == null) {
                added.add(v.name());
                continue;
            }
            Set<VhostSection> s = sections(before, v);
            if (!s.isEmpty()) {
                changed.put(v.name(), s);
            }
        }
        for (VhostConfig v : old.vhosts()) {
            if (next.exactVhost(v.name()) == null) {
                removed.add(v.name());
            }
        }
        return new ConfigDiff(g, added, removed, changed);
    }

    /** Whether nothing changed. */
    public boolean isEmpty() {
        return global.isEmpty() && addedVhosts.isEmpty() && removedVhosts.isEmpty() && changedVhosts.isEmpty();
    }

    /** The sections of {@code vhost} that changed; empty when it did not change or is new/removed. */
    public Set<VhostSection> vhostChanges(String vhost) {
        return changedVhosts.getOrDefault(vhost, Set.of());
    }

    private static Set<VhostSection> sections(VhostConfig a, VhostConfig b) {
        Set<VhostSection> s = EnumSet.noneOf(VhostSection.class);
        check(s, VhostSection.ENABLED, a, b, VhostConfig::enabled);
        check(s, VhostSection.CHUNK_SIZE, a, b, VhostConfig::chunkSize);
        check(s, VhostSection.MIN_LATENCY, a, b, VhostConfig::minLatency);
        check(s, VhostSection.TCP_NODELAY, a, b, VhostConfig::tcpNodelay);
        check(s, VhostSection.ACK_SIZE, a, b, v -> List.of(v.inAckSize(), v.outAckSize()));
        check(s, VhostSection.PLAY, a, b, VhostConfig::play);
        check(s, VhostSection.PUBLISH, a, b, VhostConfig::publish);
        check(s, VhostSection.CLUSTER, a, b, VhostConfig::cluster);
        check(s, VhostSection.FORWARD, a, b, VhostConfig::forward);
        check(s, VhostSection.REFER, a, b, VhostConfig::refer);
        check(s, VhostSection.SECURITY, a, b, VhostConfig::security);
        check(s, VhostSection.HTTP_HOOKS, a, b, VhostConfig::httpHooks);
        check(s, VhostSection.HLS, a, b, VhostConfig::hls);
        check(s, VhostSection.DVR, a, b, VhostConfig::dvr);
        check(s, VhostSection.HTTP_STATIC, a, b, VhostConfig::httpStatic);
        check(s, VhostSection.HTTP_REMUX, a, b, VhostConfig::httpRemux);
        check(s, VhostSection.EXEC, a, b, VhostConfig::exec);
        check(s, VhostSection.INGEST, a, b, VhostConfig::ingests);
        check(s, VhostSection.TRANSCODE, a, b, VhostConfig::transcodes);
        check(s, VhostSection.OTHER, a, b, v -> List.of(v.raw().getAll("dash"), v.raw().getAll("hds"),
                v.raw().getAll("rtc"), v.raw().getAll("srt"), v.raw().getAll("bandcheck")));
        return s;
    }

    private static final Set<String> NAMED = Set.of("listen", "pid", "chunk_size", "ff_log_dir", "ff_log_level",
            "srs_log_tank", "srs_log_level", "srs_log_level_v2", "srs_log_file", "utc_time", "max_connections",
            "daemon", "pithy_print_ms", "work_dir", "asprocess", "server_id", "grace_start_wait", "grace_final_wait",
            "force_grace_quit", "http_api", "http_server", "heartbeat", "stats", "exporter", "rtc_server",
            "srt_server", "stream_caster", "vhost", "rtmps", "tls_ca_file");

    private static List<Directive> others(Directive root) {
        return root.children().stream().filter(d -> !NAMED.contains(d.name())).toList();
    }

    /** The untyped {@code https {}} sub-block of {@code http_api} or {@code http_server}. */
    private static List<Directive> https(Directive root, String block) {
        Directive b = root.get(block);
        return b == null ? List.of() : b.getAll("https");
    }

    private static List<Directive> raw(Directive root, String name) {
        return root.getAll(name);
    }

    private static <E extends Enum<E>, T> void check(Set<E> out, E item, T a, T b, Function<T, Object> get) {
        if (!Objects.equals(get.apply(a), get.apply(b))) {
            out.add(item);
        }
    }
}
