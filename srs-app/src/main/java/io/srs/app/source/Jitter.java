package io.srs.app.source;

import io.srs.kernel.media.MediaMessage;

/**
 * Per-player timestamp correction. Port of {@code SrsRtmpJitter} (srs_app_source.cpp): with
 * {@link JitterAlgorithm#FULL} every player sees a monotonic timeline starting near zero, so a
 * republish, an encoder that restarts its clock or a 32-bit wrap never makes the player's
 * timestamps jump.
 *
 * <p>Not thread-safe: owned by one consumer and called under its lock.
 */
final class Jitter {
    /** A delta outside +/-250 ms is a jump, not media time (SRS CONST_MAX_JITTER_MS). */
    static final long MAX_JITTER_MS = 250;
    /** What a jump is replaced with: small enough to notice, never negative (SRS #425). */
    static final long DEFAULT_FRAME_TIME_MS = 10;

    private long lastPacketTime;
    private long lastCorrectTime = -1;

    long correct(MediaMessage msg, JitterAlgorithm algorithm) {
        long ts = msg.timestamp();
        switch (algorithm) {
            case OFF -> {
                return ts;
            }
            case ZERO -> {
                if (lastCorrectTime == -1) {
                    lastCorrectTime = ts;
                }
                return ts - lastCorrectTime;
            }
            default -> {
                // Metadata carries no media time.
                if (!msg.isAv()) {
                    return 0;
                }
                long delta = ts - lastPacketTime;
                if (delta < -MAX_JITTER_MS || delta > MAX_JITTER_MS) {
                    delta = DEFAULT_FRAME_TIME_MS;
                }
                lastCorrectTime = Math.max(0, lastCorrectTime + delta);
                lastPacketTime = ts;
                return lastCorrectTime;
            }
        }
    }

    /** The last corrected time, -1 before any media. */
    long time() {
        return lastCorrectTime;
    }
}
