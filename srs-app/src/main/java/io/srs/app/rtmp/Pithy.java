package io.srs.app.rtmp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Rate limit for periodic status lines, like SRS's pithy print: a stage (all players, or all
 * publishers) allows one line per interval, so the log stays quiet however many clients there
 * are. Thread-safe.
 */
final class Pithy {
    private final long intervalNanos;
    private final AtomicLong next = new AtomicLong(System.nanoTime());

    Pithy(long intervalMillis) {
        this.intervalNanos = Math.max(1, intervalMillis) * 1_000_000L;
    }

    /** True for the first caller after each interval. */
    boolean tryPrint() {
        long now = System.nanoTime();
        long n = next.get();
        return now - n >= 0 && next.compareAndSet(n, now + intervalNanos);
    }
}
