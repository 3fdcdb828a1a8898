package io.srs.main;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release archive, made by the same script as {@code mvn -Prelease package} (from this test's
 * class path instead of the packaged jars, which do not exist yet in the test phase), unpacked
 * into a directory whose path has a space, and run with a PATH that has no java and no mvn.
 */
class ReleaseArchiveTest {
    @TempDir
    Path dir;

    @Test
    void anUnpackedReleaseRunsOnItsOwnRuntime() throws Exception {
        Assumptions.assumeTrue(Launch.has("ffmpeg") && Launch.has("ffprobe") && Launch.has("tar"),
                "needs ffmpeg, ffprobe and tar");
        List<String> cmd = new ArrayList<>(List.of("bash", Launch.REPO.resolve("srs-main/src/release/release.sh")
                .toString(), "--tar", "--jdk", System.getProperty("java.home"), dir.resolve("build").toString(),
                "srs-test-linux-x64"));
        Launch.serverClassPath().forEach(p -> cmd.add(p.toString()));
        Process build = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(build.getInputStream().readAllBytes());
        assertEquals(0, build.waitFor(), out);

        Path home = dir.resolve("un packed");
        Files.createDirectories(home);
        Process untar = new ProcessBuilder("tar", "-xzf", dir.resolve("build/srs-test-linux-x64.tar.gz").toString(),
                "-C", home.toString()).inheritIO().start();
        assertEquals(0, untar.waitFor());
        Path srs = home.resolve("srs-test-linux-x64");
        assertTrue(Files.isExecutable(srs.resolve("jre/bin/java")), "the archive brings its runtime");
        assertTrue(Files.exists(srs.resolve("conf/srs.conf")) && Files.exists(srs.resolve("etc/systemd/srs.service")));

        int rtmp = Launch.freePort();
        Launch.writeConfig(srs.resolve("conf/t.conf"), """
                listen %d;
                daemon off;
                srs_log_tank console;
                vhost __defaultVhost__ { }
                """.formatted(rtmp));
        Path tools = Launch.toolsWithoutJava(dir.resolve("tools"));
        try (ServerProcess s = ServerProcess.start(Launch.cleanEnv(srs, tools.toString(), "./srs", "-c", "conf/t.conf"))) {
            s.await(l -> l.contains("started"), 60);
            ProcessHandle jvm = ProcessHandle.of(s.pid()).orElseThrow().children().findFirst().orElseThrow();
            assertEquals(srs.resolve("jre/bin/java").toString(), jvm.info().command().orElse(""));
            Process ff = Launch.publish("rtmp://127.0.0.1:" + rtmp + "/live/s", 30);
            try {
                String streams = "";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!streams.contains("codec_name=h264") && System.nanoTime() < deadline) {
                    streams = Launch.probe("rtmp://127.0.0.1:" + rtmp + "/live/s");
                }
                assertTrue(streams.contains("codec_name=h264") && streams.contains("codec_name=aac"), streams);
            } finally {
                ff.destroyForcibly();
            }
            s.signal("TERM");
            assertEquals(0, s.waitFor(30), s.output());
        }
    }
}
