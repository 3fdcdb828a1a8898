package io.srs.app.abr;

/**
 * A variant's bit rate measured from its last segments (bytes on disk over duration): the peak
 * segment bit rate ({@code BANDWIDTH}, RFC 8216 §4.3.4.2) and the average
 * ({@code AVERAGE-BANDWIDTH}). Segments shorter than a quarter of the longest one seen are left
 * out of the peak (a segment cut short by an unpublish would inflate it).
 *
 * <p>Not thread-safe: guarded by its ladder's lock.
 */
final class Bandwidth {
    static final int SEGMENTS = 16;

    private final long[] bytes = new long[SEGMENTS];
    private final long[] millis = new long[SEGMENTS];
    private int count;
    private int next;
    private long longestMs;

    void add(long segmentBytes, long durationMs) {
        if (durationMs <= 0) {
            return;
        }
        bytes[next] = segmentBytes;
        millis[next] = durationMs;
        next = (next + 1) % SEGMENTS;
        count = Math.min(count + 1, SEGMENTS);
        longestMs = Math.max(longestMs, durationMs);
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Peak bits per second over the kept segments; 0 when none. */
    long peak() {
        long peak = 0;
        for (int i = 0; i < count; i++) {
            if (millis[i] * 4 >= longestMs) {
                peak = Math.max(peak, bytes[i] * 8_000 / millis[i]);
            }
        }
        return peak;
    }

    /** Average bits per second over the kept segments; 0 when none. */
    long average() {
        long b = 0;
        long ms = 0;
        for (int i = 0; i < count; i++) {
            b += bytes[i];
            ms += millis[i];
        }
        return ms == 0 ? 0 : b * 8_000 / ms;
    }
}
