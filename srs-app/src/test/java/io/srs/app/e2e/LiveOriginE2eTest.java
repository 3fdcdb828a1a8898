package io.srs.app.e2e;

import io.srs.testing.ExternalTool;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceListener;
import io.srs.kernel.flv.FlvReader;
import io.srs.kernel.media.MediaMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live origin proven with real encoders and players (FFmpeg, rtmpdump, GStreamer). */
@Tag("e2e")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LiveOriginE2eTest {

    /** Publishes {@code clip} in real time with ffmpeg -c copy. */
    static Tools.Running publish(Path clip, String url, String... outputOptions) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                "-i", clip.toString(), "-c", "copy"));
        cmd.addAll(List.of(outputOptions));
        cmd.addAll(List.of("-f", "flv", url));
        return Tools.start(cmd.toArray(String[]::new));
    }

    /** A latch released when {@code url} starts being published. */
    static CountDownLatch published(TestServer srs, String url) {
        return JobsE2eTest.published(srs, url, 1);
    }

    static List<MediaMessage> flvFrames(Path clip) throws Exception {
        List<MediaMessage> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(clip)) {
            FlvReader r = new FlvReader(in);
            r.readHeader();
            MediaMessage m;
            while ((m = r.next()) != null) {
                if (m.isAv() && m.payload().get(1) == 1) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    static long videoFrames(List<MediaMessage> msgs) {
        return msgs.stream().filter(m -> m.isVideo() && m.payload().get(1) == 1).count();
    }

    @Test
    void ffmpegPublishesAFileAndFfprobeAndFfmpegPlayIt() throws Exception {
        Path clip = Tools.clip(10);
        ExternalTool.FFPROBE.require();
        try (TestServer srs = TestServer.start()) {
            CountDownLatch live = published(srs, "/live/file");
            try (Tools.Running pub = publish(clip, srs.url("live/file"))) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                Tools.Result probe = Tools.run(30, "ffprobe", "-v", "error", "-show_entries",
                        "stream=codec_name,width,height", "-of", "compact", srs.url("live/file"));
                assertTrue(probe.out().contains("codec_name=h264|width=640|height=360"), probe.out() + probe.err());
                assertTrue(probe.out().contains("codec_name=aac"), probe.out());
                Tools.Result play = Tools.run(40, "ffmpeg", "-hide_banner", "-v", "error", "-i", srs.url("live/file"),
                        "-t", "5", "-map", "0:v", "-f", "framecrc", "-");
                long frames = play.out().lines().filter(l -> !l.startsWith("#")).count();
                assertTrue(frames >= 100, "decoded frames: " + frames);
                assertEquals("", play.err().strip(), "no decode errors");
            }
        }
    }

    @Test
    void ffmpegLiveEncodeIsPlayable() throws Exception {
        ExternalTool.FFMPEG.require();
        try (TestServer srs = TestServer.start()) {
            CountDownLatch live = published(srs, "/live/enc");
            try (Tools.Running pub = Tools.start("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                    "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine",
                    "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25",
                    "-pix_fmt", "yuv420p", "-c:a", "aac", "-t", "30", "-f", "flv", srs.url("live/enc"))) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                Tools.Result play = Tools.run(40, "ffmpeg", "-hide_banner", "-v", "error", "-i", srs.url("live/enc"),
                        "-frames:v", "100", "-map", "0:v", "-f", "framecrc", "-");
                long frames = play.out().lines().filter(l -> !l.startsWith("#")).count();
                assertEquals(100, frames, play.err());
                assertEquals("", play.err().strip());
            }
        }
    }

    /** The player's framemd5 output has every packet of {@code clip}, byte for byte, in order. */
    static void assertLossless(Path clip, Tools.Result got) throws Exception {
        List<String> expected = Tools.packetHashes(clip.toString());
        List<String> received = Tools.parseHashes(got.out());
        assertTrue(expected.size() > 200, "clip packets: " + expected.size());
        assertEquals(expected, received, got.err());
    }

    @Test
    void relayIsLosslessFrameForFrame() throws Exception {
        Path clip = Tools.clip(6);
        try (TestServer srs = TestServer.start()) {
            // The player comes first and waits; it ends 3 s after the stream stops.
            try (Tools.Running player = Tools.start("ffmpeg", "-hide_banner", "-loglevel", "error",
                    "-rw_timeout", "3000000", "-i", srs.url("live/md5"), "-c", "copy", "-f", "framemd5", "-")) {
                TestPlayer waiting = TestPlayer.play(srs.port, "live", "md5");
                waiting.close();
                CountDownLatch live = published(srs, "/live/md5");
                try (Tools.Running pub = publish(clip, srs.url("live/md5"))) {
                    assertTrue(live.await(20, TimeUnit.SECONDS));
                    assertEquals(0, pub.await(60).exit());
                }
                assertLossless(clip, player.await(60));
            }
        }
    }

    @Test
    void rtmpdumpPlays() throws Exception {
        ExternalTool.RTMPDUMP.require();
        ExternalTool.FFPROBE.require();
        Path clip = Tools.clip(10);
        try (TestServer srs = TestServer.start()) {
            CountDownLatch live = published(srs, "/live/dump");
            try (Tools.Running pub = publish(clip, srs.url("live/dump"))) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                Path out = Files.createTempFile("rtmpdump", ".flv");
                Tools.run(30, "rtmpdump", "-r", srs.url("live/dump"), "-o", out.toString(), "-B", "4", "-m", "10");
                Tools.Result probe = Tools.run(30, "ffprobe", "-v", "error", "-count_frames", "-select_streams", "v",
                        "-show_entries", "stream=codec_name,nb_read_frames", "-of", "compact", out.toString());
                assertTrue(probe.out().contains("codec_name=h264"), probe.out() + probe.err());
                int frames = Integer.parseInt(probe.out().replaceAll("(?s).*nb_read_frames=(\\d+).*", "$1"));
                assertTrue(frames >= 50, "frames: " + frames);
            }
        }
    }

    @Test
    void gstreamerPublishesAndPlays() throws Exception {
        ExternalTool.GSTREAMER.require();
        try (TestServer srs = TestServer.start()) {
            CountDownLatch live = published(srs, "/live/gst");
            try (Tools.Running pub = Tools.start("gst-launch-1.0", "-q", "videotestsrc", "is-live=true", "num-buffers=750",
                    "!", "video/x-raw,width=320,height=240,framerate=25/1", "!", "x264enc", "tune=zerolatency",
                    "key-int-max=25", "speed-preset=ultrafast", "!", "h264parse", "!", "flvmux", "streamable=true",
                    "!", "rtmp2sink", "location=" + srs.url("live/gst"))) {
                assertTrue(live.await(20, TimeUnit.SECONDS), "rtmp2sink published");
                Tools.Result play = Tools.run(40, "gst-launch-1.0", "-q", "rtmp2src", "location=" + srs.url("live/gst"),
                        "!", "flvdemux", "!", "h264parse", "!", "avdec_h264", "!", "fakesink", "num-buffers=50");
                assertEquals(0, play.exit(), play.out() + play.err());
            }
        }
    }

    @Test
    void fiftyPlayersGetTheStreamAndAStalledOneHurtsNobody() throws Exception {
        Path clip = Tools.clip(6);
        long sourceFrames = videoFrames(flvFrames(clip));
        try (TestServer srs = TestServer.start()) {
            List<TestPlayer> players = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    players.add(TestPlayer.play(srs.port, "live", "fan"));
                }
                TestPlayer stalled = TestPlayer.play(srs.port, "live", "fan");
                stalled.stall();
                players.add(stalled);
                CountDownLatch live = published(srs, "/live/fan");
                try (Tools.Running pub = publish(clip, srs.url("live/fan"))) {
                    assertTrue(live.await(20, TimeUnit.SECONDS));
                    assertEquals(0, pub.await(60).exit());
                }
                for (TestPlayer p : players.subList(0, 50)) {
                    assertTrue(p.awaitVideoFrames(sourceFrames * 95 / 100, 20),
                            "player got " + p.videoFrames() + " of " + sourceFrames);
                    assertNull(p.error());
                }
            } finally {
                for (TestPlayer p : players) {
                    p.close();
                }
            }
        }
    }

    @Test
    void aPlayerThatStopsReadingDoesNotDelayAnother() throws Exception {
        // A heavy stream (about 10 Mbps) so the stalled player's socket buffers fill within
        // seconds and the server's writes to it block.
        Path clip = Tools.heavyClip();
        try (TestServer srs = TestServer.start()) {
            try (TestPlayer healthy = TestPlayer.play(srs.port, "live", "heavy");
                 TestPlayer stalled = TestPlayer.play(srs.port, "live", "heavy", 4096)) {
                stalled.stall();
                CountDownLatch live = published(srs, "/live/heavy");
                try (Tools.Running pub = publish(clip, srs.url("live/heavy"))) {
                    assertTrue(live.await(20, TimeUnit.SECONDS));
                    assertEquals(0, pub.await(60).exit());
                }
                long frames = videoFrames(flvFrames(clip));
                assertTrue(healthy.awaitVideoFrames(frames, 20), healthy.videoFrames() + "/" + frames);
                assertTrue(stalled.videoFrames() < frames / 2, "the stalled player was held back: "
                        + stalled.videoFrames());
                List<Double> lag = healthy.videoLagMillis();
                double spread = lag.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                        - lag.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                assertTrue(spread < 1000, "healthy player's delivery lag varied by " + spread + " ms");
            }
        }
    }

    @Test
    void lateJoinerStartsOnAKeyframeAtOnce() throws Exception {
        Path clip = Tools.clip(10);
        try (TestServer srs = TestServer.start()) {
            CountDownLatch live = published(srs, "/live/late");
            try (Tools.Running pub = publish(clip, srs.url("live/late"))) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                TestPlayer warm = TestPlayer.play(srs.port, "live", "late");
                assertTrue(warm.awaitVideoFrames(40, 20), "stream flowing");
                warm.close();
                try (TestPlayer late = TestPlayer.play(srs.port, "live", "late")) {
                    assertTrue(late.awaitFirstVideo(5));
                    assertTrue(late.firstVideoMillis() < 200, "first video after " + late.firstVideoMillis() + " ms");
                    assertTrue(late.awaitVideoFrames(1, 5));
                    MediaMessage firstFrame = late.media().stream()
                            .filter(m -> m.isVideo() && m.payload().get(1) == 1).findFirst().orElseThrow();
                    assertEquals(1, firstFrame.payload().get(0) >> 4, "first frame is a keyframe");
                }
            }
        }
    }

    @Test
    void republishKeepsPlayersAndASecondPublisherIsRefused() throws Exception {
        Path clip = Tools.clip(6);
        try (TestServer srs = TestServer.start()) {
            try (TestPlayer player = TestPlayer.play(srs.port, "live", "re")) {
                CountDownLatch first = published(srs, "/live/re");
                try (Tools.Running a = publish(clip, srs.url("live/re"))) {
                    assertTrue(first.await(20, TimeUnit.SECONDS));
                    assertTrue(player.awaitVideoFrames(25, 20));
                    Tools.Result b = publish(clip, srs.url("live/re")).await(30);
                    assertNotEquals(0, b.exit(), "a second publisher is refused");
                    assertEquals(0, a.await(60).exit());
                }
                long before = player.videoFrames();
                CountDownLatch second = published(srs, "/live/re");
                try (Tools.Running again = publish(clip, srs.url("live/re"))) {
                    assertTrue(second.await(20, TimeUnit.SECONDS));
                    assertTrue(player.awaitVideoFrames(before + 50, 20), "player continues after republish");
                    assertNull(player.error());
                    again.await(60);
                }
            }
        }
    }

    @Test
    void timestampsBeyond24BitsPlayContinuously() throws Exception {
        Path clip = Tools.clip(6);
        long sourceFrames = videoFrames(flvFrames(clip));
        try (TestServer srs = TestServer.start("play { time_jitter off; }", "")) {
            try (TestPlayer player = TestPlayer.play(srs.port, "live", "ext")) {
                CountDownLatch live = published(srs, "/live/ext");
                try (Tools.Running pub = publish(clip, srs.url("live/ext"), "-output_ts_offset", "17000")) {
                    assertTrue(live.await(20, TimeUnit.SECONDS));
                    assertEquals(0, pub.await(60).exit());
                }
                assertTrue(player.awaitVideoFrames(sourceFrames, 20), "got " + player.videoFrames() + "/" + sourceFrames);
                List<MediaMessage> video = player.media().stream()
                        .filter(m -> m.isVideo() && m.payload().get(1) == 1).toList();
                long prev = -1;
                for (MediaMessage m : video) {
                    assertTrue(m.timestamp() > 0xFFFFFFL, "extended timestamp " + m.timestamp());
                    if (prev >= 0) {
                        assertTrue(m.timestamp() >= prev && m.timestamp() - prev <= 100,
                                "continuous: " + prev + " -> " + m.timestamp());
                    }
                    prev = m.timestamp();
                }
            }
        }
    }
}
