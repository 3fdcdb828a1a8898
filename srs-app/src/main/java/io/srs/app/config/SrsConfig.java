package io.srs.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable, validated snapshot of the whole configuration, with typed accessors whose
 * defaults all live in {@link Defaults}. Build one with {@link #load}, {@link #parse} or
 * {@link #fromEnvironment}: parse (with includes) → {@link CompatTransform} →
 * {@link EnvOverrides} → {@link ConfigValidator} → typed values, where any bad value fails with
 * its {@code file:line}.
 *
 * <p>Building never touches shared state, so a reload can build a new snapshot, and on failure
 * simply keep the old one; {@link ConfigDiff} tells which parts changed. Thread-safe.
 */
public final class SrsConfig {
    private final Directive root;
    private final boolean envOnly;
    private final List<ListenAddress> listen;
    private final int chunkSize;
    private final HttpApiConfig httpApi;
    private final HttpServerConfig httpServer;
    private final HeartbeatConfig heartbeat;
    private final StatsConfig stats;
    private final ExporterConfig exporter;
    private final HttpLimitsConfig httpLimits;
    private final TlsConfig rtmps;
    private final TlsConfig httpApiHttps;
    private final TlsConfig httpServerHttps;
    private final RtmpLimitsConfig rtmpLimits;
    private final Map<String, VhostConfig> vhosts;
    // Scalars read eagerly so that bad values fail at load, not at first use.
    private final int maxConnections;
    private final Duration pithyPrint;
    private final Duration graceStartWait;
    private final Duration graceFinalWait;

    private SrsConfig(Directive root, boolean envOnly) {
        this.root = root;
        this.envOnly = envOnly;
        ConfigValidator.checkStructure(root, envOnly);
        List<ListenAddress> addresses = new ArrayList<>();
        Directive l = root.get("listen");
        if (l != null) {
            for (String endpoint : l.args()) {
                addresses.add(ListenAddress.parse(endpoint, l));
            }
        }
        this.listen = List.copyOf(addresses);
        this.chunkSize = Values.integer(root, "chunk_size", Defaults.CHUNK_SIZE, Defaults.MIN_CHUNK_SIZE,
                Defaults.MAX_CHUNK_SIZE);
        this.maxConnections = Values.integer(root, "max_connections", Defaults.MAX_CONNECTIONS, 1, Integer.MAX_VALUE);
        this.pithyPrint = Values.millis(root, "pithy_print_ms", Defaults.PITHY_PRINT);
        this.graceStartWait = Values.millis(root, "grace_start_wait", Defaults.GRACE_START_WAIT);
        this.graceFinalWait = Values.millis(root, "grace_final_wait", Defaults.GRACE_FINAL_WAIT);
        this.httpApi = HttpApiConfig.of(root);
        this.httpServer = HttpServerConfig.of(root);
        this.heartbeat = HeartbeatConfig.of(root);
        this.stats = StatsConfig.of(root);
        this.exporter = ExporterConfig.of(root);
        this.httpLimits = HttpLimitsConfig.of(root);
        this.rtmps = TlsConfig.rtmps(root);
        this.httpApiHttps = TlsConfig.https(root, "http_api", Defaults.HTTP_API_HTTPS_LISTEN);
        this.httpServerHttps = TlsConfig.https(root, "http_server", Defaults.HTTP_SERVER_HTTPS_LISTEN);
        this.rtmpLimits = RtmpLimitsConfig.of(root);
        Map<String, VhostConfig> vs = new LinkedHashMap<>();
        for (Directive v : root.getAll("vhost")) {
            vs.put(v.arg0(), VhostConfig.of(v, chunkSize));
        }
        this.vhosts = java.util.Collections.unmodifiableMap(vs);
        ConfigValidator.checkConflicts(this);
    }

    /**
     * Loads {@code file}; it and every {@code include} are resolved against the process working
     * directory, as in SRS.
     */
    public static SrsConfig load(Path file, Map<String, String> env) {
        Path cwd = Path.of("").toAbsolutePath();
        return build(new ConfigParser(cwd).parseFile(file), env);
    }

    /** Parses {@code text} as if read from {@code fileName}; includes resolve against {@code baseDir}. */
    public static SrsConfig parse(String text, String fileName, Path baseDir, Map<String, String> env) {
        return build(new ConfigParser(baseDir).parse(text, fileName), env);
    }

    /**
     * Env-only mode ({@code -e} / {@code SRS_ENV_ONLY}): no file, every value from {@code SRS_*}
     * variables, a {@code __defaultVhost__}, and, unless the environment says otherwise,
     * {@code daemon off} and console logging (as SRS does).
     */
    public static SrsConfig fromEnvironment(Map<String, String> env) {
        Map<String, String> e = new HashMap<>(env);
        if (isBlank(e.get("SRS_DAEMON"))) {
            e.put("SRS_DAEMON", "off");
        }
        if (isBlank(e.get("SRS_SRS_LOG_TANK")) && isBlank(e.get("SRS_LOG_TANK"))) {
            e.put("SRS_SRS_LOG_TANK", "console");
        }
        Directive vhost = new Directive("vhost", List.of(Defaults.DEFAULT_VHOST), List.of(), true, "env", 0);
        Directive root = new Directive(ConfigParser.ROOT, List.of(), List.of(vhost), true, "env", 0);
        return new SrsConfig(EnvOverrides.apply(root, e), true);
    }

    private static SrsConfig build(Directive parsed, Map<String, String> env) {
        return new SrsConfig(EnvOverrides.apply(CompatTransform.apply(parsed), env), false);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** A listen endpoint directive of a block, or {@code def} (a bare port). */
    static ListenAddress endpoint(Directive block, String name, String def) {
        Directive d = Values.present(block, name);
        return d == null ? new ListenAddress(Defaults.ANY_HOST, Integer.parseInt(def)) : ListenAddress.parse(d.arg0(), d);
    }

    /** The final tree (after transform and environment), for features without typed accessors. */
    public Directive root() {
        return root;
    }

    /** Whether this snapshot was built by {@link #fromEnvironment}. */
    public boolean envOnly() {
        return envOnly;
    }

    /** RTMP listen endpoints ({@code listen}); empty only in env-only mode without SRS_LISTEN. */
    public List<ListenAddress> listen() {
        return listen;
    }

    public String pidFile() {
        return Values.string(root, "pid", Defaults.PID);
    }

    /** Global outgoing RTMP chunk size, 128..65536. */
    public int chunkSize() {
        return chunkSize;
    }

    public String ffLogDir() {
        return Values.string(root, "ff_log_dir", Defaults.FF_LOG_DIR);
    }

    public String ffLogLevel() {
        return Values.string(root, "ff_log_level", Defaults.FF_LOG_LEVEL);
    }

    /** {@code console} or {@code file} (any value but {@code console} means file, as in SRS). */
    public String logTank() {
        return Values.string(root, "srs_log_tank", Defaults.LOG_TANK).equals("console") ? "console" : "file";
    }

    public String logLevel() {
        return Values.string(root, "srs_log_level", Defaults.LOG_LEVEL);
    }

    /** {@code srs_log_level_v2}, or "" when not set. */
    public String logLevelV2() {
        return Values.string(root, "srs_log_level_v2", Defaults.LOG_LEVEL_V2);
    }

    public String logFile() {
        return Values.string(root, "srs_log_file", Defaults.LOG_FILE);
    }

    public int maxConnections() {
        return maxConnections;
    }

    public boolean daemon() {
        return Values.preferTrue(root, "daemon", Defaults.DAEMON);
    }

    public boolean utcTime() {
        return Values.preferFalse(root, "utc_time", Defaults.UTC_TIME);
    }

    /** {@code pithy_print_ms}. */
    public Duration pithyPrint() {
        return pithyPrint;
    }

    public String workDir() {
        return Values.string(root, "work_dir", Defaults.WORK_DIR);
    }

    public boolean asprocess() {
        return Values.preferFalse(root, "asprocess", Defaults.ASPROCESS);
    }

    /** {@code server_id}, or "" when not set: the caller then generates (and persists) one. */
    public String serverId() {
        return Values.string(root, "server_id", Defaults.SERVER_ID);
    }

    public Duration graceStartWait() {
        return graceStartWait;
    }

    public Duration graceFinalWait() {
        return graceFinalWait;
    }

    public boolean forceGraceQuit() {
        return Values.preferFalse(root, "force_grace_quit", Defaults.FORCE_GRACE_QUIT);
    }

    public boolean emptyIpOk() {
        return Values.preferTrue(root, "empty_ip_ok", Defaults.EMPTY_IP_OK);
    }

    public boolean inDocker() {
        return Values.preferFalse(root, "in_docker", Defaults.IN_DOCKER);
    }

    public boolean disableDaemonForDocker() {
        return Values.preferTrue(root, "disable_daemon_for_docker", Defaults.DISABLE_DAEMON_FOR_DOCKER);
    }

    public boolean inotifyAutoReload() {
        return Values.preferFalse(root, "inotify_auto_reload", Defaults.INOTIFY_AUTO_RELOAD);
    }

    public boolean autoReloadForDocker() {
        return Values.preferTrue(root, "auto_reload_for_docker", Defaults.AUTO_RELOAD_FOR_DOCKER);
    }

    public HttpApiConfig httpApi() {
        return httpApi;
    }

    public HttpServerConfig httpServer() {
        return httpServer;
    }

    /** SRS 7's {@code rtmps {}}: RTMP over TLS on its own ports. */
    public TlsConfig rtmps() {
        return rtmps;
    }

    /** {@code http_api { https {} }}. */
    public TlsConfig httpApiHttps() {
        return httpApiHttps;
    }

    /** {@code http_server { https {} }}. */
    public TlsConfig httpServerHttps() {
        return httpServerHttps;
    }

    /** {@code tls_ca_file} (ours): extra trusted CAs for outbound TLS, or "" for the system store only. */
    public String tlsCaFile() {
        return Values.string(root, "tls_ca_file", Defaults.TLS_CA_FILE);
    }

    public HeartbeatConfig heartbeat() {
        return heartbeat;
    }

    public StatsConfig stats() {
        return stats;
    }

    public ExporterConfig exporter() {
        return exporter;
    }

    public HttpLimitsConfig httpLimits() {
        return httpLimits;
    }

    public RtmpLimitsConfig rtmpLimits() {
        return rtmpLimits;
    }

    /**
     * The vhost a client asking for {@code name} gets, like {@code SrsConfig::get_vhost}: the
     * block whose name matches exactly, else {@code __defaultVhost__}, else {@code null} (the
     * client must be rejected).
     */
    public VhostConfig vhost(String name) {
        VhostConfig v = vhosts.get(name);
        return v != null ? v : vhosts.get(Defaults.DEFAULT_VHOST);
    }

    /** The vhost block named exactly {@code name}, without the default fallback, or null. */
    public VhostConfig exactVhost(String name) {
        return vhosts.get(name);
    }

    /** All vhosts in file order. */
    public List<VhostConfig> vhosts() {
        return List.copyOf(vhosts.values());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Directive d : root.children()) {
            sb.append(d);
        }
        return sb.toString();
    }
}
