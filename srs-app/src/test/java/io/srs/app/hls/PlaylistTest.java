package io.srs.app.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

class PlaylistTest {
    private static Segment seg(long seq, long ms, boolean disc, String uri) {
        return new Segment(seq, ms, disc, Path.of("/x/" + uri), uri);
    }

    @Test
    void rendersSrsFormat() {
        // As SRS v7 writes it: 3 decimals, ", no desc", target = ceil(max(longest, td)), no ENDLIST.
        String text = Playlist.render(List.of(seg(4294967295L, 10_005, false, "a-4294967295.ts"),
                seg(4294967296L, 9_999, true, "a-4294967296.ts?d=[duration]")), 10_000, 0);
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-MEDIA-SEQUENCE:4294967295
                #EXT-X-TARGETDURATION:11
                #EXTINF:10.005, no desc
                a-4294967295.ts
                #EXT-X-DISCONTINUITY
                #EXTINF:9.999, no desc
                a-4294967296.ts?d=9999
                """, text);
    }

    @Test
    void writesDiscontinuitySequenceOnlyOnceOneLeftTheWindow() {
        String text = Playlist.render(List.of(seg(9, 1_000, false, "a-9.ts")), 1_500, 3);
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-MEDIA-SEQUENCE:9
                #EXT-X-TARGETDURATION:2
                #EXT-X-DISCONTINUITY-SEQUENCE:3
                #EXTINF:1.000, no desc
                a-9.ts
                """, text);
    }

    @Test
    void windowShrinksLikeSrs() {
        SegmentWindow w = new SegmentWindow();
        for (int i = 0; i < 5; i++) {
            w.append(seg(i, 1_000, false, i + ".ts"));
        }
        assertEquals(List.of(), w.shrink(10_000));
        // Exactly at the limit nothing crosses it: all stay.
        assertEquals(List.of(), w.shrink(5_000));
        assertEquals(List.of(0L, 1L), w.shrink(2_500).stream().map(Segment::seq).toList());
        assertEquals(3, w.size());
        assertEquals(List.of(2L, 3L), w.shrink(0).stream().map(Segment::seq).toList());
    }
}
