package io.srs.main;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server as an operator meets it: start, listen, reload with a broken file, signals, exit codes. */
class ProcessLifecycleTest {
    @TempDir
    Path dir;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Path config(String name, int port, String extra) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, """
                listen %d;
                daemon off;
                srs_log_tank console;
                pid %s;
                %s
                vhost __defaultVhost__ {
                }
                """.formatted(port, dir.resolve(name + ".pid"), extra));
        return f;
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void startsListensReloadsAndQuitsOnSigint() throws Exception {
        int port = freePort();
        Path conf = config("srs.conf", port, "");
        try (ServerProcess srs = ServerProcess.start(dir, "-c", conf.toString())) {
            String started = srs.await(l -> l.contains("started"), 30);
            assertTrue(started.matches("^\\[\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}]\\[Trace]\\[\\d+]\\[[^]]*] .*"),
                    "SRS-style log line: " + started);
            assertTrue(accepts(port));
            assertEquals(Long.toString(srs.pid()), Files.readString(dir.resolve("srs.conf.pid")).trim());

            // A broken config on SIGHUP: the error names file and line, the old config keeps serving.
            Files.writeString(conf, "listen " + port + ";\nvhost __defaultVhost__ {\n    bogus_directive on;\n}\n");
            srs.signal("HUP");
            String err = srs.await(l -> l.contains("reload failed"), 20);
            assertTrue(err.contains("srs.conf:3"), err);
            assertTrue(accepts(port));

            srs.signal("INT");
            assertEquals(0, srs.waitFor(20));
            assertFalse(Files.exists(dir.resolve("srs.conf.pid")), "pid file removed on exit");
        }
    }

    @Test
    void aPortInUseIsAClearFatalError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path conf = config("busy.conf", taken.getLocalPort(), "");
            try (ServerProcess srs = ServerProcess.start(dir, "-c", conf.toString())) {
                assertNotEquals(0, srs.waitFor(30));
                assertTrue(srs.output().contains("listen") && srs.output().contains(":" + taken.getLocalPort()),
                        srs.output());
            }
        }
    }

    @Test
    void aSecondServerOnTheSamePidFileIsRefused() throws Exception {
        Path conf = config("one.conf", freePort(), "");
        try (ServerProcess first = ServerProcess.start(dir, "-c", conf.toString())) {
            first.await(l -> l.contains("started"), 30);
            Path other = config("two.conf", freePort(), "");
            Files.writeString(other, Files.readString(other).replace(dir.resolve("two.conf.pid").toString(),
                    dir.resolve("one.conf.pid").toString()));
            try (ServerProcess second = ServerProcess.start(dir, "-c", other.toString())) {
                assertNotEquals(0, second.waitFor(30));
                assertTrue(second.output().contains("held by a running server"), second.output());
            }
            first.signal("TERM");
            assertEquals(0, first.waitFor(20));
        }
    }

    @Test
    void pwrFromTheLauncherQuitsGracefully() throws Exception {
        Path conf = config("grace.conf", freePort(), "grace_start_wait 10;\ngrace_final_wait 10;");
        try (ServerProcess srs = ServerProcess.start(dir, "-c", conf.toString())) {
            srs.await(l -> l.contains("started"), 30);
            srs.signal("PWR");
            srs.await(l -> l.contains("graceful quit"), 20);
            assertEquals(0, srs.waitFor(20));
        }
    }

    @Test
    void testFlagReportsOkOrTheError() throws Exception {
        Path good = config("good.conf", freePort(), "");
        try (ServerProcess t = ServerProcess.start(dir, "-t", "-c", good.toString())) {
            assertEquals(0, t.waitFor(30));
            assertTrue(t.output().contains("is ok"), t.output());
        }
        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, "listen 1935\nvhost __defaultVhost__ {}\n");
        try (ServerProcess t = ServerProcess.start(dir, "-t", "-c", bad.toString())) {
            assertNotEquals(0, t.waitFor(30));
            assertTrue(t.output().contains("bad.conf:1"), t.output());
        }
    }

    @Test
    void envOnlyModeRunsFromSrsVariables() throws Exception {
        int port = freePort();
        try (ServerProcess srs = ServerProcess.start(dir, java.util.Map.of("SRS_LISTEN", Integer.toString(port)), "-e")) {
            srs.await(l -> l.contains("started"), 30);
            assertTrue(accepts(port));
            srs.signal("TERM");
            assertEquals(0, srs.waitFor(20));
        }
    }

    @Test
    void usr1ReopensTheLogFileAfterRotation() throws Exception {
        Path log = dir.resolve("srs.log");
        Path conf = dir.resolve("file.conf");
        Files.writeString(conf, """
                listen %d;
                daemon off;
                srs_log_tank file;
                srs_log_file %s;
                pid %s;
                vhost __defaultVhost__ {
                }
                """.formatted(freePort(), log, dir.resolve("file.pid")));
        try (ServerProcess srs = ServerProcess.start(dir, "-c", conf.toString())) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!(Files.exists(log) && Files.readString(log).contains("started"))) {
                assertTrue(System.nanoTime() < deadline, "server logged its start to the file");
                Thread.onSpinWait();
                srs.awaitQuiet(50);
            }
            Path rotated = dir.resolve("srs.log.1");
            Files.move(log, rotated);
            srs.signal("USR1");
            while (!Files.exists(log) || !Files.readString(log).contains("reopened")) {
                assertTrue(System.nanoTime() < deadline, "a new log file was opened");
                srs.awaitQuiet(50);
            }
            assertTrue(Files.readString(rotated).contains("started"));
            srs.signal("INT");
            assertEquals(0, srs.waitFor(20));
        }
    }
}
