package io.srs.app.stats;

import java.lang.System.Logger.Level;
import io.srs.core.time.StopSignal;

import java.time.Duration;
import java.util.List;

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
    private final StopSignal stop = new StopSignal();
    private Thread thread;

    public Sampler(Duration interval, List<Runnable> tasks) {
        this.interval = interval;
        this.tasks = List.copyOf(tasks);
    }

    public synchronized void start() {
        if (thread == null && !stop.isStopped()) {
            thread = Thread.ofVirtual().name("stats-sampler").start(this::loop);
        }
    }

    private void loop() {
        while (stop.sleep(interval)) {
            for (Runnable t : tasks) {
                try {
                    t.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "sampling failed", e);
                }
            }
        }
    }

    @Override
    public void close() {
        stop.stop();
    }
}
