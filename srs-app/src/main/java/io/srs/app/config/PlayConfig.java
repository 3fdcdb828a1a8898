package io.srs.app.config;

import static io.srs.app.config.Values.preferFalse;
import static io.srs.app.config.Values.preferTrue;

import java.time.Duration;

/**
 * {@code vhost.play {…}} (v1: the same names directly in the vhost). Immutable.
 *
 * @param queueLength      per-player queue bound (whole seconds); on overflow a GOP is dropped
 * @param mwLatency        merged-write wait (ms)
 * @param mwMsgs           minimum messages per merged write; default 8, or 0 when the vhost's
 *                         {@code min_latency} is on; values above 128 are clamped like SRS
 * @param sendMinInterval  minimum time between two sends (ms, fractions allowed)
 * @param gopCacheMaxBytes payload bytes the GOP cache holds at most (ours, 0 = no cap)
 * @param queueMaxBytes    payload bytes one player's queue holds at most (ours, 0 = no cap)
 */
public record PlayConfig(boolean gopCache, int gopCacheMaxFrames, Duration queueLength, TimeJitter timeJitter,
        boolean mixCorrect, boolean atc, boolean atcAuto, Duration mwLatency, int mwMsgs,
        Duration sendMinInterval, boolean reduceSequenceHeader, long gopCacheMaxBytes, long queueMaxBytes) {

    /** With the default byte caps. */
    public PlayConfig(boolean gopCache, int gopCacheMaxFrames, Duration queueLength, TimeJitter timeJitter,
            boolean mixCorrect, boolean atc, boolean atcAuto, Duration mwLatency, int mwMsgs,
            Duration sendMinInterval, boolean reduceSequenceHeader) {
        this(gopCache, gopCacheMaxFrames, queueLength, timeJitter, mixCorrect, atc, atcAuto, mwLatency, mwMsgs,
                sendMinInterval, reduceSequenceHeader, Defaults.GOP_CACHE_MAX_BYTES, Defaults.QUEUE_MAX_BYTES);
    }

    static PlayConfig of(Directive vhost, boolean minLatency) {
        Directive b = vhost == null ? null : vhost.get("play");
        int mwMsgs = Values.integer(b, "mw_msgs", minLatency ? Defaults.MW_MSGS_REALTIME : Defaults.MW_MSGS,
                0, Integer.MAX_VALUE);
        return new PlayConfig(
                preferTrue(b, "gop_cache", Defaults.GOP_CACHE),
                Values.integer(b, "gop_cache_max_frames", Defaults.GOP_CACHE_MAX_FRAMES, 0, Integer.MAX_VALUE),
                Values.wholeSeconds(b, "queue_length", Defaults.QUEUE_LENGTH),
                Values.timeJitter(b, "time_jitter", Defaults.TIME_JITTER),
                preferFalse(b, "mix_correct", Defaults.MIX_CORRECT),
                preferFalse(b, "atc", Defaults.ATC),
                preferFalse(b, "atc_auto", Defaults.ATC_AUTO),
                Values.millis(b, "mw_latency", Defaults.MW_LATENCY),
                Math.min(mwMsgs, Defaults.MW_MSGS_MAX),
                Values.decimalMillis(b, "send_min_interval", Defaults.SEND_MIN_INTERVAL),
                preferFalse(b, "reduce_sequence_header", Defaults.REDUCE_SEQUENCE_HEADER),
                Values.truncated(b, "gop_cache_max_bytes", Defaults.GOP_CACHE_MAX_BYTES, 0, Long.MAX_VALUE),
                Values.truncated(b, "queue_max_bytes", Defaults.QUEUE_MAX_BYTES, 0, Long.MAX_VALUE));
    }
}
