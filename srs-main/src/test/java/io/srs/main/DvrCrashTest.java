package io.srs.main;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recordings survive {@code kill -9} of the server: FFmpeg publishes 12 s to an FLV and an MP4
 * recording at once, the server JVM is killed 10 s in, and FFmpeg must still decode at least
 * 8 s of video from each file left behind.
 */
class DvrCrashTest {
    private static final int FPS = 25;

    @TempDir
    Path dir;

    private static void requireTool(String binary) {
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= Files.isExecutable(Path.of(d, binary));
        }
        if (!found && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(binary + " is required under CI");
        }
        Assumptions.assumeTrue(found, binary + " is not installed");
    }

    private static Process publish(int port, String stream, Path log) throws IOException {
        List<String> cmd = List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=" + FPS,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "12",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", Integer.toString(FPS), "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-f", "flv", "rtmp://127.0.0.1:" + port + "/" + stream);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    private static int decodedFrames(Path f) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", f.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String n = out.split("\\R")[out.split("\\R").length - 1].replace(",", "");
        return n.matches("\\d+") ? Integer.parseInt(n) : 0;
    }

    @Test
    void killDashNineLeavesPlayableFlvAndMp4() throws Exception {
        requireTool("ffmpeg");
        requireTool("ffprobe");
        int port = ProcessLifecycleTest.freePort();
        Path conf = dir.resolve("srs.conf");
        Files.writeString(conf, """
                listen %d;
                daemon off;
                srs_log_tank console;
                vhost __defaultVhost__ {
                    dvr { enabled on; dvr_path %s/flv/[app]/[stream].flv; }
                }
                vhost mp4.test {
                    dvr { enabled on; dvr_path %s/mp4/[app]/[stream].mp4; }
                }
                """.formatted(port, dir, dir));
        List<Process> pubs = new ArrayList<>();
        try (ServerProcess srs = ServerProcess.start(dir, "-c", conf.toString())) {
            srs.await(l -> l.contains("started"), 30);
            pubs.add(publish(port, "live/crash", dir.resolve("pub-flv.log")));
            pubs.add(publish(port, "live/crash?vhost=mp4.test", dir.resolve("pub-mp4.log")));
            srs.await(l -> l.contains("dvr /live/crash: start"), 20);
            srs.await(l -> l.contains("dvr mp4.test/live/crash: start"), 20);
            long startedAt = System.nanoTime();
            while (System.nanoTime() - startedAt < TimeUnit.SECONDS.toNanos(10)) {
                srs.awaitQuiet(200);
            }
            srs.close(); // SIGKILL: no shutdown hook, no finish of either file
            assertTrue(srs.waitForKilled(10));
        } finally {
            pubs.forEach(Process::destroyForcibly);
        }
        for (String ext : List.of(".flv", ".mp4")) {
            Path f;
            try (Stream<Path> s = Files.walk(dir)) {
                f = s.filter(p -> p.toString().endsWith("crash" + ext)).findFirst().orElseThrow();
            }
            int frames = decodedFrames(f);
            assertTrue(frames >= 8 * FPS, f + ": only " + frames + " video frames decode after kill -9");
        }
    }
}
