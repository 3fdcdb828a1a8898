package io.srs.app.hls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stream that follows another's cuts (an ABR rendition), and a leader that reports its own. */
class SegmenterAlignmentTest {
    @TempDir
    Path root;

    final List<Segment> reaped = new ArrayList<>();
    final List<long[]> started = new ArrayList<>();

    /** Cuts at the given keyframe times with the given numbers, holds elsewhere. */
    Alignment follow(Map<Long, Long> cuts) {
        return answer(cuts, Alignment.HOLD);
    }

    /** Records what the stream started; answers {@code otherwise} where {@code cuts} says nothing. */
    Alignment answer(Map<Long, Long> cuts, long otherwise) {
        return new Alignment() {
            @Override
            public long keyframe(StreamName stream, long ptsMs) {
                return cuts.getOrDefault(ptsMs, otherwise);
            }

            @Override
            public void started(StreamName stream, long ptsMs, long seq) {
                started.add(new long[] {ptsMs, seq});
            }
        };
    }

    Segmenter segmenter(HlsState state, Alignment a) {
        return new Segmenter(SegmenterTest.hls(root, "hls_fragment 1; hls_window 60;"), SegmenterTest.LIVE, root,
                state, SegmenterTest.CLOCK, ZoneOffset.UTC, (n, s, m3u8, url) -> reaped.add(s), a);
    }

    @Test
    void followerStartsAtTheLeadersCutAndTakesItsNumbers() throws IOException {
        // Keyframes every second; the leader cut at 2000 (seq 7) and 4000 (seq 8) only.
        Segmenter s = segmenter(new HlsState(), follow(Map.of(2000L, 7L, 4000L, 8L)));
        SegmenterTest.feed(s, HlsMedia.av(0, 5000, 1000));
        s.finish();
        assertEquals(List.of(7L, 8L), reaped.stream().map(Segment::seq).toList());
        assertEquals(2000, reaped.getFirst().durationMs(), "no cut at the keyframe in between");
        String m3u8 = Files.readString(root.resolve("live/livestream.m3u8"));
        assertTrue(m3u8.contains("#EXT-X-MEDIA-SEQUENCE:7\n"), m3u8);
        assertFalse(Files.exists(root.resolve("live/livestream-0.ts")), "nothing before the first cut");
    }

    @Test
    void followerThatMissesACutJumpsToTheLeadersNumberingWithAConsecutivePlaylist() throws IOException {
        Segmenter s = segmenter(new HlsState(), follow(Map.of(1000L, 3L, 2000L, 4L, 4000L, 9L)));
        SegmenterTest.feed(s, HlsMedia.av(0, 5000, 1000));
        s.finish();
        assertEquals(List.of(3L, 4L, 9L), reaped.stream().map(Segment::seq).toList());
        String m3u8 = Files.readString(root.resolve("live/livestream.m3u8"));
        // Numbers in a playlist are consecutive: 3 and 4 left it when 9 came.
        assertTrue(m3u8.startsWith("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-MEDIA-SEQUENCE:9\n"), m3u8);
        assertFalse(Files.exists(root.resolve("live/livestream-3.ts")), "cleanup deleted the skipped segments");
    }

    @Test
    void leaderReportsTheKeyframeEachSegmentStartsAt() {
        Alignment free = answer(Map.of(), Alignment.FREE);
        Segmenter s = segmenter(new HlsState(), free);
        SegmenterTest.feed(s, HlsMedia.av(1000, 3200, 1000));
        s.finish();
        assertEquals(List.of("1000@0", "2000@1", "3000@2", "4000@3"),
                started.stream().map(x -> x[0] + "@" + x[1]).toList());
    }
}
