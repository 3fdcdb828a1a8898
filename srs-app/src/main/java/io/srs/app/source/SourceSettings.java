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
 */
public record SourceSettings(boolean gopCache, int gopCacheMaxFrames, long queueLengthMillis,
                             JitterAlgorithm jitter, boolean mixCorrect, boolean atc, boolean atcAuto,
                             boolean reduceSequenceHeader) {

    /** SRS's defaults, for tests and sources created before any vhost is known. */
    public static final SourceSettings DEFAULTS =
            new SourceSettings(true, 2500, 30_000, JitterAlgorithm.FULL, false, false, false, false);
}
