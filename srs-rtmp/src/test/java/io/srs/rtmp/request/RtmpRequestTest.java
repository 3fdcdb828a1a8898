package io.srs.rtmp.request;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RtmpRequestTest {

    private static RtmpRequest connect(String tcUrl) {
        return RtmpRequest.ofConnect(tcUrl, "http://page", "http://swf", 0);
    }

    @Test
    void connectReadsTheTcUrlAlone() {
        RtmpRequest r = RtmpRequest.ofConnect("rtmp://127.0.0.1:1935/live?vhost=v", "http://page", "http://swf", 3);
        assertEquals(new RtmpRequest("rtmp://127.0.0.1:1935/live?vhost=v", "http://page", "http://swf", 3,
                "rtmp", "127.0.0.1", "v", "live", "", 1935, "?vhost=v", -1), r);
    }

    /** The whole §f.1 pipeline (minus the config lookup) for the URLs real clients send. */
    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            # tcUrl                              | play/publish name               | vhost         | app      | stream     | port  | param                      | streamUrl
            rtmp://127.0.0.1:1935/live           | livestream                      | 127.0.0.1     | live     | livestream | 1935  | ''                         | 127.0.0.1/live/livestream
            rtmp://live.example.com/app          | key123?secret=s3                | live.example.com | app   | key123     | 1935  | ?secret=s3                 | live.example.com/app/key123
            rtmp://host:19350/live?vhost=v       | stream                          | v             | live     | stream     | 19350 | ?vhost=v                   | v/live/stream
            rtmp://10.0.0.1/app...vhost...v      | stream                          | v             | app      | stream     | 1935  | ?vhost=v                   | v/app/stream
            rtmp://10.0.0.1/live/_definst_       | stream                          | 10.0.0.1      | live     | stream     | 1935  | ''                         | 10.0.0.1/live/stream
            rtmp://h/a/b/c                       | stream                          | h             | a/b/c    | stream     | 1935  | ''                         | h/a/b/c/stream
            rtmp://10.0.0.1/live                 | stream?token=abc&expire=99      | 10.0.0.1      | live     | stream     | 1935  | ?token=abc&expire=99       | 10.0.0.1/live/stream
            rtmp://10.0.0.1/live                 | stream?vhost=__defaultVhost__   | 10.0.0.1      | live     | stream     | 1935  | ''                         | 10.0.0.1/live/stream
            rtmp://10.0.0.1/live                 | stream?domain=d.com&token=t     | d.com         | live     | stream     | 1935  | ?domain=d.com&token=t      | d.com/live/stream
            rtmp://10.0.0.1                      | stream                          | 10.0.0.1      | __defaultApp__ | stream | 1935 | ''                       | 10.0.0.1/__defaultApp__/stream
            rtmp://10.0.0.1/live/                | /stream/                        | 10.0.0.1      | live     | stream     | 1935  | ''                         | 10.0.0.1/live/stream
            rtmp://10.0.0.1/live/livestream      | ''                              | 10.0.0.1      | live     | livestream | 1935  | ''                         | 10.0.0.1/live/livestream
            rtmp://10.0.0.1/live?secret=x/livestream | ''                          | 10.0.0.1      | live     | livestream | 1935  | ?secret=x                  | 10.0.0.1/live/livestream
            rtmp://10.0.0.1/live/livestream?secret=x | ''                          | 10.0.0.1      | live     | livestream | 1935  | ?secret=x                  | 10.0.0.1/live/livestream
            rtmp://10.0.0.1/live                 | livestream.flv                  | 10.0.0.1      | live     | livestream.flv | 1935 | ''                       | 10.0.0.1/live/livestream
            """)
    void identifiesStreams(String tcUrl, String name, String vhost, String app, String stream, int port, String param,
                           String streamUrl) {
        RtmpRequest r = connect(tcUrl).withStream(name, 5000);
        assertEquals(new RtmpRequest(tcUrl, "http://page", "http://swf", 0, "rtmp", r.host(), vhost, app, stream,
                port, param, 5000), r);
        assertEquals(streamUrl, r.streamUrl());
    }

    @Test
    void whitespaceInTheTcUrlIsStripped() {
        RtmpRequest r = connect("rtmp://std.ossrs.net/li\tve\t").withStream("live\tstream", -1);
        assertEquals("live", r.app());
        assertEquals("livestream", r.stream());
        assertEquals("std.ossrs.net", r.vhost());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "//", "?token=x", " ", "\t"})
    void emptyStreamNameIsRejected(String name) {
        SrsException e = assertThrows(SrsException.class, () -> connect("rtmp://10.0.0.1/live").withStream(name, -1));
        assertEquals(ErrorCode.RTMP_STREAM_NAME_EMPTY, e.code());
    }

    /** SRS keeps going when the joined URL does not parse: the raw name, stripped, is the stream. */
    @Test
    void nameThatBreaksTheUrlIsTakenAsIs() {
        RtmpRequest r = connect("rtmp://10.0.0.1/live?k=v").withStream("my stream", 100);
        assertEquals("mystream", r.stream());
        assertEquals("live", r.app());
        assertEquals("?k=v", r.param());
        assertEquals(100, r.durationMillis());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtmp://h//", "rtmp://h/live?vhost=/"})
    void requestWithoutAppOrVhostIsRejected(String tcUrl) {
        SrsException e = assertThrows(SrsException.class, () -> connect(tcUrl).withStream("s", -1));
        assertEquals(ErrorCode.RTMP_REQ_TCURL, e.code());
    }

    @Test
    void withVhostReplacesOnlyTheVhost() {
        RtmpRequest r = connect("rtmp://10.0.0.1/live").withStream("s?k=v", -1);
        RtmpRequest resolved = r.withVhost(RtmpUrls.DEFAULT_VHOST);
        assertEquals(RtmpUrls.DEFAULT_VHOST, resolved.vhost());
        assertEquals(new RtmpRequest(r.tcUrl(), r.pageUrl(), r.swfUrl(), r.objectEncoding(), r.schema(), r.host(),
                RtmpUrls.DEFAULT_VHOST, r.app(), r.stream(), r.port(), r.param(), r.durationMillis()), resolved);
        assertEquals("/live/s", resolved.streamUrl(), "default vhost omitted from the stream key");
    }

    /** Forward/edge: what SRS sends upstream, for the three ways a vhost can reach it. */
    @ParameterizedTest(name = "{0} + {1} as {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            # client tcUrl               | name            | configured vhost | server   | port  | upstream tcUrl                  | upstream name
            rtmp://127.0.0.1/live        | livestream?t=1  | __defaultVhost__ | 10.0.0.2 | 1935  | rtmp://10.0.0.2/live            | livestream?t=1
            rtmp://127.0.0.1/live        | livestream      | __defaultVhost__ | 10.0.0.2 | 19350 | rtmp://10.0.0.2:19350/live      | livestream
            rtmp://live.example.com/live | livestream      | __defaultVhost__ | 10.0.0.2 | 1935  | rtmp://live.example.com/live    | livestream
            # SRS quirk kept: tcUrl and name queries join as "?t=1?vhost=..." and removing the vhost pair leaves a '?'.
            rtmp://127.0.0.1/live?vhost=ossrs.net | livestream?t=1 | ossrs.net | 10.0.0.2 | 19350 | rtmp://ossrs.net:19350/live     | livestream?t=1?
            rtmp://127.0.0.1/live        | livestream?t=1&vhost=ossrs.net | ossrs.net | 10.0.0.2 | 19350 | rtmp://ossrs.net:19350/live | livestream?t=1
            rtmp://127.0.0.1/a/b         | s               | ossrs.net        | origin   | 1935  | rtmp://ossrs.net/a/b            | s
            """)
    void upstreamUrlsCarryTheVhostInTheTcUrl(String tcUrl, String name, String vhost, String server, int port,
                                            String upstreamTcUrl, String upstreamName) {
        RtmpRequest r = connect(tcUrl).withStream(name, -1).withVhost(vhost);
        assertEquals(upstreamTcUrl, r.upstreamTcUrl(server, port));
        assertEquals(upstreamName, r.upstreamStream(server, port));
        assertEquals(server, r.upstreamParts(server, port).host());
    }
}
