package io.srs.app.hls;

/**
 * Lines up the segments of streams a player switches between (the renditions of an ABR ladder)
 * with those of a leading stream (the ladder's source): a follower starts a segment exactly at
 * the keyframes where the leader started one and gives it the leader's sequence number, so that
 * segment N of every rendition covers the same media time. Keyframes are matched by presentation
 * time, so the followers must carry the leader's timestamps.
 *
 * <p>Implementations are thread-safe and never block: every stream's HLS thread calls them.
 */
public interface Alignment {
    /** The stream follows nobody: it cuts by its own rules. */
    long FREE = -1;
    /** A follower must not start a segment at this keyframe. */
    long HOLD = -2;

    /** Nobody is aligned. */
    Alignment NONE = new Alignment() {
        @Override
        public long keyframe(StreamName stream, long ptsMs) {
            return FREE;
        }

        @Override
        public void started(StreamName stream, long ptsMs, long seq) {
        }
    };

    /**
     * A video keyframe of {@code stream} with presentation time {@code ptsMs} is about to be
     * written.
     *
     * @return {@link #FREE}, {@link #HOLD}, or the sequence number (&gt;= 0) of the segment that
     *         must start at this keyframe
     */
    long keyframe(StreamName stream, long ptsMs);

    /** {@code stream} started segment {@code seq} at a keyframe with presentation time {@code ptsMs}. */
    void started(StreamName stream, long ptsMs, long seq);
}
