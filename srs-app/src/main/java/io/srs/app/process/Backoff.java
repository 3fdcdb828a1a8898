package io.srs.app.process;

/**
 * Restart delay of a job: 1 s after the first failure, doubling up to 30 s, and back to 1 s once
 * a run lasted a healthy minute. Not thread-safe: owned by one job's thread.
 */
final class Backoff {
    static final long FIRST_MILLIS = 1_000;
    static final long MAX_MILLIS = 30_000;
    static final long HEALTHY_MILLIS = 60_000;

    private long next = FIRST_MILLIS;

    /** A clean exit (status 0) after this long is a finished job (a file ingest at its end), not a crash. */
    static final long FINISHED_MILLIS = 2_000;

    /**
     * The delay before the next start, given how long the run that just ended lasted and whether
     * it exited with status 0. A job that finishes its work cleanly (SRS restarts a file ingest
     * when the file ends) starts again after the first delay without growing it.
     */
    long afterRun(long ranMillis, boolean clean) {
        if (ranMillis >= HEALTHY_MILLIS || (clean && ranMillis >= FINISHED_MILLIS)) {
            next = FIRST_MILLIS;
        }
        long d = next;
        next = Math.min(MAX_MILLIS, next * 2);
        return d;
    }

    /** The delay after a start that failed before a process existed (missing binary): the slow retry. */
    long afterStartFailure() {
        next = MAX_MILLIS;
        return MAX_MILLIS;
    }
}
