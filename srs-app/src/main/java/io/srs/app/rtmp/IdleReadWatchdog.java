package io.srs.app.rtmp;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Closes connections whose peer sent no byte for their timeout: the receive timeout of a
 * publisher once media flows ({@code publish.normal_timeout}), without a socket read timeout.
 *
 * <p>Why not {@code SO_TIMEOUT}: a virtual thread blocked in a timed read arms a timer each
 * time it parks and cancels it when data arrives, and a publisher parks once per message
 * (about 70 times a second for an ordinary stream). One sweep over all watched connections
 * four times a second costs less than 200 publishers' timers, and only the sweep knows
 * about the timeout; the readers block without a limit.
 *
 * <p>Thread-safe: {@link #watch} and {@link #unwatch} from any thread; one virtual thread sweeps.
 */
public final class IdleReadWatchdog extends Sweeper<IdleReadWatchdog.Watch> {
    /** How often idle connections are looked for: a timeout fires up to this much late. */
    static final long SWEEP_MILLIS = 250;

    /** One watched connection. Its progress counter is read by the sweeping thread. */
    public static final class Watch {
        private final LongSupplier bytesRead;
        private final long timeoutNanos;
        private final Runnable onIdle;
        /** Sweeper-thread state: the counter last seen and when it last moved. */
        private long lastBytes;
        private long lastChangeNanos;
        private volatile boolean fired;

        Watch(LongSupplier bytesRead, long timeoutMillis, Runnable onIdle) {
            this.bytesRead = bytesRead;
            this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            this.onIdle = onIdle;
            this.lastBytes = bytesRead.getAsLong();
            this.lastChangeNanos = System.nanoTime();
        }

        /** True once the connection was closed for being idle (its read then failed for that). */
        public boolean fired() {
            return fired;
        }

        public long timeoutMillis() {
            return TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
        }
    }

    public IdleReadWatchdog() {
        super("idle-read-watchdog", SWEEP_MILLIS);
        start();
    }

    /**
     * Watches a connection: {@code onIdle} runs (once, on the sweeping thread; it should close
     * the socket) when {@code bytesRead} did not move for {@code timeoutMillis}.
     */
    public Watch watch(LongSupplier bytesRead, long timeoutMillis, Runnable onIdle) {
        return add(new Watch(bytesRead, timeoutMillis, onIdle));
    }

    @Override
    boolean expired(Watch w, long now) {
        long bytes = w.bytesRead.getAsLong();
        if (bytes != w.lastBytes) {
            w.lastBytes = bytes;
            w.lastChangeNanos = now;
            return false;
        }
        return now - w.lastChangeNanos > w.timeoutNanos;
    }

    @Override
    void fire(Watch w) {
        w.fired = true;
        w.onIdle.run();
    }
}
