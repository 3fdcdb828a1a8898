package io.srs.app.dvr;

import io.srs.testing.ExternalTool;
import io.srs.app.config.SrsConfig;
import io.srs.app.hls.MediaTools;
import io.srs.app.hls.StreamName;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceRegistry;
import io.srs.app.source.SourceSettings;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paths, dvr_apply, plans and codecs of the recorder, fed straight into a live source. */
class DvrRecorderTest {
    @TempDir
    Path dir;

    final SourceRegistry registry = new SourceRegistry();
    DvrManager dvr;
    final LinkedBlockingQueue<String> files = new LinkedBlockingQueue<>();

    @AfterEach
    void cleanup() {
        if (dvr != null) {
            dvr.close();
        }
    }

    private ConfigStore start(String dvrBlock) {
        ConfigStore store = new ConfigStore(SrsConfig.parse("listen 1935; vhost __defaultVhost__ { " + dvrBlock + " }",
                "t.conf", dir, Map.of()));
        dvr = new DvrManager(store, registry);
        dvr.addListener((url, file) -> files.add(file));
        dvr.start();
        return store;
    }

    private static MediaMessage video(long ts, boolean key, boolean header) {
        byte[] p = {(byte) ((key ? 0x10 : 0x20) | 7), (byte) (header ? 0 : 1), 0, 0, 0, 1, 2, 3};
        return new MediaMessage(MessageType.VIDEO, ts, 1, Bytes.wrap(p));
    }

    @Test
    void pathsStayInsideTheirRoot() {
        Instant t = Instant.parse("2026-01-02T03:04:05.678Z");
        StreamName n = new StreamName("v", "live", "s");
        DvrPaths.Resolved r = DvrPaths.resolve("/data/[vhost]/[app]/[stream]-[2006][01][02]-[15][04][05].[999].mp4", n,
                t, ZoneOffset.UTC);
        assertEquals("/data/v/live/s-20260102-030405.678.mp4", r.name());
        assertEquals(Path.of("/data/v/live/s-20260102-030405.678.mp4"), r.path());
        assertEquals("/data/s." + t.toEpochMilli() + ".flv",
                DvrPaths.resolve("/data", n, t, ZoneOffset.UTC).name(), "a directory gets SRS's file name");
        assertThrows(SrsException.class, () -> DvrPaths.resolve("/data/[app]/[stream].flv",
                new StreamName("v", "live", ".."), t, ZoneOffset.UTC));
        assertThrows(SrsException.class, () -> DvrPaths.resolve("/data/[app]/[stream].flv",
                new StreamName("v", "../../etc", "x"), t, ZoneOffset.UTC));
    }

    @Test
    void dvrApplyMatchesAppStreamOrVhostAppStream() {
        StreamName n = new StreamName("v", "live", "s");
        assertTrue(DvrManager.applies(List.of("all"), n));
        assertTrue(DvrManager.applies(List.of("live/x", "live/s"), n));
        assertTrue(DvrManager.applies(List.of("v/live/s"), n));
        assertFalse(DvrManager.applies(List.of("live/x"), n));
    }

    @Test
    void withoutKeyframesASegmentIsCutAtTwiceTheDuration() throws Exception {
        start("dvr { enabled on; dvr_plan segment; dvr_duration 1; dvr_path " + dir + "/[stream].[timestamp].flv; }");
        LiveSource s = registry.publish("/live/nokey", SourceSettings.DEFAULTS, "c1").orElseThrow();
        s.onVideo(video(0, true, true));
        s.onVideo(video(0, true, false));
        for (long ts = 40; ts <= 5000; ts += 40) {
            s.onVideo(video(ts, false, false)); // one keyframe, then none for 5 s
        }
        s.unpublish();
        // 5 s of video without a keyframe: cuts at 2 s and 4 s, the rest closes at unpublish.
        int n = 0;
        while (files.poll(n == 0 ? 10 : 2, TimeUnit.SECONDS) != null) {
            n++;
        }
        assertTrue(n >= 2 && n <= 3, n + " files for 5 s cut at 2 s");
    }

    @Test
    void reloadStartsAndStopsRecordingOfALiveStream() throws Exception {
        ConfigStore store = start("dvr { enabled off; dvr_path " + dir + "/[stream].flv; }");
        LiveSource s = registry.publish("/live/r", SourceSettings.DEFAULTS, "c1").orElseThrow();
        s.onVideo(video(0, true, true));
        assertFalse(dvr.isRecording("/live/r"));
        store.apply(SrsConfig.parse("listen 1935; vhost __defaultVhost__ { dvr { enabled on; dvr_path " + dir
                + "/[stream].flv; } }", "t.conf", dir, Map.of()));
        assertTrue(dvr.isRecording("/live/r"), "recording starts without a republish");
        for (long ts = 0; ts <= 400; ts += 40) {
            s.onVideo(video(ts, ts == 0, false));
        }
        store.apply(SrsConfig.parse("listen 1935; vhost __defaultVhost__ { dvr { enabled on; dvr_apply live/other; "
                + "dvr_path " + dir + "/[stream].flv; } }", "t.conf", dir, Map.of()));
        assertFalse(dvr.isRecording("/live/r"), "dvr_apply no longer names the stream");
        String file = files.poll(10, TimeUnit.SECONDS);
        assertNotNull(file, "the file is closed and reported when recording stops");
        assertTrue(Files.size(Path.of(file)) > 13);
        s.unpublish();
    }

    @Test
    void h264AndMp3RecordToMp4() throws Exception {
        ExternalTool.require(ExternalTool.FFMPEG, ExternalTool.FFPROBE);
        Path clip = dir.resolve("mp3.flv");
        MediaTools.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=160x120:rate=25:duration=3", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=44100:duration=3", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25",
                "-pix_fmt", "yuv420p", "-c:a", "libmp3lame", "-ar", "44100", "-f", "flv", clip.toString()));
        start("dvr { enabled on; dvr_path " + dir + "/out/[stream].mp4; }");
        LiveSource s = registry.publish("/live/mp3", SourceSettings.DEFAULTS, "c1").orElseThrow();
        for (MediaMessage m : MediaTools.read(clip)) {
            MediaTools.publish(s, m);
        }
        s.unpublish();
        String file = files.poll(20, TimeUnit.SECONDS);
        assertNotNull(file);
        String probe = MediaTools.run(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_name",
                "-of", "csv=p=0", file));
        assertTrue(probe.contains("h264") && probe.contains("mp3"), probe);
        String decode = MediaTools.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file, "-f", "null", "-"));
        assertEquals("", decode.strip(), decode);
    }

    @Test
    void aRecordingQueueIsBoundedInBytes() {
        LiveSource s = registry.publish("/live/big", SourceSettings.DEFAULTS, "c1").orElseThrow();
        io.srs.app.source.Consumer c = registry.createInternalConsumer("/live/big", SourceSettings.DEFAULTS, false);
        c.limitBytes(100_000);
        byte[] frame = new byte[10_000];
        frame[0] = 0x17;
        frame[1] = 1;
        for (long ts = 0; ts < 1000; ts += 40) {
            frame[0] = (byte) (ts == 0 ? 0x17 : 0x27);
            s.onVideo(new MediaMessage(MessageType.VIDEO, ts, 1, Bytes.wrap(frame.clone())));
            assertTrue(c.bytes() <= 100_000 + frame.length, c.bytes() + " bytes queued");
        }
        assertTrue(c.dropped() > 0, "overflow dropped frames");
        c.close();
        s.unpublish();
    }
}
