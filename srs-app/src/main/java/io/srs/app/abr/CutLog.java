package io.srs.app.abr;

import io.srs.app.hls.Alignment;

/**
 * Where the source of a ladder started its latest HLS segments (presentation time of the
 * keyframe, sequence number), and the answer a rendition gets for one of its keyframes.
 *
 * <p>Not thread-safe: guarded by its ladder's lock.
 */
final class CutLog {
    /** Cuts remembered: minutes of segments, more than any rendition lags behind. */
    static final int CUTS = 64;
    /**
     * How far a rendition's keyframe may be from the source's: FFmpeg keeps the timestamps, but an
     * engine that changes the frame rate moves a keyframe to the nearest output frame.
     */
    static final long TOLERANCE_MS = 100;
    /** A rendition this far ahead of the source, or behind its oldest cut, is on another clock. */
    static final long OTHER_CLOCK_MS = 10_000;

    private final long[] pts = new long[CUTS];
    private final long[] seqs = new long[CUTS];
    private int count;
    private int next;
    private long latestKeyframe = Long.MIN_VALUE;

    /** The source reached a keyframe (cut there or not). */
    void keyframe(long ptsMs) {
        latestKeyframe = Math.max(latestKeyframe, ptsMs);
    }

    /** The source started segment {@code seq} at a keyframe. */
    void cut(long ptsMs, long seq) {
        keyframe(ptsMs);
        pts[next] = ptsMs;
        seqs[next] = seq;
        next = (next + 1) % CUTS;
        count = Math.min(count + 1, CUTS);
    }

    boolean hasCuts() {
        return count > 0;
    }

    /**
     * What a rendition does at a keyframe: start the source's segment there, hold on, or cut by
     * its own rules when the source segments nothing or the rendition is on another timeline.
     */
    long plan(long ptsMs) {
        if (count == 0) {
            return Alignment.FREE;
        }
        long oldest = Long.MAX_VALUE;
        long best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            oldest = Math.min(oldest, pts[i]);
            long d = Math.abs(pts[i] - ptsMs);
            if (d <= TOLERANCE_MS && d < bestDistance) {
                best = seqs[i];
                bestDistance = d;
            }
        }
        if (best >= 0) {
            return best;
        }
        if (ptsMs < oldest - OTHER_CLOCK_MS || ptsMs > latestKeyframe + OTHER_CLOCK_MS) {
            return Alignment.FREE;
        }
        return Alignment.HOLD;
    }
}
