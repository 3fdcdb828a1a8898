package io.srs.research.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RtmpUrlTest {
    @Test
    void splitsLikeClients() {
        assertEquals(new RtmpUrl("127.0.0.1", 1935, "live", "livestream", "rtmp://127.0.0.1:1935/live", false),
                RtmpUrl.parse("rtmp://127.0.0.1/live/livestream"));
        assertEquals(new RtmpUrl("localhost", 19350, "a/b", "s?vhost=v1&k=2", "rtmp://localhost:19350/a/b", false),
                RtmpUrl.parse("rtmp://localhost:19350/a/b/s?vhost=v1&k=2"));
    }

    @Test
    void rtmpsDefaultsTo443AndKeepsItsScheme() {
        assertEquals(new RtmpUrl("h", 443, "live", "s", "rtmps://h:443/live", true), RtmpUrl.parse("rtmps://h/live/s"));
    }

    @Test
    void templates() {
        assertEquals("rtmp://h/live/stream-3", Options.expand("rtmp://h/live/stream-%d", 13, 5));
        assertEquals("rtmp://h/live/x", Options.expand("rtmp://h/live/x", 13, 5));
    }

    @Test
    void rejects() {
        assertThrows(IllegalArgumentException.class, () -> RtmpUrl.parse("http://h/live/s"));
        assertThrows(IllegalArgumentException.class, () -> RtmpUrl.parse("rtmp://h/live"));
    }

    @Test
    void percentiles() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, LoadTool.percentile(v, 50));
        assertEquals(10, LoadTool.percentile(v, 99));
        assertEquals(1, LoadTool.percentile(v, 1));
        assertEquals(Double.NaN, LoadTool.percentile(new double[0], 50));
    }
}
