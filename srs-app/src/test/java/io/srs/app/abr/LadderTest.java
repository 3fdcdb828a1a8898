package io.srs.app.abr;

import io.srs.app.hls.Alignment;
import io.srs.app.jobs.LadderListener.Rendition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LadderTest {
    @Test
    void renditionCutsOnlyWhereTheSourceDidWithItsNumber() {
        CutLog log = new CutLog();
        assertEquals(Alignment.FREE, log.plan(0), "no source HLS: the rendition cuts by itself");
        log.cut(10_000, 5);
        log.keyframe(11_000);
        log.cut(12_000, 6);
        assertEquals(5, log.plan(10_000));
        assertEquals(6, log.plan(12_040), "within the tolerance (frame-rate change)");
        assertEquals(Alignment.HOLD, log.plan(11_000), "the source did not cut at this keyframe");
        assertEquals(Alignment.HOLD, log.plan(13_000), "the source is not there yet");
        assertEquals(Alignment.FREE, log.plan(40_000), "far ahead: another clock");
        assertEquals(Alignment.FREE, log.plan(-5_000), "far behind the oldest cut: another clock");
    }

    @Test
    void peakSkipsShortSegmentsAverageCountsAll() {
        Bandwidth b = new Bandwidth();
        b.add(125_000, 1000); // 1 Mbps
        b.add(250_000, 2000); // 1 Mbps
        b.add(50_000, 200);   // 2 Mbps but cut short
        assertEquals(1_000_000, b.peak());
        assertEquals(425_000L * 8_000 / 3200, b.average());
    }

    @Test
    void masterListsTheSourceThenRenditionsOnceEachHasASegment() {
        Ladder l = new Ladder("/live/s");
        l.update("[app]/[stream]_abr.m3u8", List.of(new Rendition("480p", "/live/s_480p"),
                new Rendition("240p", "/live/s_240p")));
        Path dir = Path.of("/h/live");
        l.measure("/live/s", 250_000, 1000, dir.resolve("s.m3u8"), new Codecs.Video("avc1.64001f", 1280, 720),
                "mp4a.40.2");
        l.measure("/live/s_240p", 25_000, 1000, dir.resolve("s_240p.m3u8"), new Codecs.Video("avc1.42c015", 426, 240),
                "mp4a.40.2");
        assertNull(l.variants(dir), "480p has no segment yet");
        l.measure("/live/s_480p", 100_000, 1000, dir.resolve("s_480p.m3u8"), new Codecs.Video("avc1.42c01e", 854, 480),
                "");
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-STREAM-INF:BANDWIDTH=2000000,AVERAGE-BANDWIDTH=2000000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"
                s.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=800000,AVERAGE-BANDWIDTH=800000,RESOLUTION=854x480
                s_480p.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=200000,AVERAGE-BANDWIDTH=200000,RESOLUTION=426x240,CODECS="avc1.42c015,mp4a.40.2"
                s_240p.m3u8
                """, MasterPlaylist.render(l.variants(dir)), "an unknown audio codec leaves CODECS out");
    }

    @Test
    void afterTheGraceTheMasterListsWhatIsMeasured() {
        Ladder l = new Ladder("/live/s");
        l.update("m.m3u8", List.of(new Rendition("x", "/live/s_x")));
        Path dir = Path.of("/h/live");
        for (int i = 0; i < Ladder.GRACE_SEGMENTS; i++) {
            l.measure("/live/s", 1000, 1000, dir.resolve("s.m3u8"), null, "mp4a.40.2");
        }
        assertEquals(1, l.variants(dir).size());
    }
}
