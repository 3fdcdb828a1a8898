package io.srs.app.config;

import static io.srs.app.config.Values.preferFalse;
import static io.srs.app.config.Values.preferTrue;
import static io.srs.app.config.Values.string;

import java.time.Duration;
import java.util.List;

/**
 * {@code vhost.hls {…}}: every directive of SRS's HLS muxer with its default (reference §d).
 * Immutable.
 *
 * @param fragment       target segment duration (seconds, fractions allowed)
 * @param tdRatio        a segment is reaped at {@code tdRatio × fragment}
 * @param aofRatio       pure-audio segments are reaped at {@code aofRatio × fragment}
 * @param window         seconds of segments kept in the playlist
 * @param onError        {@code ignore}, {@code disconnect} or {@code continue}
 * @param dispose        delete all files after this long without packets (whole seconds; 0: never)
 * @param keyFilePath    defaults to {@code path}
 * @param keyUrl         defaults to {@code path}
 */
public record HlsConfig(boolean enabled, Duration fragment, double tdRatio, double aofRatio, Duration window,
        String onError, String path, String m3u8File, String tsFile, boolean tsFloor, String entryPrefix,
        String acodec, String vcodec, boolean cleanup, Duration dispose, boolean waitKeyframe, int nbNotify,
        boolean keys, int fragmentsPerKey, String keyFile, String keyFilePath, String keyUrl,
        boolean dtsDirectly, boolean ctx, boolean tsCtx) {

    static HlsConfig of(Directive vhost) {
        Directive b = vhost == null ? null : vhost.get("hls");
        String path = string(b, "hls_path", Defaults.HLS_PATH);
        Duration fragment = Values.seconds(b, "hls_fragment", Defaults.HLS_FRAGMENT);
        if (fragment.isZero()) {
            throw ConfigException.at(b.get("hls_fragment"), "hls_fragment must be more than 0 seconds");
        }
        return new HlsConfig(
                preferFalse(b, "enabled", Defaults.HLS_ENABLED),
                fragment,
                Values.decimal(b, "hls_td_ratio", Defaults.HLS_TD_RATIO, 0, 1e9),
                Values.decimal(b, "hls_aof_ratio", Defaults.HLS_AOF_RATIO, 0, 1e9),
                Values.seconds(b, "hls_window", Defaults.HLS_WINDOW),
                Values.oneOf(b, "hls_on_error", Defaults.HLS_ON_ERROR, List.of("ignore", "disconnect", "continue")),
                path,
                string(b, "hls_m3u8_file", Defaults.HLS_M3U8_FILE),
                string(b, "hls_ts_file", Defaults.HLS_TS_FILE),
                preferFalse(b, "hls_ts_floor", Defaults.HLS_TS_FLOOR),
                string(b, "hls_entry_prefix", Defaults.HLS_ENTRY_PREFIX),
                string(b, "hls_acodec", Defaults.HLS_ACODEC),
                string(b, "hls_vcodec", Defaults.HLS_VCODEC),
                preferTrue(b, "hls_cleanup", Defaults.HLS_CLEANUP),
                Values.wholeSeconds(b, "hls_dispose", Defaults.HLS_DISPOSE),
                preferTrue(b, "hls_wait_keyframe", Defaults.HLS_WAIT_KEYFRAME),
                Values.integer(b, "hls_nb_notify", Defaults.HLS_NB_NOTIFY, 0, Integer.MAX_VALUE),
                // SRS reads hls_keys "prefer true" although it defaults to off.
                preferTrue(b, "hls_keys", Defaults.HLS_KEYS),
                Values.integer(b, "hls_fragments_per_key", Defaults.HLS_FRAGMENTS_PER_KEY, 1, Integer.MAX_VALUE),
                string(b, "hls_key_file", Defaults.HLS_KEY_FILE),
                string(b, "hls_key_file_path", path),
                string(b, "hls_key_url", path),
                preferTrue(b, "hls_dts_directly", Defaults.HLS_DTS_DIRECTLY),
                preferTrue(b, "hls_ctx", Defaults.HLS_CTX),
                preferTrue(b, "hls_ts_ctx", Defaults.HLS_TS_CTX));
    }
}
