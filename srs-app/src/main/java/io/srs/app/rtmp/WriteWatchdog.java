package io.srs.app.rtmp;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Closes connections whose writer has been blocked in one socket write for too long. A JVM
 * socket write has no timeout, and a player that stops reading would otherwise hold its thread
 * and queue forever; SRS gives such a peer its send timeout (30 s) and so do we.
 *
 * <p>One virtual thread checks every second. Thread-safe.
 */
public final class WriteWatchdog implements AutoCloseable {
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

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final long timeoutNanos;
    private final Thread thread;
    private volatile boolean closed;

    public WriteWatchdog(long timeoutMillis) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.thread = Thread.ofVirtual().name("write-watchdog").start(this::run);
    }

    public Watch watch(String id, Runnable onStall) {
        Watch w = new Watch(id, onStall);
        watches.add(w);
        return w;
    }

    public void unwatch(Watch w) {
        watches.remove(w);
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch w : watches) {
                long since = w.writingSince;
                if (since != 0 && now - since > timeoutNanos) {
                    LOG.log(Level.WARNING, "client {0}: write blocked for more than {1} ms, closing",
                            w.id, TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
                    watches.remove(w);
                    w.onStall.run();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
