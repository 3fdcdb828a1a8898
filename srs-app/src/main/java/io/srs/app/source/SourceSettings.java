package io.srs.app.source;

/**
 * The vhost settings a live source and its consumers follow (from {@code play {}}), taken as a
 * value so a reload can swap them without the source knowing the config.
 *
 * @param gopCache             play.gop_cache
 * @param gopCacheMaxFrames    play.gop_cache_max_frames (0 = no cap)
 * @param queueLengthMillis    play.queue_length, per-player queue bound in media milliseconds
 * @param jitter               play.time_jitter
 * @param mixCorrect           play.mix_correct
 * @param atc                  play.atc
 * @param atcAuto              play.atc_auto: turn atc on when metadata has bravo_atc "true"
 * @param reduceSequenceHeader play.reduce_sequence_header
 * @param gopCacheMaxBytes     play.gop_cache_max_bytes (0 = no cap)
 * @param queueMaxBytes        play.queue_max_bytes, per-player queue bound in payload bytes (0 = no cap)
 * @param audioCacheMillis     http_remux.fast_cache when the mount is .aac/.mp3: the audio a new
 *                             listener gets first (0 = none)
 */
public record SourceSettings(boolean gopCache, int gopCacheMaxFrames, long queueLengthMillis,
                             JitterAlgorithm jitter, boolean mixCorrect, boolean atc, boolean atcAuto,
                             boolean reduceSequenceHeader, long gopCacheMaxBytes, long queueMaxBytes,
                             long audioCacheMillis) {

    /** 64 MiB, as play.gop_cache_max_bytes and play.queue_max_bytes default to. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    /** Without an audio cache. */
    public SourceSettings(boolean gopCache, int gopCacheMaxFrames, long queueLengthMillis, JitterAlgorithm jitter,
                          boolean mixCorrect, boolean atc, boolean atcAuto, boolean reduceSequenceHeader,
                          long gopCacheMaxBytes, long queueMaxBytes) {
        this(gopCache, gopCacheMaxFrames, queueLengthMillis, jitter, mixCorrect, atc, atcAuto, reduceSequenceHeader,
                gopCacheMaxBytes, queueMaxBytes, 0);
    }

    /** With the default byte caps. */
    public SourceSettings(boolean gopCache, int gopCacheMaxFrames, long queueLengthMillis, JitterAlgorithm jitter,
                          boolean mixCorrect, boolean atc, boolean atcAuto, boolean reduceSequenceHeader) {
        this(gopCache, gopCacheMaxFrames, queueLengthMillis, jitter, mixCorrect, atc, atcAuto, reduceSequenceHeader,
                DEFAULT_MAX_BYTES, DEFAULT_MAX_BYTES);
    }

    /** The same with another jitter algorithm (our own consumers pass timestamps through). */
    public SourceSettings withJitter(JitterAlgorithm j) {
        return new SourceSettings(gopCache, gopCacheMaxFrames, queueLengthMillis, j, mixCorrect, atc, atcAuto,
                reduceSequenceHeader, gopCacheMaxBytes, queueMaxBytes, audioCacheMillis);
    }

    /** SRS's defaults, for tests and sources created before any vhost is known. */
    public static final SourceSettings DEFAULTS =
            new SourceSettings(true, 2500, 30_000, JitterAlgorithm.FULL, false, false, false, false);
}
