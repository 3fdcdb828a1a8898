package io.srs.app.rtmp;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * Closes connections whose writer has been blocked in one socket write for too long. A JVM
 * socket write has no timeout, and a player that stops reading would otherwise hold its thread
 * and queue forever; SRS gives such a peer its send timeout (30 s) and so do we.
 *
 * <p>One virtual thread checks every second. Thread-safe.
 */
public final class WriteWatchdog extends Sweeper<WriteWatchdog.Watch> {
    private static final System.Logger LOG = System.getLogger(WriteWatchdog.class.getName());

    /** A writer the watchdog looks after. */
    public static final class Watch {
        private final String id;
        private final Runnable onStall;
        private volatile long writingSince;

        Watch(String id, Runnable onStall) {
            this.id = id;
            this.onStall = onStall;
        }

        /** Call just before a blocking write. */
        public void begin() {
            writingSince = System.nanoTime();
        }

        /** Call after the write returned. */
        public void end() {
            writingSince = 0;
        }
    }

    private final long timeoutNanos;

    public WriteWatchdog(long timeoutMillis) {
        super("write-watchdog", 1000);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        start();
    }

    public Watch watch(String id, Runnable onStall) {
        return add(new Watch(id, onStall));
    }

    @Override
    boolean expired(Watch w, long now) {
        long since = w.writingSince;
        return since != 0 && now - since > timeoutNanos;
    }

    @Override
    void fire(Watch w) {
        LOG.log(Level.WARNING, "client {0}: write blocked for more than {1} ms, closing",
                w.id, TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        w.onStall.run();
    }
}
