package io.srs.main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code daemon on}: a JVM cannot fork, so we start the server again as a detached process
 * (its own session via setsid, stdio to /dev/null) and wait until it reports that it listens,
 * or why it failed, through a small "ready file". Then the foreground process exits, like
 * SRS's parent does after fork.
 */
final class Daemon {
    static final String CHILD_ENV = "SRS_DAEMON_CHILD";
    static final String READY_ENV = "SRS_READY_FILE";
    private static final long WAIT_MILLIS = 60_000;

    private Daemon() {
    }

    static boolean isChild(Map<String, String> env) {
        return env.containsKey(CHILD_ENV);
    }

    /** Starts the detached server and returns the exit code for the foreground process. */
    static int detach(String[] args, Map<String, String> env) throws IOException, InterruptedException {
        Path ready = Files.createTempFile("srs-ready-", ".txt");
        Files.delete(ready);
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        String launcher = env.get("SRS_LAUNCHER");
        if (launcher != null && Files.isExecutable(Path.of(launcher))) {
            cmd.add(launcher);
        } else {
            ProcessHandle.Info info = ProcessHandle.current().info();
            cmd.add(info.command().orElse("java"));
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Main.class.getName());
        }
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put(CHILD_ENV, "1");
        pb.environment().put(READY_ENV, ready.toString());
        Process p = pb.start();
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(ready)) {
                String status = Files.readString(ready, StandardCharsets.UTF_8).trim();
                Files.deleteIfExists(ready);
                if (status.startsWith("ok")) {
                    System.out.println("srs: running in the background (" + status.substring(2).trim() + ")");
                    return 0;
                }
                System.err.println("srs: " + status);
                return 1;
            }
            if (!p.isAlive()) {
                System.err.println("srs: the background server exited with code " + p.exitValue()
                        + " before it was listening; see its log");
                return 1;
            }
            Thread.sleep(50);
        }
        System.err.println("srs: the background server did not report within " + WAIT_MILLIS / 1000 + "s");
        return 1;
    }

    /** In the detached child: tell the waiting parent how the start went. */
    static void report(Map<String, String> env, String status) {
        String file = env.get(READY_ENV);
        if (file == null) {
            return;
        }
        try {
            Path target = Path.of(file);
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, status + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ignored) {
            // The parent will notice the timeout or our exit instead.
        }
    }
}
