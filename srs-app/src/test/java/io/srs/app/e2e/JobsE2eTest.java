package io.srs.app.e2e;

import io.srs.app.process.Job;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceListener;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transcode, ingest and exec with real FFmpeg: what the jobs produce, and that the supervisor
 * restarts and ends their processes.
 */
@Tag("e2e")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JobsE2eTest {
    private static final String LIBX264 = "vcodec libx264; vprofile baseline; vpreset ultrafast; vthreads 1;";

    /** Publishes the clip in a loop, so the stream lasts as long as the test. */
    static Tools.Running publishLoop(Path clip, String url) throws Exception {
        return Tools.start("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1", "-i",
                clip.toString(), "-c", "copy", "-f", "flv", url);
    }

    /** A latch released when {@code url} is published {@code times} times. */
    static CountDownLatch published(TestServer srs, String url, int times) {
        CountDownLatch latch = new CountDownLatch(times);
        srs.app.sources().addListener(new SourceListener() {
            @Override
            public void onPublish(LiveSource source) {
                if (source.url().equals(url)) {
                    latch.countDown();
                }
            }

            @Override
            public void onUnpublish(LiveSource source) {
            }
        });
        return latch;
    }

    /** codec_name,codec_type[,width,height] of each stream of a live RTMP stream. */
    static List<String> probe(String url) throws Exception {
        Tools.Result r = Tools.run(30, "ffprobe", "-v", "error", "-show_entries",
                "stream=codec_type,codec_name,width,height", "-of", "csv=p=0", url);
        return r.out().lines().map(String::trim).filter(s -> !s.isEmpty()).sorted().toList();
    }

    static Optional<Job> job(TestServer srs, String keyPart) {
        return srs.app.jobs().jobs().stream().filter(j -> j.spec().key().contains(keyPart)).findFirst();
    }

    static void await(String what, long millis, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + millis + " ms waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Processes whose command line mentions {@code marker}. */
    static List<ProcessHandle> processesWith(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .toList();
    }

    @Test
    void transcodesScalesCropsDropsAudioAndRestartsAKilledEncoder() throws Exception {
        Path clip = Tools.clip(4);
        String out = "output rtmp://127.0.0.1:[port]/[app]/[stream]_[engine];";
        try (TestServer srs = TestServer.start("""
                transcode live {
                    enabled on;
                    ffmpeg ffmpeg;
                    engine sd { enabled on; %s vwidth 320; vheight 180; acodec aac; abitrate 32; %s }
                    engine silent { enabled on; vcodec copy; acodec an; %s }
                }
                transcode live/src {
                    enabled on;
                    ffmpeg ffmpeg;
                    engine crop { enabled on; vfilter { vf 'crop=160:90:0:0'; } %s acodec copy; %s }
                }
                """.formatted(LIBX264, out, out, LIBX264, out), "ff_log_dir target/ff-logs;")) {
            CountDownLatch sd = published(srs, "/live/src_sd", 2);
            CountDownLatch silent = published(srs, "/live/src_silent", 1);
            CountDownLatch crop = published(srs, "/live/src_crop", 1);
            try (Tools.Running pub = publishLoop(clip, srs.url("live/src"))) {
                assertTrue(silent.await(20, TimeUnit.SECONDS), "vcodec copy engine published");
                assertTrue(crop.await(20, TimeUnit.SECONDS), "crop engine published");
                // The latch counts two publishes (the second after the kill below): one is enough here.
                await("sd engine published", 20_000, () -> sd.getCount() <= 1);
                assertEquals(List.of("aac,audio", "h264,video,320,180"), probe(srs.url("live/src_sd")));
                assertEquals(List.of("h264,video,640,360"), probe(srs.url("live/src_silent")));
                assertEquals(List.of("aac,audio", "h264,video,160,90"), probe(srs.url("live/src_crop")));
                // The outputs are not transcoded again (loop guard): only the three engines run.
                assertEquals(3, srs.app.jobs().jobs().size(), srs.app.jobs().jobs().toString());

                Job before = job(srs, "sd").orElseThrow();
                long pid = before.pid();
                new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
                await("sd restarted", 3_000, () -> job(srs, "sd").map(j -> j.pid() > 0 && j.pid() != pid)
                        .orElse(false));
                assertTrue(sd.await(20, TimeUnit.SECONDS), "sd published again");
                assertEquals(List.of("aac,audio", "h264,video,320,180"), probe(srs.url("live/src_sd")));
                assertEquals(1, job(srs, "sd").orElseThrow().restarts());
                assertTrue(Files.exists(Path.of("target/ff-logs/ffmpeg-encoder-__defaultVhost__-live-src-sd.log")));
            }
            // Unpublish: every transcoder gone within 5 s.
            await("transcoders stopped", 5_000, () -> srs.app.jobs().jobs().isEmpty()
                    && processesWith("127.0.0.1:" + srs.port).isEmpty());
        }
    }

    /** Mp3 audio in, a logo overlaid (an image made here), AAC out. */
    @Test
    void overlaysALogoAndTranscodesMp3ToAac() throws Exception {
        Path clip = Tools.clip(4);
        Path dir = Files.createTempDirectory("logo-e2e");
        Path logo = dir.resolve("logo.png");
        Tools.Result made = Tools.run(30, "ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                "color=c=0xFF00FF:size=64x64", "-frames:v", "1", logo.toString());
        assertEquals(0, made.exit(), made.err());
        try (TestServer srs = TestServer.start("""
                transcode live/mp3 {
                    enabled on;
                    ffmpeg ffmpeg;
                    engine logo { enabled on; vfilter { i %s; filter_complex 'overlay=10:10'; } %s
                        acodec aac; output rtmp://127.0.0.1:[port]/[app]/[stream]_[engine]; }
                }
                """.formatted(logo, LIBX264), "ff_log_dir /dev/null;")) {
            CountDownLatch out = published(srs, "/live/mp3_logo", 1);
            try (Tools.Running pub = Tools.start("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                    "-stream_loop", "-1", "-i", clip.toString(), "-c:v", "copy", "-c:a", "libmp3lame", "-ar", "44100",
                    "-f", "flv", srs.url("live/mp3"))) {
                assertTrue(out.await(20, TimeUnit.SECONDS), "logo engine published");
                assertEquals(List.of("h264,video,640,360", "mp3,audio"), probe(srs.url("live/mp3")));
                assertEquals(List.of("aac,audio", "h264,video,640,360"), probe(srs.url("live/mp3_logo")));
                // The pixel at (40,40) lies inside the 64x64 magenta logo placed at (10,10); the
                // source's is not magenta.
                assertFalse(magenta(pixel(srs.url("live/mp3"), dir)), "source pixel");
                assertTrue(magenta(pixel(srs.url("live/mp3_logo"), dir)), "logo pixel");
            }
        }
    }

    /** The RGB of the pixel at (40,40) of the first frame of a live stream. */
    static byte[] pixel(String url, Path dir) throws Exception {
        Path px = Files.createTempFile(dir, "px", ".rgb");
        Tools.Result grab = Tools.run(30, "ffmpeg", "-hide_banner", "-loglevel", "error", "-i", url,
                "-frames:v", "1", "-vf", "format=rgb24,crop=1:1:40:40", "-f", "rawvideo", "-pix_fmt", "rgb24",
                "-y", px.toString());
        assertEquals(0, grab.exit(), grab.err());
        return Files.readAllBytes(px);
    }

    static boolean magenta(byte[] rgb) {
        return (rgb[0] & 0xff) > 200 && (rgb[1] & 0xff) < 60 && (rgb[2] & 0xff) > 200;
    }

    @Test
    void execRunsWithTheStreamsArgumentsAndEndsOnUnpublish() throws Exception {
        Path clip = Tools.clip(4);
        Path dir = Files.createTempDirectory("exec-e2e");
        Path script = dir.resolve("on-publish.sh");
        Path args = dir.resolve("args.txt");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" > " + args + ".tmp && mv " + args + ".tmp " + args
                + "\nwhile :; do sleep 0.2; done\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TestServer srs = TestServer.start("exec { enabled on; publish " + script
                + " [vhost] [app] [stream] [port] [url]; }", "ff_log_dir /dev/null;")) {
            long fds = 0;
            int threads = 0;
            // Ten publish/unpublish cycles: each runs the script again; nothing is left behind.
            for (int round = 0; round < 10; round++) {
                Files.deleteIfExists(args);
                try (Tools.Running pub = publishLoop(clip, srs.url("live/ex"))) {
                    await("exec ran", 15_000, () -> Files.exists(args));
                    assertEquals("__defaultVhost__ live ex " + srs.port + " rtmp://127.0.0.1:" + srs.port
                            + "/live/ex", Files.readString(args).trim());
                    assertFalse(processesWith(script.toString()).isEmpty());
                }
                await("exec gone after unpublish", 5_000, () -> processesWith(script.toString()).isEmpty()
                        && srs.app.jobs().jobs().isEmpty());
                if (round == 1) {
                    fds = openFiles();
                    threads = Thread.activeCount();
                }
            }
            long fdsAfter = fds;
            int threadsAfter = threads;
            await("no file or thread left", 5_000, () -> openFiles() <= fdsAfter + 2
                    && Thread.activeCount() <= threadsAfter + 2);
        }
    }

    static long openFiles() {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void reloadAddsAnEngineWithoutRestartingTheRunningOne() throws Exception {
        Path clip = Tools.clip(4);
        String sd = "transcode live { enabled on; ffmpeg ffmpeg; engine sd { enabled on; vcodec copy; acodec copy;"
                + " output rtmp://127.0.0.1:[port]/[app]/[stream]_[engine]; }";
        String extra = " engine ld { enabled on; vcodec copy; acodec an; output rtmp://127.0.0.1:[port]/[app]/[stream]_[engine]; }";
        try (TestServer srs = TestServer.start(sd + " }", "ff_log_dir /dev/null;")) {
            CountDownLatch first = published(srs, "/live/r_sd", 1);
            CountDownLatch second = published(srs, "/live/r_ld", 1);
            int[] sdUnpublished = {0};
            srs.app.sources().addListener(new SourceListener() {
                @Override
                public void onPublish(LiveSource source) {
                }

                @Override
                public void onUnpublish(LiveSource source) {
                    if (source.url().equals("/live/r_sd")) {
                        sdUnpublished[0]++;
                    }
                }
            });
            try (Tools.Running pub = publishLoop(clip, srs.url("live/r"))) {
                assertTrue(first.await(20, TimeUnit.SECONDS), "sd published");
                long pid = job(srs, "sd").orElseThrow().pid();
                srs.reload(sd + extra + " }", "ff_log_dir /dev/null;");
                assertTrue(second.await(20, TimeUnit.SECONDS), "engine added by reload published");
                assertEquals(pid, job(srs, "sd").orElseThrow().pid(), "the first engine kept its process");
                assertEquals(0, sdUnpublished[0], "the first engine's stream never stopped");
                long before = srs.app.sources().find("/live/r_sd").orElseThrow().bytesIn();
                await("sd keeps flowing", 5_000,
                        () -> srs.app.sources().find("/live/r_sd").orElseThrow().bytesIn() > before);
                // Removing the engine stops it.
                srs.reload(sd + " }", "ff_log_dir /dev/null;");
                await("ld stopped", 5_000, () -> job(srs, "ld").isEmpty());
                assertEquals(pid, job(srs, "sd").orElseThrow().pid());
            }
        }
    }

    @Test
    void aMissingFfmpegIsOneErrorAndTheServerKeepsServing() throws Exception {
        Path clip = Tools.clip(4);
        int api = TestServer.freePort();
        int exporter = TestServer.freePort();
        try (TestServer srs = TestServer.start("transcode { enabled on; ffmpeg /nonexistent/ffmpeg; engine a {"
                + " enabled on; vcodec copy; acodec copy; output rtmp://127.0.0.1:[port]/[app]/[stream]_a; } }",
                "http_api { enabled on; listen " + api + "; } exporter { enabled on; listen " + exporter + "; }")) {
            CountDownLatch live = published(srs, "/live/m", 1);
            try (Tools.Running pub = publishLoop(clip, srs.url("live/m"))) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                await("job waits for its program", 5_000, () -> job(srs, "a").map(j -> j.state() == Job.State.BACKOFF
                        && j.lastError().contains("does not exist")).orElse(false));
                assertEquals(List.of("aac,audio", "h264,video,640,360"), probe(srs.url("live/m")));
                String jobs = httpGet("http://127.0.0.1:" + api + "/api/v1/jobs");
                assertTrue(jobs.contains("\"kind\":\"encoder\"") && jobs.contains("\"state\":\"backoff\"")
                        && jobs.contains("/nonexistent/ffmpeg -f flv -i rtmp://127.0.0.1:" + srs.port
                        + "/live?vhost=__defaultVhost__/m -vcodec copy -acodec copy -f flv -y rtmp://127.0.0.1:"
                        + srs.port + "/live/m_a"), jobs);
                String metrics = httpGet("http://127.0.0.1:" + exporter + "/metrics");
                assertTrue(metrics.contains("srs_jobs_running 0.0") && metrics.contains("srs_jobs_restarts_total 0.0"),
                        metrics);
            }
        }
    }

    static String httpGet(String url) throws Exception {
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    @Test
    void killingTheServerJvmLeavesNoFfmpeg() throws Exception {
        Path clip = Tools.clip(3);
        int port = TestServer.freePort();
        Path conf = Files.createTempFile("jobs-kill", ".conf");
        Files.writeString(conf, """
                listen %d;
                daemon off;
                srs_log_tank console;
                ff_log_dir /dev/null;
                vhost __defaultVhost__ {
                    ingest f { enabled on; input { type file; url %s; } ffmpeg ffmpeg;
                        engine { enabled off; output rtmp://127.0.0.1:[port]/live/k; } }
                    transcode live/k { enabled on; ffmpeg ffmpeg; engine c { enabled on; vcodec copy; acodec an;
                        output rtmp://127.0.0.1:[port]/live/k_c; } }
                }
                """.formatted(port, clip.toAbsolutePath()));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                JobsServerMain.class.getName(), conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String marker = "127.0.0.1:" + port + "/live/k";
            await("ingest and transcoder running", 20_000, () -> processesWith(marker + "_c").size() >= 1
                    && processesWith(clip.toAbsolutePath().toString()).size() >= 1);
            new ProcessBuilder("kill", "-9", Long.toString(server.pid())).start().waitFor();
            await("no ffmpeg left", 5_000, () -> processesWith(marker).isEmpty());
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void ingestsAFileAndALiveStreamAndKeepsTheFileGoing() throws Exception {
        Path clip = Tools.clip(3);
        int port = TestServer.freePort();
        try (TestServer srs = TestServer.startOn(port, """
                ingest file1 {
                    enabled on;
                    input { type file; url %s; }
                    ffmpeg ffmpeg;
                    engine { enabled off; output rtmp://127.0.0.1:[port]/live/fromfile?vhost=[vhost]; }
                }
                ingest relay {
                    enabled on;
                    input { type stream; url rtmp://127.0.0.1:%d/live/origin; }
                    ffmpeg ffmpeg;
                    engine { enabled off; output rtmp://127.0.0.1:[port]/live/relayed; }
                }
                """.formatted(clip.toAbsolutePath(), port), "")) {
            CountDownLatch file = published(srs, "/live/fromfile", 2);
            CountDownLatch relayed = published(srs, "/live/relayed", 1);
            try (Tools.Running pub = publishLoop(clip, srs.url("live/origin"))) {
                assertTrue(relayed.await(10, TimeUnit.SECONDS), "live ingest playable within 10 s");
                assertEquals(List.of("aac,audio", "h264,video,640,360"), probe(srs.url("live/relayed")));
            }
            // The 3 s file ends and is ingested again.
            assertTrue(file.await(15, TimeUnit.SECONDS), "file ingested, then again after its end");
            assertTrue(Files.exists(Path.of("objs/ffmpeg-ingest-__defaultVhost__-live-fromfile.log")));
        }
    }
}
