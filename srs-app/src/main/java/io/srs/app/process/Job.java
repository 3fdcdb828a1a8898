package io.srs.app.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One supervised external process: started, watched and restarted with {@link Backoff} until
 * {@link #stop}. Port of what {@code SrsProcess} and the cycles of {@code SrsEncoder},
 * {@code SrsIngester} and {@code SrsNgExec} do together, with a process group, a bounded log and a
 * watchdog that outlives the JVM.
 *
 * <p>How the process is started: {@code setsid sh -c WRAPPER grace argv...}. {@code setsid}
 * (util-linux) makes the job leader of its own session and process group, which Java's
 * ProcessBuilder cannot do; the shell then forks a tiny watchdog and {@code exec}s the job, so
 * the job keeps the pid Java knows and its exit status reaches us unchanged. The watchdog holds
 * the read end of the job's stdin pipe from the JVM (the job itself gets /dev/null, as SRS gives
 * it). When that pipe closes, because we stop the job or because the JVM is gone for any reason,
 * kill -9 included, the watchdog sends SIGTERM to the whole group, waits the grace, then
 * SIGKILL. The kernel closes the pipe even when no shutdown hook runs, so no child survives the
 * server. Grandchildren stay in the group and die with it; the job is reaped by the JVM and the
 * watchdog by init.
 *
 * <p>Threading: one virtual thread per job runs the whole loop and owns the process and the log;
 * {@link #stop} and the getters may be called from any thread.
 */
public final class Job {
    private static final System.Logger LOG = System.getLogger(Job.class.getName());

    /** Seconds between the SIGTERM and the SIGKILL of a stopped job's group. */
    static final int GRACE_SECONDS = 2;

    // $1 is the grace; the rest is the job. fd 3 keeps the JVM's pipe for the watchdog only.
    private static final String WRAPPER = "exec 3<&0 </dev/null\n"
            + "(trap '' TERM; cat <&3 >/dev/null 2>&1; kill -TERM -$$ 2>/dev/null; sleep \"$1\";"
            + " kill -KILL -$$ 2>/dev/null) >/dev/null 2>&1 &\n"
            + "exec 3<&-\n"
            + "shift\n"
            + "exec \"$@\"\n";

    /** What a job is doing now. */
    public enum State { STARTING, RUNNING, BACKOFF, STOPPED }

    private final JobSpec spec;
    private final Supervisor owner;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final JobLog log;
    private volatile Thread thread;
    private volatile Process process;
    private volatile State state = State.STARTING;
    private volatile long startedAtNanos;
    private volatile int restarts;
    private volatile String lastError = "";

    Job(JobSpec spec, Supervisor owner) {
        this.spec = spec;
        this.owner = owner;
        this.log = new JobLog(spec.log());
    }

    public JobSpec spec() {
        return spec;
    }

    public State state() {
        return state;
    }

    /** The running process's pid, or -1. */
    public long pid() {
        Process p = process;
        return p != null && p.isAlive() ? p.pid() : -1;
    }

    public int restarts() {
        return restarts;
    }

    /** Milliseconds since the current process started, or 0 when none runs. */
    public long uptimeMillis() {
        return state == State.RUNNING ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos) : 0;
    }

    /** Why the last run ended or could not start, or "". */
    public String lastError() {
        return lastError;
    }

    void start() {
        thread = Thread.ofVirtual().name("job-" + spec.key()).start(this::loop);
    }

    /** Asks the job to end: its group gets SIGTERM, then SIGKILL after the grace. Does not wait. */
    void stop() {
        stopSignal.countDown();
        Process p = process;
        if (p != null) {
            closeStdin(p);
        }
    }

    /** Waits for the job's thread to finish after {@link #stop}; kills what is left past the deadline. */
    boolean await(long millis) throws InterruptedException {
        Thread t = thread;
        if (t == null) {
            return true;
        }
        if (t.join(java.time.Duration.ofMillis(millis))) {
            return true;
        }
        Process p = process;
        if (p != null) {
            // The wrapper should have done this; a last resort if the shell misbehaved.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return t.join(java.time.Duration.ofSeconds(2));
    }

    private boolean stopped() {
        return stopSignal.getCount() == 0;
    }

    private void loop() {
        Backoff backoff = new Backoff();
        String err = log.open();
        if (err != null) {
            LOG.log(Level.WARNING, "job {0}: {1}; its output is dropped", spec.key(), err);
        }
        boolean missingLogged = false;
        try {
            while (!stopped()) {
                List<String> argv = withDates(spec.argv());
                String missing = checkProgram(argv.get(0));
                if (missing != null) {
                    lastError = missing;
                    if (!missingLogged) {
                        LOG.log(Level.ERROR, "job {0}: {1}; retrying every {2} s", spec.key(), missing,
                                Backoff.MAX_MILLIS / 1000);
                        missingLogged = true;
                    }
                    state = State.BACKOFF;
                    if (stopSignal.await(backoff.afterStartFailure(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    continue;
                }
                missingLogged = false;
                long ran;
                int code;
                try {
                    code = runOnce(argv);
                    ran = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos);
                } catch (IOException e) {
                    lastError = "cannot start: " + e.getMessage();
                    LOG.log(Level.ERROR, "job {0}: {1}", spec.key(), lastError);
                    state = State.BACKOFF;
                    if (stopSignal.await(backoff.afterStartFailure(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    continue;
                }
                if (stopped()) {
                    break;
                }
                long delay = backoff.afterRun(ran, code == 0);
                restarts++;
                owner.countRestart();
                lastError = "exited with " + describe(code) + " after " + ran + " ms";
                List<String> tail = log.tail();
                LOG.log(Level.WARNING, "job {0}: pid {1} {2}, restart in {3} ms{4}", spec.key(),
                        Long.toString(process.pid()), lastError, delay,
                        tail.isEmpty() ? "" : "; last output: " + String.join(" | ", tail));
                log.clearTail();
                state = State.BACKOFF;
                if (stopSignal.await(delay, TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Process p = process;
            if (p != null && p.isAlive()) {
                closeStdin(p);
                try {
                    p.waitFor(GRACE_SECONDS + 1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            state = State.STOPPED;
            log.close();
            owner.retired(this);
        }
    }

    /** Runs the process until it exits; returns its exit status. */
    private int runOnce(List<String> argv) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("setsid", "sh", "-c", WRAPPER, "srs-job",
                Integer.toString(GRACE_SECONDS)));
        cmd.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        state = State.STARTING;
        Process p = pb.start();
        process = p;
        startedAtNanos = System.nanoTime();
        state = State.RUNNING;
        if (stopped()) {
            closeStdin(p); // stop() ran between start and now and did not see this process
        }
        LOG.log(Level.INFO, "job {0}: started pid {1}: {2}", spec.key(), Long.toString(p.pid()),
                String.join(" ", argv));
        log.header("process pid=" + p.pid() + ", cli: " + String.join(" ", argv));
        byte[] buf = new byte[8192];
        try (InputStream in = p.getInputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                log.write(buf, n);
            }
        } catch (IOException e) {
            // the pipe broke: the process is gone, its status tells why
        }
        int code = p.waitFor();
        // Lets the watchdog clear whatever the job left in its group.
        closeStdin(p);
        return code;
    }

    private static void closeStdin(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static String describe(int code) {
        // sh and the JVM report death by signal N as 128+N.
        return code > 128 && code < 160 ? "signal " + (code - 128) : "status " + code;
    }

    /** Null when {@code program} can be run, else why not (one clear line for the log). */
    static String checkProgram(String program) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            if (!Files.exists(p)) {
                return "program " + program + " does not exist";
            }
            if (Files.isDirectory(p) || !Files.isExecutable(p)) {
                return "program " + program + " is not executable";
            }
            return null;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, program);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return null;
                }
            }
        }
        return "program " + program + " is not found in PATH";
    }

    private List<String> withDates(List<String> argv) {
        UnaryOperator<String> f = owner.dates(Instant.now());
        return argv.stream().map(f).toList();
    }

    @Override
    public String toString() {
        return spec.key();
    }

    static ZoneId zone(boolean utc) {
        return utc ? java.time.ZoneOffset.UTC : ZoneId.systemDefault();
    }
}
