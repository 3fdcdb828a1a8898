package io.srs.app.cluster;

import io.srs.rtmp.request.RtmpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamKeyTest {
    @ParameterizedTest
    @CsvSource({
            "/live/livestream, __defaultVhost__, live, livestream",
            "v.example.com/live/s, v.example.com, live, s",
            "/a/b/c/s, __defaultVhost__, a/b/c, s",
            "v/x/y/s, v, x/y, s",
    })
    void splitsSourceUrls(String url, String vhost, String app, String stream) {
        assertEquals(new StreamKey(vhost, app, stream), StreamKey.parse(url));
    }

    @Test
    void rebuiltRequestsKeepTheStreamUrl() {
        for (String url : new String[]{"/live/livestream", "v.example.com/live/s", "/a/b/s"}) {
            RtmpRequest r = StreamKey.parse(url).toRequest();
            assertEquals(url, r.streamUrl());
        }
    }

    @Test
    void defaultVhostGoesUpstreamWithoutAVhost() {
        RtmpRequest r = StreamKey.parse("/live/s").toRequest();
        assertEquals("rtmp://10.0.0.1:1936/live", r.upstreamTcUrl("10.0.0.1", 1936));
        assertEquals("s", r.upstreamStream("10.0.0.1", 1936));
        RtmpRequest v = StreamKey.parse("v.example.com/live/s").toRequest();
        assertEquals("rtmp://v.example.com:1936/live", v.upstreamTcUrl("10.0.0.1", 1936));
        assertEquals("s", v.upstreamStream("10.0.0.1", 1936));
    }
}
