package io.srs.app.stats;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs periodic tasks (traffic and /proc sampling) on one virtual thread, like the timer ticks
 * of SRS's {@code SrsServer::notify}. A failing task is logged and does not stop the others.
 *
 * <p>Thread-safe: {@link #start()} and {@link #close()} may be called from any thread.
 */
public final class Sampler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Sampler.class.getName());

    private final Duration interval;
    private final List<Runnable> tasks;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private boolean closed;
    private Thread thread;

    public Sampler(Duration interval, List<Runnable> tasks) {
        this.interval = interval;
        this.tasks = List.copyOf(tasks);
    }

    public void start() {
        lock.lock();
        try {
            if (thread == null && !closed) {
                thread = Thread.ofVirtual().name("stats-sampler").start(this::loop);
            }
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (awaitTick()) {
            for (Runnable t : tasks) {
                try {
                    t.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "sampling failed", e);
                }
            }
        }
    }

    /** Waits one interval; false once closed. */
    private boolean awaitTick() {
        lock.lock();
        try {
            long nanos = interval.toNanos();
            while (!closed && nanos > 0) {
                nanos = stopped.awaitNanos(nanos);
            }
            return !closed;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            stopped.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
