package io.srs.main;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ./srs} launcher as operators start it: with no environment but PATH (systemd, cron,
 * SRS's black-box suite), with work_dir, and supervising a JVM that is stopped.
 */
class LauncherTest {
    private static final String PATH = "/usr/bin:/bin";

    @TempDir
    Path dir;

    @Test
    void aBareEnvironmentServesRtmpAndHlsFromWorkDir() throws Exception {
        Assumptions.assumeTrue(Launch.has("ffmpeg") && Launch.has("ffprobe"), "needs ffmpeg and ffprobe");
        Path srs = Launch.checkout(dir.resolve("srs"));
        int rtmp = Launch.freePort();
        int http = Launch.freePort();
        Files.createDirectories(dir.resolve("run"));
        // Relative paths resolve against work_dir; the config itself against where we start.
        Launch.writeConfig(srs.resolve("conf/t.conf"), """
                listen %d;
                work_dir %s;
                daemon off;
                srs_log_tank console;
                pid ./objs/srs.pid;
                http_server { enabled on; listen %d; dir ./html; }
                vhost __defaultVhost__ {
                    hls { enabled on; hls_fragment 1; hls_window 4; hls_path ./html; }
                }
                """.formatted(rtmp, dir.resolve("run"), http));
        try (ServerProcess s = ServerProcess.start(Launch.cleanEnv(srs, PATH, "./srs", "-c", "conf/t.conf"))) {
            s.await(l -> l.contains("started"), 60);
            String pid = Files.readString(dir.resolve("run/objs/srs.pid")).trim();
            assertEquals(Long.toString(s.pid()), pid, "the pid file, under work_dir, names the launcher");
            Process ff = Launch.publish("rtmp://127.0.0.1:" + rtmp + "/live/s", 30);
            try {
                String m3u8 = Launch.awaitHttp("http://127.0.0.1:" + http + "/live/s.m3u8", "#EXTINF", 30);
                assertTrue(Files.exists(dir.resolve("run/html/live/s.m3u8")), m3u8);
                String streams = Launch.probe("rtmp://127.0.0.1:" + rtmp + "/live/s");
                assertTrue(streams.contains("codec_name=h264") && streams.contains("codec_name=aac"), streams);
            } finally {
                ff.destroyForcibly();
            }
            s.signal("TERM");
            assertEquals(0, s.waitFor(30), s.output());
        }
    }

    @Test
    void testFlagWarnsOfMissingFeaturesWithFileAndLine() throws Exception {
        Path conf = Launch.writeConfig(dir.resolve("t.conf"), """
                listen 1935;
                work_dir ./;
                vhost __defaultVhost__ {
                    http_static {
                        enabled on;
                    }
                }
                """);
        try (ServerProcess t = ServerProcess.start(dir, "-t", "-c", conf.toString())) {
            t.await(l -> l.endsWith(" is ok"), 30);
            assertEquals(0, t.waitFor(30), t.output());
            assertEquals("srs: warning: " + conf + ":5: vhost __defaultVhost__: http_static is not implemented; use "
                    + "http_server's dir\nsrs: the config file " + conf + " is ok", t.output().strip());
        }
    }

    @Test
    void theLaunchersPrePassPrintsWorkDirWithIncludesAndEnvironment() throws Exception {
        Launch.writeConfig(dir.resolve("inc.conf"), "work_dir /srv/from-include;\n");
        Path conf = Launch.writeConfig(dir.resolve("t.conf"), "listen 1935; include inc.conf; vhost __defaultVhost__ { }\n");
        try (ServerProcess t = ServerProcess.start(dir, "--print-work-dir", "-c", conf.toString())) {
            t.await(l -> l.startsWith("/"), 30);
            assertEquals(0, t.waitFor(30), t.output());
            assertEquals("/srv/from-include", t.output().strip());
        }
        try (ServerProcess t = ServerProcess.start(dir, java.util.Map.of("SRS_WORK_DIR", "objs/x"), "--print-work-dir",
                "-c", conf.toString())) {
            t.await(l -> l.startsWith("objs"), 30);
            assertEquals(0, t.waitFor(30), t.output());
            assertEquals("objs/x", t.output().strip());
        }
    }

    @Test
    void aMissingWorkDirIsOneClearLine() throws Exception {
        Path srs = Launch.checkout(dir.resolve("srs"));
        Launch.writeConfig(srs.resolve("conf/t.conf"), "listen %d; daemon off; vhost __defaultVhost__ { }\n"
                .formatted(Launch.freePort()));
        ProcessBuilder pb = Launch.cleanEnv(srs, PATH, "./srs", "-c", "conf/t.conf");
        pb.environment().put("SRS_WORK_DIR", dir.resolve("nowhere").toString());
        try (ServerProcess s = ServerProcess.start(pb)) {
            s.await(l -> l.startsWith("srs:"), 30);
            assertNotEquals(0, s.waitFor(30));
            assertEquals("srs: work_dir '" + dir.resolve("nowhere") + "' (from SRS_WORK_DIR) does not exist or cannot "
                    + "be entered; create it or fix it", s.output().strip());
        }
    }

    @Test
    void aStoppedServerCostsTheSupervisorNoCpu() throws Exception {
        Path srs = Launch.checkout(dir.resolve("srs"));
        Launch.writeConfig(srs.resolve("conf/t.conf"), "listen %d; daemon off; srs_log_tank console; pid %s; vhost __defaultVhost__ { }\n"
                .formatted(Launch.freePort(), dir.resolve("srs.pid")));
        try (ServerProcess s = ServerProcess.start(Launch.cleanEnv(srs, PATH, "./srs", "-c", "conf/t.conf"))) {
            s.await(l -> l.contains("started"), 60);
            ProcessHandle jvm = ProcessHandle.of(s.pid()).orElseThrow().children().findFirst().orElseThrow();
            new ProcessBuilder("kill", "-STOP", Long.toString(jvm.pid())).start().waitFor();
            try {
                Thread.sleep(300); // let the supervisor see the stop
                long before = Launch.cpuTicks(s.pid());
                long t0 = System.nanoTime();
                Thread.sleep(3000);
                long used = Launch.cpuTicks(s.pid()) - before;
                long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) / 10;
                // Under 1 % of a core; a supervisor that polls wait() burns ~100 %.
                assertTrue(used * 100 <= elapsed, "supervisor used " + used + " ticks in " + elapsed);
            } finally {
                new ProcessBuilder("kill", "-CONT", Long.toString(jvm.pid())).start().waitFor();
            }
            s.signal("TERM");
            assertEquals(0, s.waitFor(30), s.output());
        }
    }

    @Test
    void theSystemdUnitVerifies() throws Exception {
        Assumptions.assumeTrue(Launch.has("systemd-analyze"), "systemd-analyze is not installed");
        Process p = new ProcessBuilder("bash", Launch.REPO.resolve("etc/systemd/check.sh").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        Path broken = Launch.writeConfig(dir.resolve("bad.service"), Files.readString(
                Launch.REPO.resolve("etc/systemd/srs.service")).replace("Type=simple", "Type=bogus"));
        p = new ProcessBuilder("bash", Launch.REPO.resolve("etc/systemd/check.sh").toString(), broken.toString())
                .redirectErrorStream(true).start();
        out = new String(p.getInputStream().readAllBytes());
        assertEquals(1, p.waitFor(), out);
        assertTrue(out.contains("bogus"), out);
    }
}
