package io.srs.rtmp.request;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RtmpUrlsTest {

    /** Raw discovery, before strip: SRS's own utest vectors (srs_utest_rtmp.cpp, _protocol.cpp, _protocol2.cpp) first. */
    @ParameterizedTest(name = "{0} + {1} + {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            # tcUrl                                     | stream                              | param                    | schema | host          | vhost            | app            | stream     | port  | param
            rtmp://127.0.0.1:19351/live...vhost...demo  | show                                | ''                       | rtmp   | 127.0.0.1     | demo             | live           | show       | 19351 | ?vhost=demo
            rtmp://127.0.0.1:19351/live...vhost...demo&token=abc | show                       | ''                       | rtmp   | 127.0.0.1     | demo             | live           | show       | 19351 | ?vhost=demo&token=abc
            rtmp://127.0.0.1:19351/live?vhost=demo&token=abc | show                           | ''                       | rtmp   | 127.0.0.1     | demo             | live           | show       | 19351 | ?vhost=demo&token=abc
            rtmp://127.0.0.1:19351/live                 | show?vhost=demo&token=abc           | ''                       | rtmp   | 127.0.0.1     | demo             | live           | show       | 19351 | ?vhost=demo&token=abc
            rtmp://winlin.cn/live                       | show                                | ?vhost=__defaultVhost__  | rtmp   | winlin.cn     | winlin.cn        | live           | show       | 1935  | ''
            rtmp://winlin.cn/                           | show                                | ''                       | rtmp   | winlin.cn     | winlin.cn        | __defaultApp__ | show       | 1935  | ''
            rtmp://winlin.cn/live                       | show                                | ''                       | rtmp   | winlin.cn     | winlin.cn        | live           | show       | 1935  | ''
            rtmp://winlin.cn:19351/live                 | show                                | ''                       | rtmp   | winlin.cn     | winlin.cn        | live           | show       | 19351 | ''
            rtmp://winlin.cn/live                       | show?key=abc                        | ''                       | rtmp   | winlin.cn     | winlin.cn        | live           | show       | 1935  | ?key=abc
            rtmp://winlin.cn/live                       | show?key=abc&&vhost=demo.com        | ''                       | rtmp   | winlin.cn     | demo.com         | live           | show       | 1935  | ?key=abc&&vhost=demo.com
            rtmp://winlin.cn/live                       | show?key=abc&&domain=demo.com       | ''                       | rtmp   | winlin.cn     | demo.com         | live           | show       | 1935  | ?key=abc&&domain=demo.com
            rtmp://winlin.cn/live?key=abc               | show                                | ''                       | rtmp   | winlin.cn     | winlin.cn        | live           | show       | 1935  | ?key=abc
            rtmp://winlin.cn/live?key=abc&&vhost=demo.com | show                              | ''                       | rtmp   | winlin.cn     | demo.com         | live           | show       | 1935  | ?key=abc&&vhost=demo.com
            rtmp://winlin.cn/live                       | ''                                  | ''                       | rtmp   | winlin.cn     | winlin.cn        | live           | ''         | 1935  | ''
            rtmp://127.0.0.1:1935/live                  | ''                                  | ''                       | rtmp   | 127.0.0.1     | 127.0.0.1        | live           | ''         | 1935  | ''
            rtmp://127.0.0.1:19351/live?vhost=demo      | ''                                  | ''                       | rtmp   | 127.0.0.1     | demo             | live           | ''         | 19351 | ?vhost=demo
            rtmp://127.0.0.1:19351/live                 | show?vhost=demo                     | ''                       | rtmp   | 127.0.0.1     | demo             | live           | show       | 19351 | ?vhost=demo
            rtmp://winlin.cn/live/_definst_             | show                                | ''                       | rtmp   | winlin.cn     | winlin.cn        | live           | show       | 1935  | ''
            invalid://ip:8888/app                       | stream?k=v&domain=ossrs.io&k2=v2    | ''                       | invalid| ip            | ossrs.io         | app            | stream     | 8888  | ?k=v&domain=ossrs.io&k2=v2
            invalid://ip/app                            | stream?k=v&domain=ossrs.io&k2=v2    | ''                       | invalid| ip            | ossrs.io         | app            | stream     | 80    | ?k=v&domain=ossrs.io&k2=v2
            https://ip/app                              | stream?k=v&domain=ossrs.io&k2=v2    | ''                       | https  | ip            | ossrs.io         | app            | stream     | 443   | ?k=v&domain=ossrs.io&k2=v2
            http://ip/app                               | stream?k=v&domain=ossrs.io&k2=v2    | ''                       | http   | ip            | ossrs.io         | app            | stream     | 80    | ?k=v&domain=ossrs.io&k2=v2
            rtmp://ip/app                               | stream?domain=__defaultVhost__      | ''                       | rtmp   | ip            | ip               | app            | stream     | 1935  | ''
            rtmp://ip/app/_definst_                     | stream?k=v&domain=ossrs.io&k2=v2    | ''                       | rtmp   | ip            | ossrs.io         | app            | stream     | 1935  | ?k=v&domain=ossrs.io&k2=v2
            rtmp://ip                                   | stream?k=v&domain=ossrs.io&k2=v2    | ''                       | rtmp   | ip            | ossrs.io         | __defaultApp__ | stream     | 1935  | ?k=v&domain=ossrs.io&k2=v2
            rtmp://ossrs.io/app/app2                    | stream?k=v&k2=v2                    | ''                       | rtmp   | ossrs.io      | ossrs.io         | app/app2       | stream     | 1935  | ?k=v&k2=v2
            rtmp://ip/app/app2                          | stream?k=v&vhost=ossrs.io&k2=v2     | ''                       | rtmp   | ip            | ossrs.io         | app/app2       | stream     | 1935  | ?k=v&vhost=ossrs.io&k2=v2
            rtmp://ip/app/app2?k=v                      | stream                              | ''                       | rtmp   | ip            | ip               | app/app2       | stream     | 1935  | ?k=v
            rtmp://ip/app?k=v                           | stream                              | ''                       | rtmp   | ip            | ip               | app            | stream     | 1935  | ?k=v
            rtmp://std.ossrs.net/live#b=2               | livestream                          | ''                       | rtmp   | std.ossrs.net | std.ossrs.net    | live           | livestream | 1935  | #b=2
            rtmp://std.ossrs.net/live?a=1#b=2           | livestream                          | ''                       | rtmp   | std.ossrs.net | std.ossrs.net    | live           | livestream | 1935  | ?a=1#b=2
            rtmp://std.ossrs.net/live?a=1&c=3#b=2#d=4   | livestream                          | ''                       | rtmp   | std.ossrs.net | std.ossrs.net    | live           | livestream | 1935  | ?a=1&c=3#b=2#d=4
            rtmp://std.ossrs.net/live?a=1#e=5&c=3#b=2#d=4 | livestream                        | ''                       | rtmp   | std.ossrs.net | std.ossrs.net    | live           | livestream | 1935  | ?a=1#e=5&c=3#b=2#d=4
            rtmp://__defaultVhost__/live                | livestream                          | ''                       | rtmp   | __defaultVhost__ | __defaultVhost__ | live        | livestream | 1935  | ''
            rtmp://__defaultVhost__:1936/live           | livestream                          | ''                       | rtmp   | __defaultVhost__ | __defaultVhost__ | live        | livestream | 1936  | ''
            webrtc://__defaultVhost__:8080/live         | livestream                          | ''                       | webrtc | __defaultVhost__ | __defaultVhost__ | live        | livestream | 8080  | ''
            # What real clients send. FFmpeg always puts the port in its tcUrl.
            rtmp://127.0.0.1:1935/live                  | livestream                          | ''                       | rtmp   | 127.0.0.1     | 127.0.0.1        | live           | livestream | 1935  | ''
            # OBS: server and stream key typed separately, the key carrying a token.
            rtmp://live.example.com/app                 | key123?secret=s3&expire=1700000000  | ''                       | rtmp   | live.example.com | live.example.com | app          | key123     | 1935  | ?secret=s3&expire=1700000000
            # FFmpeg splitting rtmp://host:19350/live?vhost=v/stream at its last slash.
            rtmp://host:19350/live?vhost=v              | stream                              | ''                       | rtmp   | host          | v                | live           | stream     | 19350 | ?vhost=v
            rtmp://10.0.0.1/app...vhost...v             | stream                              | ''                       | rtmp   | 10.0.0.1      | v                | app            | stream     | 1935  | ?vhost=v
            # FMLE with a query and a hash-query.
            rtmp://10.0.0.1/live?token=t                | stream                              | ''                       | rtmp   | 10.0.0.1      | 10.0.0.1         | live           | stream     | 1935  | ?token=t
            rtmp://10.0.0.1/live#token=t                | stream                              | ''                       | rtmp   | 10.0.0.1      | 10.0.0.1         | live           | stream     | 1935  | #token=t
            rtmp://10.0.0.1/live/_definst_/sub         | stream                              | ''                       | rtmp   | 10.0.0.1      | 10.0.0.1         | live/sub       | stream     | 1935  | ''
            # Nested apps: the stream is the last path element, whichever side of the split it came from.
            rtmp://h/a/b                                | c                                   | ''                       | rtmp   | h             | h                | a/b            | c          | 1935  | ''
            rtmp://h/a                                  | b/c                                 | ''                       | rtmp   | h             | h                | a/b            | c          | 1935  | ''
            rtmp://h/a/b/c                              | ''                                  | ''                       | rtmp   | h             | h                | a/b/c          | ''         | 1935  | ''
            rtmp://h/live                               | /livestream                         | ''                       | rtmp   | h             | h                | live           | livestream | 1935  | ''
            rtmp://h/live                               | s                                   | k=v                      | rtmp   | h             | h                | live           | s          | 1935  | ?k=v
            rtmp://h/live                               | s?vhost=__defaultVhost__&k=v        | ''                       | rtmp   | h             | h                | live           | s          | 1935  | ?vhost=__defaultVhost__&k=v
            rtmp://[::1]:1936/live                      | s                                   | ''                       | rtmp   | ::1           | ::1              | live           | s          | 1936  | ''
            rtmp://user:pw@h:1940/live                  | s                                   | ''                       | rtmp   | h             | h                | live           | s          | 1940  | ''
            rtmp://h/live                               | s?vhost=                            | ''                       | rtmp   | h             | h                | live           | s          | 1935  | ?vhost=
            """)
    void discovers(String tcUrl, String stream, String param, String schema, String host, String vhost,
                   String app, String expectedStream, int port, String expectedParam) {
        assertEquals(new UrlParts(schema, host, vhost, app, expectedStream, port, expectedParam),
                RtmpUrls.discover(tcUrl, stream, param));
    }

    @Test
    void queryQuirksDecideTheVhost() {
        // A bare key shifts the pairs: "a&vhost=v" reads as {a: vhost, v: ""}, so no vhost.
        assertEquals("h", RtmpUrls.discover("rtmp://h/live", "s?a&vhost=v", "").vhost());
        // When the query holds a second '?', only what follows it is read.
        assertEquals("?vhost=w?vhost=v", RtmpUrls.discover("rtmp://h/live?vhost=v", "s?vhost=w", "").param());
        assertEquals("v", RtmpUrls.discover("rtmp://h/live?vhost=v", "s?vhost=w", "").vhost());
        // vhost= wins over domain=, and the last of repeated keys wins.
        assertEquals("a", RtmpUrls.discover("rtmp://h/live", "s?domain=b&vhost=a", "").vhost());
        assertEquals("c", RtmpUrls.discover("rtmp://h/live", "s?vhost=a;vhost=c", "").vhost());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtmp://s td.os srs.n et/li v e", "rtmp://h/li\nve", "live", "://h/live", "rtmp://:1935/live",
            "rtmp://h:99999/live", "rtmp://h:abc/live", "rtmp://h:/live", "rtmp://[::1/live", "rt mp://h/live",
            "rtmp://h/live\u0000", "rtmp://h%41/live"})
    void unparsableUrlsFailWithReqTcUrl(String tcUrl) {
        SrsException e = assertThrows(SrsException.class, () -> RtmpUrls.discover(tcUrl, "s", ""));
        assertEquals(ErrorCode.RTMP_REQ_TCURL, e.code());
    }

    @Test
    void randomInputOnlyEverYieldsSrsException() {
        SplittableRandom rnd = new SplittableRandom(7);
        String alphabet = "rtmp:/?#&=.;,_-[]@ \t\nab0123...vhost..._definst_";
        for (int i = 0; i < 5000; i++) {
            StringBuilder tc = new StringBuilder(rnd.nextBoolean() ? "rtmp://" : "");
            StringBuilder st = new StringBuilder();
            for (int n = rnd.nextInt(40); n > 0; n--) {
                tc.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            for (int n = rnd.nextInt(20); n > 0; n--) {
                st.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            try {
                RtmpRequest.ofConnect(tc.toString(), "", "", 0).withStream(st.toString(), -1);
            } catch (SrsException expected) {
                // the only acceptable failure
            }
        }
    }

    @ParameterizedTest(name = "{0} + {1} -> {2} / {3} / {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            # app                          | param                | expected app | stream     | param
            live/livestream                | ''                   | live         | livestream | ''
            live/livestream                | ?secret=xxx          | live         | livestream | ?secret=xxx
            live/livestream?secret=xxx     | ''                   | live         | livestream | ?secret=xxx
            live                           | ?secret=xxx/livestream | live       | livestream | ?secret=xxx
            live                           | ?secret=xxx          | live         | ''         | ?secret=xxx
            """)
    void guessesStreamFromAppOrParam(String app, String param, String expectedApp, String stream, String expectedParam) {
        UrlParts p = new UrlParts("rtmp", "h", "h", app, "", 1935, param).guessStreamIfEmpty();
        assertEquals(expectedApp, p.app());
        assertEquals(stream, p.stream());
        assertEquals(expectedParam, p.param());
    }

    @Test
    void guessingKeepsAnExistingStream() {
        UrlParts p = new UrlParts("rtmp", "h", "h", "a/b", "s", 1935, "");
        assertEquals(p, p.guessStreamIfEmpty());
    }

    @Test
    void stripRemovesWhitespaceAndSlashes() {
        UrlParts p = new UrlParts("rtmp", "s\ntd.o\rssrs.ne\nt/", " v/h ", "/li\tve/", "//stre am//", 1935, "?a b");
        assertEquals(new UrlParts("rtmp", "std.ossrs.net", "vh", "live", "stream", 1935, "?a b"), p.strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ''                | live | livestream      | /live/livestream
            ''                | live | livestream.flv  | /live/livestream
            ''                | live | livestream.m3u8 | /live/livestream
            __defaultVhost__  | live | livestream      | /live/livestream
            ossrs.io          | live | livestream      | ossrs.io/live/livestream
            ossrs.io          | live | livestream.flv  | ossrs.io/live/livestream
            ossrs.io          | a/b  | c.d.e           | ossrs.io/a/b/c.d
            """)
    void streamUrlOmitsDefaultVhostAndExtension(String vhost, String app, String stream, String expected) {
        assertEquals(expected, RtmpUrls.streamUrl(vhost, app, stream));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            rtmp | 127.0.0.1 | __defaultVhost__ | live | 1935  | rtmp://127.0.0.1/live
            rtmp | 127.0.0.1 | demo             | live | 1935  | rtmp://demo/live
            rtmp | 127.0.0.1 | demo             | live | 19351 | rtmp://demo:19351/live
            rtmp | ''        | __defaultVhost__ | live | 0     | rtmp://__defaultVhost__/live
            http | h         | __defaultVhost__ | a/b  | 8080  | http://h:8080/a/b
            """)
    void tcUrlLeavesOutTheDefaultPort(String schema, String host, String vhost, String app, int port, String expected) {
        assertEquals(expected, RtmpUrls.tcUrl(schema, host, vhost, app, port));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            184.23.22.14  | ossrs.net        | stream | token=abc            | true  | stream?token=abc&vhost=ossrs.net
            184.23.22.14  | __defaultVhost__ | stream | vhost=ossrs.net      | true  | stream?vhost=ossrs.net
            184.23.22.14  | __defaultVhost__ | stream | ''                   | true  | stream
            184.23.22.14  | ossrs.net        | stream | ''                   | true  | stream?vhost=ossrs.net
            ossrs.net     | __defaultVhost__ | stream | ''                   | true  | stream?vhost=ossrs.net
            192.168.1.100 | localhost        | stream | ?vhost=localhost     | false | stream
            192.168.1.100 | localhost        | stream | ?k=v&vhost=localhost | false | stream?k=v
            192.168.1.100 | localhost        | stream | ?vhost=localhost&k=v | false | stream?k=v
            192.168.1.100 | localhost        | stream | ?k=v                 | false | stream?k=v
            192.168.1.100 | localhost        | stream | ?k=v                 | true  | stream?k=v&vhost=localhost
            """)
    void streamWithQueryAddsOrDropsTheVhost(String host, String vhost, String stream, String param, boolean withVhost,
                                            String expected) {
        assertEquals(expected, RtmpUrls.streamWithQuery(host, vhost, stream, param, withVhost));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            rtmp://ossrs.net/live/show/livestream?token=abc | rtmp://ossrs.net/live/show | livestream?token=abc
            rtmp://ossrs.net/live/show/livestream           | rtmp://ossrs.net/live/show | livestream
            rtmp://ossrs.net/live/livestream                | rtmp://ossrs.net/live      | livestream
            nothing                                         | nothing                    | ''
            """)
    void splitsAFullUrlAtTheLastSlash(String url, String tcUrl, String stream) {
        assertEquals(new RtmpUrls.TcUrlAndStream(tcUrl, stream), RtmpUrls.splitRtmpUrl(url));
    }

    @Test
    void rtmpUrlCarriesTheVhostInTheQuery() {
        assertEquals("rtmp://10.0.0.2:1935/live/livestream?token=t&vhost=ossrs.net",
                RtmpUrls.rtmpUrl("10.0.0.2", 1935, "127.0.0.1", "ossrs.net", "live", "livestream", "?token=t"));
    }
}
