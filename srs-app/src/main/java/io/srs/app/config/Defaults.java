package io.srs.app.config;

import java.time.Duration;
import java.util.List;

/**
 * Every default value of the configuration, in one place. Values are SRS v7.0.18's (the
 * {@code DEFAULT} constants of the getters in srs_app_config.cpp, srs_core_performance.hpp and
 * srs_kernel_consts.hpp); the directive each applies to is named in its comment.
 *
 * <p>Constants only; thread-safe.
 */
public final class Defaults {
    private Defaults() {
    }

    /** Name of the vhost used when a client's vhost has no block of its own. */
    public static final String DEFAULT_VHOST = "__defaultVhost__";
    /** Host of a listen entry written as a bare port. */
    public static final String ANY_HOST = "0.0.0.0";

    // Top level.
    public static final String PID = "./objs/srs.pid";
    /** {@code chunk_size}: SRS_CONSTS_RTMP_SRS_CHUNK_SIZE. */
    public static final int CHUNK_SIZE = 60000;
    public static final int MIN_CHUNK_SIZE = 128;
    public static final int MAX_CHUNK_SIZE = 65536;
    public static final String FF_LOG_DIR = "./objs";
    public static final String FF_LOG_LEVEL = "info";
    /** {@code srs_log_tank}: anything but {@code console} means file. */
    public static final String LOG_TANK = "file";
    public static final String LOG_LEVEL = "trace";
    /** {@code srs_log_level_v2}: empty means "use srs_log_level". */
    public static final String LOG_LEVEL_V2 = "";
    public static final String LOG_FILE = "./objs/srs.log";
    public static final int MAX_CONNECTIONS = 1000;
    // rtmp_limits (ours; SRS trusts announced lengths and has per-read timeouts only).
    /** 16 MiB: two messages of the 8 MiB maximum interleaved (a keyframe and another). */
    public static final int RTMP_LIMITS_PARTIAL_BYTES = 16 * 1024 * 1024;
    /** 32 MiB for every connection that has not yet published or played, together. */
    public static final int RTMP_LIMITS_PREAUTH_BYTES = 32 * 1024 * 1024;
    /** SRS's SRS_CONSTS_RTMP_TIMEOUT, but as a deadline from accept rather than per read. */
    public static final Duration RTMP_LIMITS_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration RTMP_LIMITS_MESSAGE_TIMEOUT = Duration.ofSeconds(30);
    /** 0: half of max_connections. */
    public static final int RTMP_LIMITS_MAX_CONNECTIONS_PER_IP = 0;
    public static final boolean DAEMON = true;
    public static final boolean UTC_TIME = false;
    /** {@code pithy_print_ms}. */
    public static final Duration PITHY_PRINT = Duration.ofSeconds(10);
    public static final String WORK_DIR = "./";
    public static final boolean ASPROCESS = false;
    /** {@code server_id}: empty, the caller generates one. */
    public static final String SERVER_ID = "";
    public static final Duration GRACE_START_WAIT = Duration.ofMillis(2300);
    public static final Duration GRACE_FINAL_WAIT = Duration.ofMillis(3200);
    public static final boolean FORCE_GRACE_QUIT = false;
    public static final boolean EMPTY_IP_OK = true;
    public static final boolean IN_DOCKER = false;
    public static final boolean DISABLE_DAEMON_FOR_DOCKER = true;
    public static final boolean INOTIFY_AUTO_RELOAD = false;
    public static final boolean AUTO_RELOAD_FOR_DOCKER = true;

    // http_api, http_server, heartbeat, stats, exporter.
    public static final boolean HTTP_API_ENABLED = false;
    public static final String HTTP_API_LISTEN = "1985";
    public static final boolean HTTP_API_CROSSDOMAIN = true;
    public static final boolean RAW_API_ENABLED = false;
    public static final boolean RAW_API_ALLOW_RELOAD = false;
    public static final boolean HTTP_API_AUTH_ENABLED = false;
    public static final String HTTP_API_AUTH_USERNAME = "";
    public static final String HTTP_API_AUTH_PASSWORD = "";
    public static final boolean HTTP_SERVER_ENABLED = false;
    public static final String HTTP_SERVER_LISTEN = "8080";
    public static final String HTTP_SERVER_DIR = "./objs/nginx/html";
    public static final boolean HTTP_SERVER_CROSSDOMAIN = true;
    // http_limits (ours; SRS has fixed HTTP limits). A request head of 8 KiB is Tomcat's and
    // Jetty's default; the API takes bodies of a few hundred bytes.
    public static final int HTTP_LIMITS_MAX_CONNECTIONS = 10_000;
    public static final int HTTP_LIMITS_MAX_CONNECTIONS_PER_IP = 200;
    public static final int HTTP_LIMITS_MAX_HEADER_SIZE = 8 * 1024;
    public static final long HTTP_LIMITS_MAX_BODY_SIZE = 64 * 1024;
    public static final int HTTP_LIMITS_MAX_HEADERS = 64;
    public static final int HTTP_LIMITS_MAX_PARAMETERS = 100;
    public static final Duration HTTP_LIMITS_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration HTTP_LIMITS_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final boolean HEARTBEAT_ENABLED = false;
    /** {@code heartbeat.interval}: whole seconds (SRS uses atoi, so {@code 9.3} is 9 s). */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    public static final String HEARTBEAT_URL = "http://127.0.0.1:8085/api/v1/servers";
    public static final String HEARTBEAT_DEVICE_ID = "";
    public static final boolean HEARTBEAT_SUMMARIES = false;
    public static final boolean HEARTBEAT_PORTS = false;
    public static final boolean STATS_ENABLED = true;
    public static final int STATS_NETWORK = 0;
    public static final boolean EXPORTER_ENABLED = false;
    public static final String EXPORTER_LISTEN = "9972";
    public static final String EXPORTER_LABEL = "";
    public static final String EXPORTER_TAG = "";

    // vhost.
    public static final boolean VHOST_ENABLED = true;
    /** {@code min_latency}: SRS_PERF_MIN_LATENCY_ENABLED. */
    public static final boolean MIN_LATENCY = false;
    public static final boolean TCP_NODELAY = false;
    public static final int IN_ACK_SIZE = 0;
    public static final int OUT_ACK_SIZE = 2500000;

    // vhost.play.
    public static final boolean GOP_CACHE = true;
    public static final int GOP_CACHE_MAX_FRAMES = 2500;
    /**
     * {@code gop_cache_max_bytes} and {@code queue_max_bytes} (ours): timestamps that never advance
     * or go backwards defeat the frame and time bounds; 64 MiB is 10 s of a 50 Mbit/s stream.
     */
    public static final long GOP_CACHE_MAX_BYTES = 64L * 1024 * 1024;
    public static final long QUEUE_MAX_BYTES = 64L * 1024 * 1024;
    /** {@code queue_length}: SRS_PERF_PLAY_QUEUE, whole seconds. */
    public static final Duration QUEUE_LENGTH = Duration.ofSeconds(30);
    public static final TimeJitter TIME_JITTER = TimeJitter.FULL;
    public static final boolean MIX_CORRECT = false;
    public static final boolean ATC = false;
    public static final boolean ATC_AUTO = false;
    /** {@code mw_latency}: SRS_PERF_MW_SLEEP. */
    public static final Duration MW_LATENCY = Duration.ofMillis(350);
    /** {@code mw_msgs}: SRS_PERF_MW_MIN_MSGS; {@link #MW_MSGS_REALTIME} when min_latency is on. */
    public static final int MW_MSGS = 8;
    public static final int MW_MSGS_REALTIME = 0;
    /** Upper bound of {@code mw_msgs} (SRS_PERF_MW_MSGS); larger values are clamped. */
    public static final int MW_MSGS_MAX = 128;
    public static final Duration SEND_MIN_INTERVAL = Duration.ZERO;
    public static final boolean REDUCE_SEQUENCE_HEADER = false;

    // vhost.publish.
    /** {@code mr}: SRS_PERF_MR_ENABLED. */
    public static final boolean MR = false;
    /** {@code mr_latency}: SRS_PERF_MR_SLEEP. */
    public static final Duration MR_LATENCY = Duration.ofMillis(350);
    public static final Duration FIRSTPKT_TIMEOUT = Duration.ofMillis(20000);
    public static final Duration NORMAL_TIMEOUT = Duration.ofMillis(5000);
    public static final boolean PARSE_SPS = true;
    public static final boolean TRY_ANNEXB_FIRST = true;
    public static final Duration KICKOFF_FOR_IDLE = Duration.ZERO;

    // vhost.cluster.
    public static final ClusterMode CLUSTER_MODE = ClusterMode.LOCAL;
    public static final boolean TOKEN_TRAVERSE = false;
    /** {@code cluster.vhost}: the literal template, meaning "the same vhost". */
    public static final String CLUSTER_VHOST = "[vhost]";
    public static final boolean DEBUG_SRS_UPNODE = true;
    public static final boolean ORIGIN_CLUSTER = false;
    public static final String CLUSTER_PROTOCOL = "rtmp";
    public static final boolean FOLLOW_CLIENT = false;

    // vhost.forward, refer, security, exec.
    public static final boolean FORWARD_ENABLED = false;
    public static final String FORWARD_BACKEND = "";
    public static final boolean REFER_ENABLED = false;
    public static final boolean SECURITY_ENABLED = false;
    public static final boolean EXEC_ENABLED = false;

    // vhost.transcode, vhost.ingest and their engines (srs_app_config.cpp get_engine_*).
    public static final boolean TRANSCODE_ENABLED = false;
    public static final String INGEST_INPUT_TYPE = "file";
    public static final boolean ENGINE_ENABLED = false;
    public static final String ENGINE_IFORMAT = "flv";
    public static final String ENGINE_OFORMAT = "flv";
    public static final int ENGINE_VTHREADS = 1;
    // vhost.transcode.abr (not in SRS): the stream and its engines' outputs as one HLS ladder.
    public static final boolean ABR_ENABLED = false;
    public static final String ABR_MASTER = "[app]/[stream]_abr.m3u8";

    // vhost.http_hooks.
    public static final boolean HTTP_HOOKS_ENABLED = false;
    /**
     * Timeout of each hook request. Not a directive in SRS: it is SRS_HTTP_CLIENT_TIMEOUT
     * (srs_protocol_http_client.hpp), the HTTP client's fixed default.
     */
    public static final Duration HTTP_CLIENT_TIMEOUT = Duration.ofSeconds(30);

    // vhost.hls.
    public static final boolean HLS_ENABLED = false;
    public static final Duration HLS_FRAGMENT = Duration.ofSeconds(10);
    public static final double HLS_TD_RATIO = 1.0;
    public static final double HLS_AOF_RATIO = 2.1;
    public static final Duration HLS_WINDOW = Duration.ofSeconds(60);
    public static final String HLS_ON_ERROR = "continue";
    public static final String HLS_PATH = "./objs/nginx/html";
    public static final String HLS_M3U8_FILE = "[app]/[stream].m3u8";
    public static final String HLS_TS_FILE = "[app]/[stream]-[seq].ts";
    public static final boolean HLS_TS_FLOOR = false;
    public static final String HLS_ENTRY_PREFIX = "";
    public static final String HLS_ACODEC = "aac";
    public static final String HLS_VCODEC = "h264";
    public static final boolean HLS_CLEANUP = true;
    public static final Duration HLS_DISPOSE = Duration.ofSeconds(120);
    public static final boolean HLS_WAIT_KEYFRAME = true;
    public static final int HLS_NB_NOTIFY = 64;
    public static final boolean HLS_KEYS = false;
    public static final int HLS_FRAGMENTS_PER_KEY = 5;
    public static final String HLS_KEY_FILE = "[app]/[stream]-[seq].key";
    // hls_key_file_path and hls_key_url default to the vhost's hls_path.
    public static final boolean HLS_DTS_DIRECTLY = true;
    public static final boolean HLS_CTX = true;
    public static final boolean HLS_TS_CTX = true;

    // vhost.dvr.
    public static final boolean DVR_ENABLED = false;
    public static final List<String> DVR_APPLY = List.of("all");
    public static final String DVR_PLAN = "session";
    public static final String DVR_PATH = "./objs/nginx/html/[app]/[stream].[timestamp].flv";
    public static final Duration DVR_DURATION = Duration.ofSeconds(30);
    public static final boolean DVR_WAIT_KEYFRAME = true;
    public static final TimeJitter DVR_TIME_JITTER = TimeJitter.FULL;

    // vhost.http_static, http_remux.
    public static final boolean HTTP_STATIC_ENABLED = false;
    public static final String HTTP_STATIC_MOUNT = "[vhost]/";
    public static final String HTTP_STATIC_DIR = "./objs/nginx/html";
    public static final boolean HTTP_REMUX_ENABLED = false;
    public static final String HTTP_REMUX_MOUNT = "[vhost]/[app]/[stream].flv";
    public static final Duration HTTP_REMUX_FAST_CACHE = Duration.ZERO;
    public static final boolean HTTP_REMUX_DROP_IF_NOT_MATCH = true;
    public static final boolean HTTP_REMUX_HAS_AUDIO = true;
    public static final boolean HTTP_REMUX_HAS_VIDEO = true;
    public static final boolean HTTP_REMUX_GUESS_HAS_AV = true;

    // TLS: rtmps {} (SRS 7), http_api.https {}, http_server.https {}, tls_ca_file (ours).
    public static final boolean RTMPS_ENABLED = false;
    public static final String RTMPS_LISTEN = "1443";
    public static final boolean HTTPS_ENABLED = false;
    public static final String HTTP_API_HTTPS_LISTEN = "1990";
    public static final String HTTP_SERVER_HTTPS_LISTEN = "8088";
    public static final String TLS_KEY = "./conf/server.key";
    public static final String TLS_CERT = "./conf/server.crt";
    /** Extra CA certificates (PEM) for outbound TLS; "" means the system trust store only. */
    public static final String TLS_CA_FILE = "";
}
