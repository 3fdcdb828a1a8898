package io.srs.research.load;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaylistTest {
    private static final URI BASE = URI.create("http://127.0.0.1:8080/live/livestream.m3u8");

    @Test
    void mediaPlaylistAsSrsWritesIt() {
        Playlist p = Playlist.parse(BASE, """
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-MEDIA-SEQUENCE:17
                #EXT-X-TARGETDURATION:3
                #EXT-X-DISCONTINUITY
                #EXTINF:2.002, no desc
                livestream-17.ts
                #EXTINF:1.960, no desc
                livestream-18.ts?token=1
                """);
        assertNull(p.variant());
        assertEquals(3.0, p.targetDuration());
        assertEquals(17, p.mediaSequence());
        assertEquals(2, p.segments().size());
        assertEquals(URI.create("http://127.0.0.1:8080/live/livestream-17.ts"), p.segments().get(0).uri());
        assertEquals(2.002, p.segments().get(0).duration());
        assertEquals(URI.create("http://127.0.0.1:8080/live/livestream-18.ts?token=1"), p.segments().get(1).uri());
        assertFalse(p.ended());
    }

    @Test
    void nginxStyleWithEndList() {
        Playlist p = Playlist.parse(BASE, "#EXTM3U\r\n#EXT-X-TARGETDURATION:2\r\n#EXTINF:2.000,\r\n/hls/a-1.ts\r\n#EXT-X-ENDLIST\r\n");
        assertEquals(URI.create("http://127.0.0.1:8080/hls/a-1.ts"), p.segments().get(0).uri());
        assertEquals(0, p.mediaSequence());
        assertTrue(p.ended());
    }

    @Test
    void masterPlaylistGivesTheFirstVariant() {
        Playlist p = Playlist.parse(BASE, """
                #EXTM3U
                #EXT-X-STREAM-INF:BANDWIDTH=525000
                low/index.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=2000000
                high/index.m3u8
                """);
        assertEquals(URI.create("http://127.0.0.1:8080/live/low/index.m3u8"), p.variant());
    }

    @Test
    void notAPlaylist() {
        assertThrows(IllegalArgumentException.class, () -> Playlist.parse(BASE, "<html>404</html>"));
    }
}
