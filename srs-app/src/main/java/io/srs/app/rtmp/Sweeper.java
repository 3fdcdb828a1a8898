package io.srs.app.rtmp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set of watched connections that one virtual thread looks over at a fixed period, firing
 * each one found expired once (it is dropped from the set first): the common part of the
 * watchdogs that enforce socket timeouts the JDK cannot give cheaply.
 *
 * <p>Thread-safe: watches are added and removed from any thread; {@link #expired} and
 * {@link #fire} run on the sweeping thread only.
 *
 * @param <W> what is watched
 */
abstract class Sweeper<W> implements AutoCloseable {
    private final Set<W> watches = ConcurrentHashMap.newKeySet();
    private final String name;
    private final long periodMillis;
    private Thread thread;
    private volatile boolean closed;

    Sweeper(String name, long periodMillis) {
        this.name = name;
        this.periodMillis = periodMillis;
    }

    /** Starts sweeping; subclasses call it last in their constructor, once their fields are set. */
    final void start() {
        thread = Thread.ofVirtual().name(name).start(this::run);
    }

    /** True when {@code w} must fire now; may update sweeper-thread state kept in {@code w}. */
    abstract boolean expired(W w, long nowNanos);

    /** Acts on an expired watch (closes its connection). */
    abstract void fire(W w);

    final W add(W w) {
        watches.add(w);
        return w;
    }

    public final void unwatch(W w) {
        watches.remove(w);
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (W w : watches) {
                if (expired(w, now)) {
                    watches.remove(w);
                    fire(w);
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
