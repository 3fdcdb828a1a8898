package io.srs.app.process;

import io.srs.app.hls.PathTemplate;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Owns every external process of the server (transcoders, ingesters, exec): one {@link Job} per
 * key. Features describe what should run with {@link #apply}; a job whose command line did not
 * change keeps its process, a changed one is restarted, and {@link #stopWhere} ends the rest.
 *
 * <p>Thread-safe.
 */
public final class Supervisor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Supervisor.class.getName());

    private final ConcurrentHashMap<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong restartsTotal = new AtomicLong();
    private final BooleanSupplier utc;
    private volatile boolean closed;

    /** @param utc whether date variables use UTC ({@code utc_time}) */
    public Supervisor(BooleanSupplier utc) {
        this.utc = utc;
    }

    /**
     * Makes {@code spec} run: nothing happens if the same job already runs with the same command
     * line and log; otherwise the old process (if any) is stopped and a new one started.
     */
    public synchronized Job apply(JobSpec spec) {
        if (closed) {
            return null;
        }
        Job cur = jobs.get(spec.key());
        if (cur != null && cur.spec().equals(spec)) {
            return cur;
        }
        if (cur != null) {
            LOG.log(Level.INFO, "job {0}: command line changed, restarting", spec.key());
            cur.stop();
        }
        Job j = new Job(spec, this);
        jobs.put(spec.key(), j);
        j.start();
        return j;
    }

    /** Stops (without waiting) every job whose spec matches. */
    public synchronized List<Job> stopWhere(Predicate<JobSpec> which) {
        List<Job> out = new ArrayList<>();
        for (Job j : jobs.values()) {
            if (which.test(j.spec())) {
                jobs.remove(j.spec().key(), j);
                j.stop();
                out.add(j);
            }
        }
        return out;
    }

    /** Every job, by key. */
    public List<Job> jobs() {
        List<Job> out = new ArrayList<>(jobs.values());
        out.sort(Comparator.comparing(j -> j.spec().key()));
        return out;
    }

    /** Jobs whose process is running now. */
    public int running() {
        int n = 0;
        for (Job j : jobs.values()) {
            if (j.state() == Job.State.RUNNING) {
                n++;
            }
        }
        return n;
    }

    /** Restarts of any job since start. */
    public long restartsTotal() {
        return restartsTotal.get();
    }

    void countRestart() {
        restartsTotal.incrementAndGet();
    }

    void retired(Job j) {
        jobs.remove(j.spec().key(), j);
    }

    UnaryOperator<String> dates(Instant now) {
        ZoneId zone = Job.zone(utc.getAsBoolean());
        return s -> s.indexOf('[') < 0 ? s : PathTemplate.time(s, now, zone, null);
    }

    /** Stops every job and waits until their processes are gone. */
    @Override
    public void close() {
        List<Job> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(jobs.values());
            jobs.clear();
        }
        all.forEach(Job::stop);
        try {
            for (Job j : all) {
                j.await((Job.GRACE_SECONDS + 2) * 1000L);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
