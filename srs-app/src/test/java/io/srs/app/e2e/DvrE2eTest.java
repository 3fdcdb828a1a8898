package io.srs.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.srs.app.hooks.HookReceiver;
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

    /**
     * A full disk (a 256 KiB tmpfs) mid-recording: one error line, that recording stops, the
     * stream stays published and an RTMP player keeps receiving.
     */
    @Test
    void aFullDiskStopsOnlyThatRecording(@TempDir Path dir) throws Exception {
        Path small = dir.resolve("small");
        Files.createDirectories(small);
        Tools.Result mount = Tools.run(10, "mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", small.toString());
        if (mount.exit() != 0) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "cannot mount a tmpfs here: " + mount.err());
        }
        Path clip = Tools.clip(14);
        try (ClusterE2eTest.Capture log = ClusterE2eTest.Capture.of("io.srs.app.dvr.DvrRecorder");
                TestServer srs = TestServer.start(dvr(small + "/[app]/[stream].flv", "session", 30), "")) {
            CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/full");
            try (Tools.Running pub = LiveOriginE2eTest.publish(clip, srs.url("live/full"))) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                try (TestPlayer player = TestPlayer.play(srs.port, "live", "full")) {
                    assertTrue(player.awaitFirstVideo(10));
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                    while (log.count("recording stopped") == 0 && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    assertEquals(1, log.count("recording stopped"), log.toString());
                    long before = player.videoFrames();
                    // Two more seconds of video reach the player after the recording died.
                    assertTrue(player.awaitVideoFrames(before + 50, 10), "player stalled after the disk filled");
                    assertEquals(1, log.count("recording stopped"), "one line per recording: " + log);
                    assertTrue(srs.app.sources().find("/live/full").orElseThrow().isPublishing());
                }
            }
        } finally {
            Tools.run(10, "umount", "-l", small.toString());
        }
    }
}
