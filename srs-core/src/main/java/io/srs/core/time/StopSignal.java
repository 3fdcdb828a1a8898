package io.srs.core.time;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A stop flag a periodic task sleeps on, so that stopping wakes it at once instead of after
 * its interval. Thread-safe.
 */
public final class StopSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private boolean stop;

    /** Sleeps {@code d} unless stopped first; returns false once stopped (or interrupted). */
    public boolean sleep(Duration d) {
        lock.lock();
        try {
            long nanos = d.toNanos();
            while (!stop && nanos > 0) {
                nanos = stopped.awaitNanos(nanos);
            }
            return !stop;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    public void stop() {
        lock.lock();
        try {
            stop = true;
            stopped.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isStopped() {
        lock.lock();
        try {
            return stop;
        } finally {
            lock.unlock();
        }
    }
}
