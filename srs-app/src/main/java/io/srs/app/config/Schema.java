package io.srs.app.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The directive names SRS v7 accepts, per block (the allow-lists of
 * {@code SrsConfig::check_normal_config}). Used by {@link ConfigValidator} to reject unknown
 * names and by {@link EnvOverrides} to know which {@code SRS_*} variables name a directive.
 *
 * <p>Blocks are keyed by dotted path ({@code http_api.raw_api}, {@code vhost.hls}); a block
 * listed in {@link #TOLERATED} is accepted with any content (features we do not implement).
 * Immutable.
 */
final class Schema {
    static final Set<String> TOP_LEVEL = set("listen", "pid", "chunk_size", "ff_log_dir", "ff_log_level",
            "srs_log_tank", "srs_log_level", "srs_log_level_v2", "srs_log_file", "max_connections", "daemon",
            "heartbeat", "http_api", "stats", "vhost", "pithy_print_ms", "http_server", "stream_caster",
            "rtc_server", "srt_server", "utc_time", "work_dir", "asprocess", "server_id", "grace_final_wait",
            "force_grace_quit", "grace_start_wait", "empty_ip_ok", "disable_daemon_for_docker",
            "inotify_auto_reload", "auto_reload_for_docker", "tcmalloc_release_rate", "query_latest_version",
            "first_wait_for_qlv", "threads", "circuit_breaker", "is_full", "in_docker", "tencentcloud_cls",
            "tencentcloud_apm", "exporter", "http_limits", "rtmps", "tls_ca_file", "rtmp_limits");

    static final Set<String> VHOST = set("enabled", "chunk_size", "min_latency", "tcp_nodelay", "dvr",
            "ingest", "hls", "http_hooks", "refer", "forward", "transcode", "bandcheck", "play", "publish",
            "cluster", "security", "http_remux", "dash", "http_static", "hds", "exec", "in_ack_size",
            "out_ack_size", "rtc", "srt");

    /** Blocks whose children are checked against a list. */
    static final Map<String, Set<String>> BLOCKS = blocks();

    /** Blocks accepted with any content: features outside our scope, still valid SRS syntax. */
    static final Set<String> TOLERATED = set("rtc_server", "srt_server", "stream_caster", "threads",
            "circuit_breaker", "tencentcloud_cls", "tencentcloud_apm", "vhost.bandcheck", "vhost.hds",
            "vhost.ingest.engine", "vhost.ingest.input");

    private static Map<String, Set<String>> blocks() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("http_api", set("enabled", "listen", "crossdomain", "raw_api", "auth", "https", "allow_origin"));
        m.put("http_api.raw_api", set("enabled", "allow_reload", "allow_query", "allow_update"));
        m.put("http_api.auth", set("enabled", "username", "password"));
        m.put("http_api.https", set("enabled", "listen", "key", "cert"));
        m.put("http_server", set("enabled", "listen", "dir", "crossdomain", "https"));
        m.put("http_server.https", set("enabled", "listen", "key", "cert"));
        m.put("rtmps", set("enabled", "listen", "key", "cert"));
        m.put("heartbeat", set("enabled", "interval", "url", "device_id", "summaries", "ports"));
        m.put("stats", set("enabled", "network", "disk"));
        m.put("exporter", set("enabled", "listen", "label", "tag"));
        m.put("http_limits", set("max_connections", "max_connections_per_ip", "max_header_size", "max_body_size",
                "max_headers", "max_parameters", "header_timeout", "idle_timeout"));
        m.put("rtmp_limits", set("partial_bytes", "preauth_bytes", "connect_timeout", "message_timeout",
                "max_connections_per_ip"));
        m.put("vhost.dvr", set("enabled", "dvr_apply", "dvr_path", "dvr_plan", "dvr_duration",
                "dvr_wait_keyframe", "time_jitter"));
        m.put("vhost.refer", set("enabled", "all", "publish", "play"));
        m.put("vhost.exec", set("enabled", "publish"));
        m.put("vhost.play", set("time_jitter", "mix_correct", "atc", "atc_auto", "mw_latency", "gop_cache",
                "gop_cache_max_frames", "queue_length", "send_min_interval", "reduce_sequence_header", "mw_msgs",
                "gop_cache_max_bytes", "queue_max_bytes"));
        m.put("vhost.cluster", set("mode", "origin", "token_traverse", "vhost", "debug_srs_upnode", "coworkers",
                "origin_cluster", "protocol", "follow_client"));
        m.put("vhost.publish", set("mr", "mr_latency", "firstpkt_timeout", "normal_timeout", "parse_sps",
                "try_annexb_first", "kickoff_for_idle"));
        m.put("vhost.ingest", set("enabled", "input", "ffmpeg", "engine"));
        m.put("vhost.http_static", set("enabled", "mount", "dir"));
        m.put("vhost.http_remux", set("enabled", "mount", "fast_cache", "drop_if_not_match", "has_audio",
                "has_video", "guess_has_av"));
        m.put("vhost.dash", set("enabled", "dash_fragment", "dash_update_period", "dash_timeshift", "dash_path",
                "dash_mpd_file", "dash_window_size", "dash_dispose", "dash_cleanup"));
        m.put("vhost.hls", set("enabled", "hls_entry_prefix", "hls_path", "hls_fragment", "hls_window",
                "hls_on_error", "hls_storage", "hls_mount", "hls_td_ratio", "hls_aof_ratio", "hls_acodec",
                "hls_vcodec", "hls_m3u8_file", "hls_ts_file", "hls_ts_floor", "hls_cleanup", "hls_nb_notify",
                "hls_wait_keyframe", "hls_dispose", "hls_keys", "hls_fragments_per_key", "hls_key_file",
                "hls_key_file_path", "hls_key_url", "hls_dts_directly", "hls_ctx", "hls_ts_ctx"));
        m.put("vhost.http_hooks", set("enabled", "on_connect", "on_close", "on_publish", "on_unpublish",
                "on_play", "on_stop", "on_dvr", "on_hls", "on_hls_notify"));
        m.put("vhost.forward", set("enabled", "destination", "backend"));
        m.put("vhost.security", set("enabled", "deny", "allow"));
        m.put("vhost.transcode", set("enabled", "ffmpeg", "engine", "abr"));
        m.put("vhost.transcode.abr", set("enabled", "master"));
        m.put("vhost.transcode.engine", set("enabled", "vfilter", "vcodec", "vbitrate", "vfps", "vwidth",
                "vheight", "vthreads", "vprofile", "vpreset", "vparams", "acodec", "abitrate", "asample_rate",
                "achannels", "aparams", "output", "perfile", "iformat", "oformat"));
        m.put("vhost.rtc", set("enabled", "nack", "twcc", "nack_no_copy", "bframe", "aac", "stun_timeout",
                "stun_strict_check", "dtls_role", "dtls_version", "drop_for_pt", "rtc_to_rtmp", "pli_for_rtmp",
                "rtmp_to_rtc", "keep_bframe", "opus_bitrate", "aac_bitrate", "keep_avc_nalu_sei"));
        m.put("vhost.srt", set("enabled", "srt_to_rtmp"));
        return Map.copyOf(m);
    }

    /** Directives whose value is a list: an environment value is split on whitespace. */
    static final Set<String> LISTS = set("listen", "rtmps.listen", "stats.disk", "vhost.cluster.origin", "vhost.cluster.coworkers",
            "vhost.forward.destination", "vhost.refer.all", "vhost.refer.play", "vhost.refer.publish",
            "vhost.dvr.dvr_apply", "vhost.http_hooks.on_connect", "vhost.http_hooks.on_close",
            "vhost.http_hooks.on_publish", "vhost.http_hooks.on_unpublish", "vhost.http_hooks.on_play",
            "vhost.http_hooks.on_stop", "vhost.http_hooks.on_dvr", "vhost.http_hooks.on_hls",
            "vhost.http_hooks.on_hls_notify");

    /** Blocks whose children are rules or commands, not settings: no environment override. */
    private static final Set<String> NO_ENV = set("vhost", "vhost.ingest", "vhost.transcode", "vhost.security",
            "vhost.exec", "vhost.bandcheck");

    private Schema() {
    }

    /**
     * Every dotted path of a leaf directive an {@code SRS_*} variable may set, e.g.
     * {@code http_api.raw_api.enabled} or {@code vhost.hls.hls_fragment}, in a stable order.
     */
    static List<String> envPaths() {
        Set<String> out = new TreeSet<>();
        for (String n : TOP_LEVEL) {
            if (!BLOCKS.containsKey(n) && !TOLERATED.contains(n) && !n.equals("vhost")) {
                out.add(n);
            }
        }
        for (String n : VHOST) {
            String p = "vhost." + n;
            if (!BLOCKS.containsKey(p) && !TOLERATED.contains(p)) {
                out.add(p);
            }
        }
        for (Map.Entry<String, Set<String>> e : BLOCKS.entrySet()) {
            if (NO_ENV.contains(e.getKey()) || e.getKey().startsWith("vhost.transcode")
                    || e.getKey().startsWith("vhost.ingest")) {
                continue;
            }
            for (String c : e.getValue()) {
                String p = e.getKey() + "." + c;
                if (!BLOCKS.containsKey(p)) {
                    out.add(p);
                }
            }
        }
        return List.copyOf(out);
    }

    private static Set<String> set(String... names) {
        return Set.copyOf(List.of(names));
    }
}
