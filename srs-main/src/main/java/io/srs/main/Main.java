package io.srs.main;

import io.srs.app.SrsApp;
import io.srs.app.config.ConfigDiff;
import io.srs.app.config.NotImplemented;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.core.SrsException;
import io.srs.core.Version;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point: command line, configuration, logging, pid file, daemon, signals, then the app.
 * Port of {@code srs_main_server.cpp}'s process handling.
 */
public final class Main implements Signals.Handler {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private final CommandLine cli;
    private final Map<String, String> env;
    private final LogSetup logs = new LogSetup();
    private final CountDownLatch quit = new CountDownLatch(1);
    private final AtomicBoolean quitting = new AtomicBoolean();
    private SrsApp app;

    private Main(CommandLine cli, Map<String, String> env) {
        this.cli = cli;
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args, env);
        } catch (CommandLine.UsageException e) {
            System.err.println("srs: " + e.getMessage());
            System.err.print(CommandLine.help("./srs"));
            return 2;
        }
        switch (cli.action()) {
            case HELP -> {
                System.out.print(CommandLine.help("./srs"));
                return 0;
            }
            case VERSION -> {
                System.out.println(Version.VERSION);
                return 0;
            }
            case SIGNATURE -> {
                System.out.println(Version.SIGNATURE);
                return 0;
            }
            default -> {
                return new Main(cli, env).start(args);
            }
        }
    }

    private SrsConfig load() {
        return cli.envOnly() ? SrsConfig.fromEnvironment(env) : SrsConfig.load(Path.of(cli.configFile()), env);
    }

    private int start(String[] args) {
        SrsConfig config;
        try {
            config = load();
        } catch (SrsException e) {
            String what = cli.envOnly() ? "environment" : "config file " + cli.configFile();
            System.err.println("srs: " + what + " is invalid: " + e.getMessage());
            Daemon.report(env, "error: " + what + " is invalid: " + e.getMessage());
            return 1;
        }
        if (cli.action() == CommandLine.Action.PRINT_WORK_DIR) {
            System.out.println(config.workDir());
            return 0;
        }
        if (cli.action() == CommandLine.Action.TEST_CONFIG) {
            // SRS configs must load, but -t must not hide what will not work: the same lines the
            // server logs at start, each with its file:line.
            for (String w : NotImplemented.in(config)) {
                System.out.println("srs: warning: " + w);
            }
            System.out.println("srs: the config file " + (cli.envOnly() ? "(environment)" : cli.configFile()) + " is ok");
            return 0;
        }
        if (config.daemon() && !Daemon.isChild(env)) {
            try {
                return Daemon.detach(args, env);
            } catch (Exception e) {
                System.err.println("srs: cannot start in the background: " + e);
                return 1;
            }
        }
        PidFile pid = null;
        try {
            setUpLogs(config);
            checkWorkDir(config);
            pid = PidFile.acquire(Path.of(config.pidFile()), signalTargetPid());
            app = new SrsApp(new ConfigStore(config), this::reloadOrThrow);
            app.start();
        } catch (Exception e) {
            String msg = e instanceof SrsException s ? s.describe() : e.toString();
            LOG.log(Level.ERROR, "start failed: {0}", msg);
            if (!"console".equals(config.logTank())) {
                System.err.println("srs: start failed: " + msg);
            }
            Daemon.report(env, "error: start failed: " + msg);
            if (pid != null) {
                pid.close();
            }
            return 1;
        }
        Signals.install(this);
        LOG.log(Level.INFO, "{0} started, pid {1}, listen {2}, log to {3}", Version.SIGNATURE,
                ProcessHandle.current().pid(), app.server().boundPorts(), logs.describe());
        Daemon.report(env, "ok pid " + signalTargetPid() + ", pid file " + pid.path());
        try {
            quit.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pid.close();
        }
        LOG.log(Level.INFO, "server quit");
        return 0;
    }

    /**
     * work_dir is applied by the {@code ./srs} launcher, which changes directory before the JVM
     * starts (a JVM cannot) and says so in SRS_LAUNCHER_WORK_DIR. A server started some other
     * way runs where it was started: say it once rather than pretend.
     */
    private void checkWorkDir(SrsConfig config) {
        String wd = config.workDir();
        Path cwd = Path.of("").toAbsolutePath();
        if (wd.isEmpty() || "./".equals(wd) || ".".equals(wd)) {
            return;
        }
        String applied = env.get("SRS_LAUNCHER_WORK_DIR");
        if (applied != null && Path.of(applied).toAbsolutePath().equals(cwd)) {
            LOG.log(Level.INFO, "work_dir {0}: running in {1}", wd, cwd);
        } else {
            LOG.log(Level.WARNING, "work_dir {0} is not applied (a JVM cannot change directory; start the "
                    + "server with ./srs): running in {1}", wd, cwd);
        }
    }

    private void setUpLogs(SrsConfig config) throws java.io.IOException {
        if ("console".equals(config.logTank())) {
            logs.console(config.logLevel(), config.utcTime(), System.out);
        } else {
            logs.file(Path.of(config.logFile()), config.logLevel(), config.utcTime());
        }
    }

    /**
     * The pid operators signal: the {@code ./srs} launcher supervising us (it forwards every
     * signal and maps SIGQUIT), else ourselves.
     */
    private long signalTargetPid() {
        String sup = env.get("SRS_SUPERVISOR_PID");
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        if (sup != null && sup.equals(Long.toString(parent))) {
            return parent;
        }
        return ProcessHandle.current().pid();
    }

    @Override
    public void reload() {
        try {
            reloadOrThrow();
        } catch (SrsException e) {
            LOG.log(Level.ERROR, "reload failed, keep the running config: {0}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "reload: applying the new config failed", e);
        }
    }

    /**
     * SIGHUP's work, also run by the raw API ({@code rpc=reload}): a config that does not
     * parse or validate throws and leaves the running one untouched.
     */
    private void reloadOrThrow() {
        LOG.log(Level.INFO, "reload: reading {0}", cli.envOnly() ? "environment" : cli.configFile());
        SrsConfig next = load();
        ConfigDiff diff = app.config().apply(next);
        LOG.log(Level.INFO, "reload done: {0}", diff.isEmpty() ? "nothing changed" : diff);
    }

    @Override
    public void reopenLog() {
        try {
            logs.reopen();
            LOG.log(Level.INFO, "log file reopened (SIGUSR1)");
        } catch (Exception e) {
            System.err.println("srs: reopen log failed: " + e);
        }
    }

    @Override
    public void fastQuit(String signal) {
        if ("SIGTERM".equals(signal) && app.config().current().forceGraceQuit()) {
            gracefulQuit(signal);
            return;
        }
        if (!quitting.compareAndSet(false, true)) {
            return;
        }
        LOG.log(Level.INFO, "{0}: fast quit", signal);
        app.stop();
        quit.countDown();
    }

    @Override
    public void gracefulQuit(String signal) {
        if (!quitting.compareAndSet(false, true)) {
            return;
        }
        SrsConfig c = app.config().current();
        LOG.log(Level.INFO, "{0}: graceful quit, start wait {1} ms, final wait {2} ms", signal,
                c.graceStartWait().toMillis(), c.graceFinalWait().toMillis());
        Thread.ofPlatform().name("grace-quit").start(() -> {
            try {
                app.stopGracefully(c.graceStartWait().toMillis(), c.graceFinalWait().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                quit.countDown();
            }
        });
    }
}
