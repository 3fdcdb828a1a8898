package io.srs.app.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/** Client-given names never make HLS write outside hls_path. */
class PathSafetyTest {
    @TempDir
    Path sandbox;

    static final List<String> BAD_STREAMS = List.of("..", ".", "../x", "a/b", "/etc/passwd", "%2e%2e",
            "%2e%2e%2fx", "..%2f..%2fx", "a\\..\\b", "a\u0000b", "a\nb", "a\u007fb", "", "x".repeat(201));

    private Path root() throws IOException {
        return Files.createDirectories(sandbox.resolve("html"));
    }

    /** Everything under the sandbox (so anything written beside or above hls_path shows). */
    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.walk(sandbox)) {
            return s.filter(Files::isRegularFile).map(p -> sandbox.relativize(p).toString()).toList();
        }
    }

    private void publishTo(StreamName name, String directives) throws IOException {
        Path root = root();
        SrsException e = assertThrows(SrsException.class, () -> {
            Segmenter s = new Segmenter(SegmenterTest.hls(root, "hls_fragment 1; " + directives), name, root,
                    new HlsState(), SegmenterTest.CLOCK, ZoneOffset.UTC, (n, seg, m, u) -> { });
            SegmenterTest.feed(s, HlsMedia.av(0, 2000, 1000));
            s.finish();
        });
        assertEquals(ErrorCode.SYSTEM_SECURITY, e.code());
        assertEquals(List.of(), files());
    }

    @Test
    void badStreamNamesAreRefusedBeforeAnythingIsWritten() throws IOException {
        for (String bad : BAD_STREAMS) {
            publishTo(new StreamName(StreamName.DEFAULT_VHOST, "live", bad), "");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../..", "live/../..", "/abs", "live/", "a//b", ".", "%2e%2e", "a\tb"})
    void badAppsAreRefused(String app) throws IOException {
        publishTo(new StreamName(StreamName.DEFAULT_VHOST, app, "s"), "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "a/b", "../x", "%2e%2e"})
    void badVhostsAreRefused(String vhost) throws IOException {
        publishTo(new StreamName(vhost, "live", "s"), "hls_m3u8_file [vhost]/[app]/[stream].m3u8;");
    }

    @Test
    void templatesThatLeaveHlsPathAreRefused() throws IOException {
        StreamName ok = new StreamName(StreamName.DEFAULT_VHOST, "live", "s");
        publishTo(ok, "hls_m3u8_file ../[stream].m3u8;");
        publishTo(ok, "hls_ts_file ../../[stream]-[seq].ts;");
        publishTo(ok, "hls_m3u8_file /tmp/[stream].m3u8;");
    }

    @Test
    void appMayHaveSeveralSafeSegments() throws IOException {
        Path root = root();
        Segmenter s = new Segmenter(SegmenterTest.hls(root, "hls_fragment 1;"),
                new StreamName(StreamName.DEFAULT_VHOST, "a/b.c/d", "my-stream_1.x"), root, new HlsState(),
                SegmenterTest.CLOCK, ZoneOffset.UTC, (n, seg, m, u) -> { });
        SegmenterTest.feed(s, HlsMedia.av(0, 1500, 1000));
        s.finish();
        assertFalse(files().isEmpty());
        for (String f : files()) {
            assertEquals(true, f.startsWith("html/a/b.c/d/my-stream_1.x"), f);
        }
    }

    @Test
    void resolveInsideRefusesEscapes() throws IOException {
        Path root = root();
        for (String rel : List.of("..", "../x", "a/../../x", "/x", "", ".", "a/..", "a\u0000b")) {
            assertThrows(SrsException.class, () -> SafePaths.resolveInside(root, rel), rel);
        }
        assertEquals(root.resolve("a/b"), SafePaths.resolveInside(root, "a/./b"));
    }

    @Test
    void parsesStreamUrls() {
        assertEquals(new StreamName("__defaultVhost__", "live", "livestream"), StreamName.parseUrl("/live/livestream"));
        assertEquals(new StreamName("v.com", "a/b", "s"), StreamName.parseUrl("v.com/a/b/s"));
        assertEquals("/live/livestream", StreamName.parseUrl("/live/livestream").url());
        assertEquals("v.com/a/b/s", StreamName.parseUrl("v.com/a/b/s").url());
        for (String bad : List.of("", "x", "/s", "v/s", "//s", "/a/")) {
            assertThrows(SrsException.class, () -> StreamName.parseUrl(bad), bad);
        }
    }

    @Test
    void corruptStateFilesAreIgnored() throws IOException {
        Path root = root();
        Path m3u8 = root.resolve("live/s.m3u8");
        Files.createDirectories(m3u8.getParent());
        Path state = HlsState.fileOf(m3u8);
        for (String text : List.of("", "garbage", "srs-hls-state 1\nnext_seq\tx\n", "srs-hls-state 1\nnext_seq\t-3\n",
                "srs-hls-state 1\nnext_seq\t5\nsegment\t1\t1000\t0\t../../etc/passwd\tx\n",
                "srs-hls-state 1\nnext_seq\t5\nsegment\t9\t1000\t0\tlive/s-9.ts\ts-9.ts\n",
                "srs-hls-state 1\nnext_seq\t5\nsegment\t1\t1000\n")) {
            Files.writeString(state, text);
            HlsState s = HlsState.load(root, m3u8);
            assertEquals(true, s.window().isEmpty(), text);
        }
        Files.writeString(state, "srs-hls-state 1\nnext_seq\t7\ndiscontinuity_seq\t2\nfuture\tx\n"
                + "segment\t6\t1500\t1\tlive/s-6.ts\ts-6.ts\n");
        HlsState s = HlsState.load(root, m3u8);
        assertEquals(7, s.nextSeq());
        assertEquals(2, s.discontinuitySeq());
        assertEquals(List.of(new Segment(6, 1500, true, root.resolve("live/s-6.ts"), "s-6.ts")), s.window().segments());
    }
}
