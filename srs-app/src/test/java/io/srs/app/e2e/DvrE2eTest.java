package io.srs.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.srs.app.hooks.HookReceiver;
import io.srs.testing.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DVR with real clients: FFmpeg publishes, ffprobe and FFmpeg read the recordings. Three
 * recordings run in parallel from one publish each (FLV session, MP4 session, MP4 segments of
 * 4 s) to keep the test short.
 */
class DvrE2eTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String dvr(String path, String plan, int duration) {
        return "dvr { enabled on; dvr_plan " + plan + "; dvr_path " + path + "; dvr_duration " + duration + "; }";
    }

    static String onDvr(String url) {
        return "http_hooks { enabled on; on_dvr " + url + "; }";
    }

    /** ffprobe's format and streams of a file. */
    static JsonNode probe(Path f) throws Exception {
        Tools.Result r = Tools.run(30, "ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json",
                f.toString());
        assertEquals(0, r.exit(), r.err());
        return JSON.readTree(r.out());
    }

    /** Decodes every frame; returns FFmpeg's errors (empty when clean). */
    static String decodeErrors(Path f) throws Exception {
        Tools.Result r = Tools.run(60, "ffmpeg", "-hide_banner", "-v", "error", "-i", f.toString(), "-f", "null", "-");
        return r.exit() == 0 ? r.err() : "exit " + r.exit() + ": " + r.err();
    }

    /** Seconds of video FFmpeg decodes from a file (frames / 25 fps of the test clip). */
    static double decodedVideoSeconds(Path f) throws Exception {
        Tools.Result r = Tools.run(60, "ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", f.toString());
        String n = r.out().trim().replace(",", "");
        return n.isEmpty() || n.equals("N/A") ? 0 : Integer.parseInt(n) / 25.0;
    }

    static boolean firstVideoFrameIsKey(Path f) throws Exception {
        Tools.Result r = Tools.run(30, "ffprobe", "-v", "error", "-select_streams", "v:0", "-show_frames",
                "-read_intervals", "%+#1", "-show_entries", "frame=key_frame", "-of", "csv=p=0", f.toString());
        return r.out().trim().startsWith("1");
    }

    static List<Path> files(Path dir, String ext) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(ext)).sorted().toList();
        }
    }

    @Test
    void sessionAndSegmentPlansRecordPlayableFilesAndCallOnDvr(@TempDir Path dir) throws Exception {
        Path clip = Tools.clip(14);
        String flvPath = dir + "/flv/[app]/[stream].[timestamp].flv";
        String mp4Path = dir + "/mp4/[vhost]/[app]/[stream]-[2006][01][02]-[15][04][05]-[999].mp4";
        String segPath = dir + "/seg/[app]/[stream].[timestamp].mp4";
        try (HookReceiver hooks = new HookReceiver(c -> HookReceiver.Answer.ok("{\"code\":0}"));
                TestServer srs = TestServer.start(dvr(flvPath, "session", 30) + onDvr(hooks.url("/dvr")),
                        "vhost mp4.test { " + dvr(mp4Path, "session", 30) + onDvr(hooks.url("/dvr")) + " }\n"
                                + "vhost seg.test { " + dvr(segPath, "segment", 4) + onDvr(hooks.url("/dvr")) + " }")) {
            CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/a");
            List<Tools.Running> pubs = new ArrayList<>();
            try {
                pubs.add(LiveOriginE2eTest.publish(clip, srs.url("live/a")));
                pubs.add(LiveOriginE2eTest.publish(clip, srs.url("live/b?vhost=mp4.test")));
                pubs.add(LiveOriginE2eTest.publish(clip, srs.url("live/c?vhost=seg.test")));
                assertTrue(live.await(20, TimeUnit.SECONDS));
                // The API names the file being written.
                awaitRecordingInApi(srs, "a");
                for (Tools.Running p : pubs) {
                    assertEquals(0, p.await(40).exit(), "publisher failed");
                }
            } finally {
                pubs.forEach(Tools.Running::close);
            }
            HookReceiver.Call flvHook = hooks.await(c -> c.json() != null
                    && c.json().path("file").asText().endsWith(".flv"), 15);
            HookReceiver.Call mp4Hook = hooks.await(c -> c.json() != null
                    && c.json().path("file").asText().contains("/mp4/mp4.test/live/b-"), 15);
            assertEquals("on_dvr", flvHook.json().get("action").asText());
            assertEquals("live", flvHook.json().get("app").asText());
            assertEquals("a", flvHook.json().get("stream").asText());
            assertTrue(flvHook.json().get("cwd").asText().length() > 0);
            assertTrue(flvHook.json().get("client_id").asText().length() > 0, "publisher's id: " + flvHook.json());
            assertEquals("mp4.test", mp4Hook.json().get("vhost").asText());

            Path flv = Path.of(flvHook.json().get("file").asText());
            Path mp4 = Path.of(mp4Hook.json().get("file").asText());
            for (Path f : List.of(flv, mp4)) {
                JsonNode p = probe(f);
                double duration = p.get("format").get("duration").asDouble();
                assertTrue(duration >= 9, f + " lasts " + duration + " s");
                List<String> codecs = new ArrayList<>();
                p.get("streams").forEach(s -> codecs.add(s.get("codec_name").asText()));
                assertTrue(codecs.contains("h264") && codecs.contains("aac"), f + ": " + codecs);
                assertEquals("", decodeErrors(f), f.toString());
                assertTrue(firstVideoFrameIsKey(f), f + " starts with a keyframe");
            }

            // Segment plan: wait for the last file's hook, then check every file.
            hooks.await(c -> c.json() != null && c.json().path("file").asText().contains("/seg/")
                    && hooks.actions("on_dvr").stream()
                    .filter(x -> x.json().path("file").asText().contains("/seg/")).count() >= 3, 15);
            List<Path> segs = files(dir.resolve("seg"), ".mp4");
            assertTrue(segs.size() >= 3, "segments: " + segs);
            double total = 0;
            for (Path f : segs) {
                assertTrue(firstVideoFrameIsKey(f), f + " starts with a keyframe");
                assertEquals("", decodeErrors(f), f.toString());
                total += probe(f).get("format").get("duration").asDouble();
            }
            assertTrue(total >= 12, "segments add up to " + total + " s");
        }
    }

    private static void awaitRecordingInApi(TestServer srs, String stream) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            JsonNode streams = srs.app.control().stats().dumpStreams(0, 100);
            for (JsonNode s : streams) {
                if (s.path("name").asText().equals(stream) && s.path("dvr").path("enabled").asBoolean()
                        && !s.path("dvr").path("file").isNull()) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stream " + stream + " not shown as recorded: " + streams);
            }
            Thread.sleep(100);
        }
    }

    static void awaitLog(ClusterE2eTest.Capture log, String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (log.count(text) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(log.count(text) > 0, "no '" + text + "' in:\n" + log);
    }

    /**
     * The disk fails under a recording ({@code fault} makes it fail, {@code repair} gives the
     * space back): one error line while it lasts, the player of that stream never stalls, the
     * recording resumes by itself in a new file, and only that complete file gets on_dvr.
     */
    private static void recordingSurvives(Path disk, ThrowingRunnable fault, ThrowingRunnable repair,
            boolean faultBeforePublish) throws Exception {
        Path clip = Tools.clip(30);
        try (HookReceiver hooks = new HookReceiver(c -> HookReceiver.Answer.ok("{\"code\":0}"));
                ClusterE2eTest.Capture log = ClusterE2eTest.Capture.of("io.srs.app.dvr.DvrRecorder");
                TestServer srs = TestServer.start(dvr(disk + "/[app]/[stream].[timestamp].flv", "session", 30)
                        + onDvr(hooks.url("/dvr")), "")) {
            if (faultBeforePublish) {
                fault.run();
            }
            CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/full");
            try (Tools.Running pub = LiveOriginE2eTest.publish(clip, srs.url("live/full"));
                    TestPlayer player = TestPlayer.play(srs.port, "live", "full")) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                assertTrue(player.awaitFirstVideo(10));
                if (!faultBeforePublish) {
                    awaitLog(log, "dvr /live/full: start", 10);
                    Thread.sleep(1500); // some of the recording reaches the disk
                    fault.run();
                }
                awaitLog(log, "recording paused", 10);
                // The failure lasts 3 s: one line, and the player keeps receiving (75 frames).
                long frames = player.videoFrames();
                assertTrue(player.awaitVideoFrames(frames + 50, 10), "player stalled while the disk failed");
                Thread.sleep(1000);
                assertEquals(1, log.count("recording paused"), "one line per stream:\n" + log);
                assertEquals(List.of(), hooks.actions("on_dvr"), "nothing complete to announce yet");
                repair.run();
                awaitLog(log, "recording resumed", 10);
                assertEquals(1, log.count("recording paused"), log.toString());
                Thread.sleep(1500);
            }
            HookReceiver.Call hook = hooks.await(HookReceiver.action("on_dvr"), 15);
            Thread.sleep(500);
            assertEquals(1, hooks.actions("on_dvr").size(), "on_dvr for the resumed file only: " + hooks.calls());
            Path resumed = Path.of(hook.json().get("file").asText());
            assertEquals("", decodeErrors(resumed), resumed.toString());
            assertTrue(firstVideoFrameIsKey(resumed), resumed + " starts with a keyframe");
            assertTrue(decodedVideoSeconds(resumed) >= 1.5, resumed + ": " + decodedVideoSeconds(resumed) + " s");
            List<Path> all = files(disk, ".flv");
            assertTrue(all.size() <= 2, "a partial file at most, besides the resumed one (no empty retries): " + all);
            assertTrue(srs.app.sources().find("/live/full").isEmpty() || !srs.app.sources().find("/live/full")
                    .orElseThrow().isPublishing());
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** A full disk (a tmpfs filled by another file) mid-recording, then the file is removed. */
    @Test
    void aFullDiskPausesTheRecordingWhichResumesWhenSpaceReturns(@TempDir Path dir) throws Exception {
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("small"), "8m")) {
            Path[] filler = new Path[1];
            recordingSurvives(disk.dir, () -> filler[0] = disk.fill("filler"), () -> Files.delete(filler[0]), false);
        }
    }

    /** A read-only file system at publish, remounted read-write later. */
    @Test
    void aReadOnlyDiskPausesTheRecordingUntilItIsWritable(@TempDir Path dir) throws Exception {
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("ro"), "8m")) {
            recordingSurvives(disk.dir, () -> disk.readOnly(true), () -> disk.readOnly(false), true);
        }
    }
}
