package io.srs.app.hls;

import io.srs.testing.ExternalTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceRegistry;
import io.srs.app.source.SourceSettings;
import io.srs.kernel.media.MediaMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Real media through the whole HLS path: an FFmpeg-made FLV is published into a live source,
 * the HLS thread segments it, FFmpeg decodes every segment and ffprobe checks the timing.
 */
@Tag("e2e")
class HlsE2eTest {
    @TempDir
    Path dir;

    final SourceRegistry registry = new SourceRegistry();
    final BlockingQueue<Long> stopped = new LinkedBlockingQueue<>();
    HlsManager hls;

    @BeforeAll
    static void tools() {
        ExternalTool.require(ExternalTool.FFMPEG, ExternalTool.FFPROBE);
    }

    @AfterEach
    void close() {
        if (hls != null) {
            hls.close();
        }
    }

    private record Playlist(long target, List<Double> durations, List<String> uris, String text) {
        static Playlist parse(String text) {
            long target = -1;
            List<Double> d = new ArrayList<>();
            List<String> u = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                    target = Long.parseLong(line.substring(22));
                } else if (line.startsWith("#EXTINF:")) {
                    d.add(Double.parseDouble(line.substring(8, line.indexOf(','))));
                } else if (!line.startsWith("#") && !line.isBlank()) {
                    u.add(line);
                }
            }
            return new Playlist(target, d, u, text);
        }
    }

    /** Publishes the FLV as fast as the source takes it, then unpublishes; returns the playlist. */
    private Playlist publish(Path flv, String hlsBlock) throws Exception {
        SrsConfig cfg = SrsConfig.parse("listen 1935; vhost __defaultVhost__ { hls { enabled on; hls_path " + dir
                + "; " + hlsBlock + " } }", "t.conf", dir, Map.of());
        hls = new HlsManager(new ConfigStore(cfg), registry, (u, id, e) -> { });
        hls.addListener(new HlsManager.Listener() {
            @Override
            public void onStop(StreamName name, long nextSeq) {
                stopped.add(nextSeq);
            }
        });
        hls.start();
        LiveSource s = registry.publish("/live/livestream", SourceSettings.DEFAULTS, "c1").orElseThrow();
        for (MediaMessage m : MediaTools.read(flv)) {
            MediaTools.publish(s, m);
        }
        s.unpublish();
        assertNotNull(stopped.poll(30, TimeUnit.SECONDS), "HLS did not finish");
        return Playlist.parse(Files.readString(dir.resolve("live/livestream.m3u8")));
    }

    /** Decodes the segment completely; FFmpeg must not report anything at level error. */
    private static void decodesCleanly(Path ts) throws Exception {
        String out = MediaTools.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", ts.toString(), "-f", "null", "-"));
        assertEquals("", out.strip(), ts + " decode errors");
    }

    /** Start time of each stream type (video, audio) in a segment. */
    private static Map<String, Double> startTimes(Path ts) throws Exception {
        String out = MediaTools.run(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,start_time",
                "-of", "compact=p=0:nk=0", ts.toString()));
        assertTrue(!out.contains("STDERR:"), out);
        Map<String, Double> starts = new HashMap<>();
        assertTrue(out.contains("codec_type="), ts + ": " + out);
        for (String line : out.strip().split("\n")) {
            if (!line.contains("codec_type=")) {
                continue;
            }
            Map<String, String> kv = new HashMap<>();
            for (String f : line.split("\\|")) {
                int eq = f.indexOf('=');
                kv.put(f.substring(0, eq), f.substring(eq + 1));
            }
            starts.put(kv.get("codec_type"), Double.parseDouble(kv.get("start_time")));
        }
        return starts;
    }

    @Test
    void h264AacSegmentsDecodeAndFollowTheFragment() throws Exception {
        Path flv = MediaTools.flv(dir, "av.flv", 6, true);
        Playlist p = publish(flv, "hls_fragment 1;");
        assertEquals(6, p.durations().size(), p.text());
        for (int i = 0; i < p.durations().size(); i++) {
            double d = p.durations().get(i);
            assertTrue(Math.round(d) <= p.target(), "EXTINF " + d + " > TARGETDURATION " + p.target());
            if (i < p.durations().size() - 1) {
                // A keyframe every second: segments are cut at each one.
                assertEquals(1.0, d, 0.05, "segment " + i + " of\n" + p.text());
            }
        }
        assertTrue(p.target() <= 2, p.text());
        for (String uri : p.uris()) {
            Path ts = dir.resolve("live").resolve(uri);
            decodesCleanly(ts);
            Map<String, Double> starts = startTimes(ts);
            assertEquals(2, starts.size(), uri + ": " + starts);
            assertEquals(starts.get("video"), starts.get("audio"), 0.1, uri + " audio/video start " + starts);
        }
    }

    @Test
    void audioOnlySegmentsDecodeAndFollowTheAofRatio() throws Exception {
        Path flv = MediaTools.flv(dir, "a.flv", 7, false);
        Playlist p = publish(flv, "hls_fragment 1; hls_aof_ratio 2.1;");
        assertEquals(4, p.durations().size(), p.text());
        for (int i = 0; i < p.durations().size() - 1; i++) {
            assertEquals(2.1, p.durations().get(i), 0.05, p.text());
        }
        assertEquals(3, p.target());
        for (String uri : p.uris()) {
            Path ts = dir.resolve("live").resolve(uri);
            decodesCleanly(ts);
            assertEquals(List.of("audio"), List.copyOf(startTimes(ts).keySet()));
        }
    }

    @Test
    void encryptedHlsDecodesThroughThePlaylist() throws Exception {
        Path flv = MediaTools.flv(dir, "av.flv", 4, true);
        Playlist p = publish(flv, "hls_fragment 1; hls_keys on; hls_fragments_per_key 2;");
        assertEquals(2, p.text().lines().filter(l -> l.startsWith("#EXT-X-KEY")).count(), p.text());
        // A live playlist never ends for FFmpeg: decode a finished (VOD) copy of it.
        Path m3u8 = dir.resolve("live/vod.m3u8");
        Files.writeString(m3u8, p.text() + "#EXT-X-ENDLIST\n");
        String out = MediaTools.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-allowed_extensions", "ALL",
                "-i", m3u8.toString(), "-f", "null", "-"));
        assertEquals("", out.strip(), "decode errors");
        String frames = MediaTools.run(List.of("ffprobe", "-v", "error", "-allowed_extensions", "ALL",
                "-count_frames", "-select_streams", "v", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0",
                m3u8.toString()));
        // ffprobe lists the stream under its program and again on its own.
        assertEquals("100", frames.strip().lines().findFirst().orElse(""), "every video frame of the 4 s source: " + frames);
    }
}
