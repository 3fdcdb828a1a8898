package io.srs.app.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.srs.app.config.HlsConfig;
import io.srs.app.config.SrsConfig;
import io.srs.kernel.media.MediaMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

class SegmenterTest {
    static final StreamName LIVE = new StreamName(StreamName.DEFAULT_VHOST, "live", "livestream");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-06T07:08:09.123Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    final List<Segment> reaped = new ArrayList<>();

    /** The vhost's hls block from {@code directives} with hls_path set to the temp dir. */
    static HlsConfig hls(Path root, String directives) {
        String text = "listen 1935; vhost __defaultVhost__ { hls { enabled on; hls_path " + root + "; " + directives + " } }";
        return SrsConfig.parse(text, "test.conf", root, Map.of()).vhost(StreamName.DEFAULT_VHOST).hls();
    }

    Segmenter segmenter(String directives, HlsState state) {
        return new Segmenter(hls(root, directives), LIVE, root, state, CLOCK, ZoneOffset.UTC,
                (n, s, m3u8, url) -> reaped.add(s));
    }

    static void feed(Segmenter s, List<MediaMessage> msgs) {
        msgs.forEach(s::write);
    }

    List<Long> durations() {
        return reaped.stream().map(Segment::durationMs).toList();
    }

    String playlist() throws IOException {
        return Files.readString(root.resolve("live/livestream.m3u8"));
    }

    @Test
    void reapsAtFragmentOnKeyframes() throws IOException {
        Segmenter s = segmenter("hls_fragment 1; hls_window 60;", new HlsState());
        feed(s, HlsMedia.av(0, 4200, 1000));
        s.finish();
        // Keyframes every second: each segment runs from one keyframe to the next.
        assertEquals(List.of(1000L, 1000L, 1000L, 1000L, 186L), durations());
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-TARGETDURATION:1
                #EXTINF:1.000, no desc
                livestream-0.ts
                #EXTINF:1.000, no desc
                livestream-1.ts
                #EXTINF:1.000, no desc
                livestream-2.ts
                #EXTINF:1.000, no desc
                livestream-3.ts
                #EXTINF:0.186, no desc
                livestream-4.ts
                """, playlist());
        for (int i = 0; i < 5; i++) {
            Path ts = root.resolve("live/livestream-" + i + ".ts");
            assertTrue(Files.size(ts) > 0 && Files.size(ts) % 188 == 0, ts.toString());
            // Every segment starts with PAT, PMT and then the keyframe's PES.
            byte[] b = Files.readAllBytes(ts);
            assertEquals(0x47, b[0]);
            assertEquals(0, ((b[1] & 0x1f) << 8) | (b[2] & 0xff), "PAT first");
        }
        try (Stream<Path> files = Files.list(root.resolve("live"))) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp") || p.toString().endsWith(".temp")));
        }
    }

    @Test
    void waitKeyframeOnHoldsSegmentsUntilTheNextKeyframe() {
        Segmenter s = segmenter("hls_fragment 1;", new HlsState());
        feed(s, HlsMedia.av(0, 6000, 1520));
        s.finish();
        // Keyframes at 0, 1520, 3040, 4560: nothing is cut in between.
        assertEquals(List.of(1520L, 1520L, 1520L), durations().subList(0, 3));
    }

    @Test
    void waitKeyframeOffCutsAtTheFirstFrameOverTheTarget() {
        Segmenter s = segmenter("hls_fragment 1; hls_wait_keyframe off;", new HlsState());
        feed(s, HlsMedia.av(0, 3100, 1520));
        s.finish();
        assertEquals(List.of(1000L, 1000L, 1000L), durations().subList(0, 3));
    }

    @Test
    void tdRatioScalesTheReapPointAndTheTargetDuration() throws IOException {
        Segmenter s = segmenter("hls_fragment 1; hls_td_ratio 1.2;", new HlsState());
        feed(s, HlsMedia.av(0, 3500, 400));
        s.finish();
        assertEquals(1200L, durations().getFirst());
        assertEquals(1200L, durations().get(1));
        assertTrue(playlist().contains("#EXT-X-TARGETDURATION:2\n"), playlist());
    }

    @Test
    void targetDurationCoversTheLongestSegment() throws IOException {
        // A large aof ratio so that audio does not cut the long GOP.
        Segmenter s = segmenter("hls_fragment 1; hls_aof_ratio 5;", new HlsState());
        feed(s, HlsMedia.av(0, 5000, 2480));
        s.finish();
        assertEquals(2480L, durations().getFirst());
        assertTrue(playlist().contains("#EXT-X-TARGETDURATION:3\n"), playlist());
    }

    @Test
    void audioOnlyReapsAtAofRatio() throws IOException {
        Segmenter s = segmenter("hls_fragment 1; hls_aof_ratio 2.1;", new HlsState());
        feed(s, HlsMedia.audioOnly(0, 7000));
        s.finish();
        // 23 ms frames: the first frame at or past 2100 ms is 2116 ms (92 × 23).
        assertEquals(List.of(2116L, 2116L, 2116L), durations().subList(0, 3));
        assertTrue(playlist().contains("#EXT-X-TARGETDURATION:3\n"));
        byte[] ts = Files.readAllBytes(root.resolve("live/livestream-0.ts"));
        assertEquals(0, ts.length % 188);
    }

    @Test
    void vnMakesAudioOnlyHls() {
        Segmenter s = segmenter("hls_fragment 1; hls_vcodec vn;", new HlsState());
        feed(s, HlsMedia.av(0, 3000, 1000));
        s.finish();
        // Reaped by audio at 2.1 × fragment, not at the video keyframes.
        assertEquals(2116L, durations().getFirst());
    }

    @Test
    void segmentShorterThan100msIsDroppedAndItsNumberReused() throws IOException {
        HlsState state = new HlsState();
        Segmenter s = segmenter("hls_fragment 1;", state);
        feed(s, HlsMedia.av(0, 1090, 1000));
        s.finish();
        // The second segment holds 1000..1080 ms of video (80 ms): dropped.
        assertEquals(List.of(1000L), durations());
        assertEquals(1, state.nextSeq());
        assertFalse(Files.exists(root.resolve("live/livestream-1.ts")));
        assertFalse(Files.exists(root.resolve("live/livestream-1.ts.tmp")));
        assertTrue(playlist().endsWith("livestream-0.ts\n"));
    }

    @Test
    void nothingIsCutBelow200ms() {
        Segmenter s = segmenter("hls_fragment 0.1;", new HlsState());
        feed(s, HlsMedia.av(0, 1000, 40));
        s.finish();
        // Every frame is a keyframe and the target is 100 ms, but segments are at least 200 ms.
        assertEquals(200L, durations().getFirst());
    }

    @Test
    void windowKeepsAtLeastHlsWindowAndCleanupDeletesTheRest() throws IOException {
        Segmenter s = segmenter("hls_fragment 1; hls_window 3;", new HlsState());
        feed(s, HlsMedia.av(0, 10_040, 1000));
        s.finish();
        String m3u8 = playlist();
        // Ten 1 s segments (the 28 ms tail is dropped). Counting from the newest, only the 4th
        // one takes the total past 3 s: it stays, the older ones go.
        assertTrue(m3u8.contains("#EXT-X-MEDIA-SEQUENCE:6\n"), m3u8);
        assertEquals(4, m3u8.lines().filter(l -> l.startsWith("#EXTINF")).count());
        for (int i = 0; i < 6; i++) {
            assertFalse(Files.exists(root.resolve("live/livestream-" + i + ".ts")), "expired " + i);
        }
        assertTrue(Files.exists(root.resolve("live/livestream-6.ts")));
    }

    @Test
    void cleanupOffKeepsExpiredFiles() throws IOException {
        Segmenter s = segmenter("hls_fragment 1; hls_window 2; hls_cleanup off;", new HlsState());
        feed(s, HlsMedia.av(0, 6000, 1000));
        s.finish();
        assertTrue(playlist().contains("#EXT-X-MEDIA-SEQUENCE:3\n"), playlist());
        assertTrue(Files.exists(root.resolve("live/livestream-0.ts")));
    }

    @Test
    void sequenceContinuesAcrossRestartWithADiscontinuity() throws IOException {
        HlsState first = new HlsState();
        Segmenter a = segmenter("hls_fragment 1;", first);
        feed(a, HlsMedia.av(0, 3000, 1000));
        a.finish();
        assertEquals(3, first.nextSeq());

        // A new process: the state comes back from <m3u8>.state, timestamps restart at 0.
        Path m3u8 = root.resolve("live/livestream.m3u8");
        HlsState loaded = HlsState.load(root, m3u8);
        assertEquals(3, loaded.nextSeq());
        assertEquals(3, loaded.window().size());
        Segmenter b = segmenter("hls_fragment 1;", loaded);
        feed(b, HlsMedia.av(0, 2000, 1000));
        b.finish();
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-TARGETDURATION:1
                #EXTINF:1.000, no desc
                livestream-0.ts
                #EXTINF:1.000, no desc
                livestream-1.ts
                #EXTINF:0.990, no desc
                livestream-2.ts
                #EXT-X-DISCONTINUITY
                #EXTINF:1.000, no desc
                livestream-3.ts
                #EXTINF:0.978, no desc
                livestream-4.ts
                """, playlist());
    }

    @Test
    void discontinuitySequenceCountsDiscontinuitiesThatLeftTheWindow() throws IOException {
        HlsState state = new HlsState();
        for (int publish = 0; publish < 3; publish++) {
            Segmenter s = segmenter("hls_fragment 1; hls_window 2;", state);
            feed(s, HlsMedia.av(0, 3000, 1000));
            s.finish();
        }
        // Publishes 2 and 3 started with a discontinuity; the one of publish 2 left the window.
        String m3u8 = playlist();
        assertTrue(m3u8.contains("#EXT-X-MEDIA-SEQUENCE:6\n"), m3u8);
        assertTrue(m3u8.contains("#EXT-X-DISCONTINUITY-SEQUENCE:1\n"), m3u8);
        assertTrue(m3u8.contains("#EXT-X-DISCONTINUITY\n#EXTINF:1.000, no desc\nlivestream-6.ts\n"), m3u8);
        assertEquals(1, state.discontinuitySeq());
    }

    @Test
    void changedSequenceHeaderStartsANewDiscontinuousSegment() throws IOException {
        Segmenter s = segmenter("hls_fragment 10;", new HlsState());
        feed(s, HlsMedia.av(0, 1000, 1000));
        s.write(HlsMedia.videoHeader(1000)); // the same header again: nothing happens
        s.write(HlsMedia.keyframe(1000));
        s.write(HlsMedia.videoHeader2(1040));
        feed(s, List.of(HlsMedia.keyframe(1040), HlsMedia.interframe(1080), HlsMedia.keyframe(1240)));
        s.finish();
        assertEquals(List.of(1000L, 200L), durations());
        assertTrue(playlist().contains("livestream-0.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:0.200, no desc\n"
                + "livestream-1.ts\n"), playlist());
    }

    @Test
    void waitsForTheFirstKeyframeBeforeWritingAnything() {
        HlsState state = new HlsState();
        Segmenter s = segmenter("hls_fragment 1;", state);
        s.write(HlsMedia.videoHeader(0));
        s.write(HlsMedia.audioHeader(0));
        s.write(HlsMedia.interframe(0));
        s.write(HlsMedia.audio(10));
        assertEquals(-1, s.currentSeq());
        s.write(HlsMedia.keyframe(40));
        assertEquals(0, s.currentSeq());
    }

    @Test
    void entryPrefixFollowsSrsRules() throws IOException {
        Segmenter s = segmenter("hls_fragment 1; hls_entry_prefix http://cdn.example.com;", new HlsState());
        feed(s, HlsMedia.av(0, 1200, 1000));
        s.finish();
        assertTrue(playlist().contains("\nhttp://cdn.example.com/live/livestream-0.ts\n"), playlist());

        reaped.clear();
        Segmenter t = new Segmenter(hls(root, "hls_fragment 1; hls_entry_prefix http://cdn/x/;"),
                new StreamName(StreamName.DEFAULT_VHOST, "live", "other"), root, new HlsState(), CLOCK,
                ZoneOffset.UTC, (n, seg, m, u) -> reaped.add(seg));
        feed(t, HlsMedia.av(0, 1200, 1000));
        t.finish();
        // A prefix ending with '/' gets the segment path relative to the playlist only.
        assertEquals("http://cdn/x/other-0.ts", reaped.getFirst().uri());
    }

    @Test
    void templatesTakeVhostAppStreamSeqAndDates() {
        Segmenter s = new Segmenter(hls(root, "hls_fragment 1; hls_m3u8_file [vhost]/[app]/[stream].m3u8; "
                        + "hls_ts_file [vhost]/[app]/[2006][01][02]/[stream]-[15][04][05]-[999]-[timestamp]-[seq].ts;"),
                new StreamName("example.com", "a/b", "s"), root, new HlsState(), CLOCK, ZoneOffset.UTC,
                (n, seg, m, u) -> reaped.add(seg));
        feed(s, HlsMedia.av(0, 1200, 1000));
        s.finish();
        Segment first = reaped.getFirst();
        assertEquals(root.resolve("example.com/a/b/20240506/s-070809-123-1714979289123-0.ts"), first.file());
        assertEquals("20240506/s-070809-123-1714979289123-0.ts", first.uri());
        assertTrue(Files.exists(root.resolve("example.com/a/b/s.m3u8")));
    }

    @Test
    void segmentsOutsideThePlaylistDirectoryGetARelativeUri() {
        Segmenter s = new Segmenter(hls(root, "hls_fragment 1; hls_ts_file ts/[stream]-[seq].ts;"), LIVE, root,
                new HlsState(), CLOCK, ZoneOffset.UTC, (n, seg, m, u) -> reaped.add(seg));
        feed(s, HlsMedia.av(0, 1200, 1000));
        s.finish();
        assertEquals("../ts/livestream-0.ts", reaped.getFirst().uri());
    }

    @Test
    void disposeDeletesFilesButKeepsTheSequence() throws IOException {
        HlsState state = new HlsState();
        Segmenter s = segmenter("hls_fragment 1;", state);
        feed(s, HlsMedia.av(0, 3000, 1000));
        s.finish();
        Path m3u8 = root.resolve("live/livestream.m3u8");
        Segmenter.dispose(root, m3u8, state);
        try (Stream<Path> files = Files.list(root.resolve("live"))) {
            assertEquals(List.of("livestream.m3u8.state"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(3, HlsState.load(root, m3u8).nextSeq());
    }

    @Test
    void dtsFromSampleCountWhenDtsDirectlyOff() {
        Segmenter s = segmenter("hls_fragment 1; hls_dts_directly off;", new HlsState());
        // 44.1 kHz AAC frames of 1024 samples (23.22 ms), odd ones stamped 1 ms late.
        List<MediaMessage> msgs = new ArrayList<>();
        msgs.add(HlsMedia.audioHeader(0));
        for (int i = 0; i < 200; i++) {
            msgs.add(HlsMedia.audio(Math.round(i * 1024 * 1000.0 / 44100) + i % 2));
        }
        feed(s, msgs);
        s.finish();
        // The sample clock (the first frame counts 0 samples, as in SRS) passes 2100 ms at frame
        // 91: 91 × 1024 / 44.1 = 2113.0 ms, where the FLV timestamp says 2114.
        assertEquals(2113L, durations().getFirst());
    }

    @Test
    void hlsKeysEncryptSegmentsWithAes128() throws Exception {
        Segmenter s = segmenter("hls_fragment 1; hls_keys on; hls_fragments_per_key 2;", new HlsState());
        feed(s, HlsMedia.av(0, 4200, 1000));
        s.finish();
        String m3u8 = playlist();
        // A key line where the key changes (segments 0, 2, 4), each key next to the segments.
        List<String> keyLines = m3u8.lines().filter(l -> l.startsWith("#EXT-X-KEY:")).toList();
        assertEquals(3, keyLines.size(), m3u8);
        assertTrue(keyLines.getFirst().matches("#EXT-X-KEY:METHOD=AES-128,URI=\"livestream-0.key\",IV=0x[0-9a-f]{32}"),
                keyLines.getFirst());
        assertTrue(m3u8.contains("URI=\"livestream-2.key\""));
        for (int seq : new int[]{0, 1}) {
            byte[] key = Files.readAllBytes(root.resolve("live/livestream-0.key"));
            assertEquals(16, key.length);
            String iv = keyLines.getFirst().substring(keyLines.getFirst().indexOf("IV=0x") + 5);
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                    new javax.crypto.spec.IvParameterSpec(java.util.HexFormat.of().parseHex(iv)));
            byte[] plain = c.doFinal(Files.readAllBytes(root.resolve("live/livestream-" + seq + ".ts")));
            assertEquals(0, plain.length % 188);
            assertEquals(0x47, plain[0]);
            assertEquals(0x47, plain[188]);
        }
        // After a restart the window keeps its keys.
        HlsState loaded = HlsState.load(root, root.resolve("live/livestream.m3u8"));
        assertEquals(reaped, loaded.window().segments());
    }

    @Test
    void hlsKeyUrlPrefixesTheKeyFile() throws IOException {
        Segmenter s = segmenter("hls_fragment 1; hls_keys on; hls_key_url https://keys.example.com/k;",
                new HlsState());
        feed(s, HlsMedia.av(0, 1200, 1000));
        s.finish();
        assertTrue(playlist().contains("URI=\"https://keys.example.com/k/live/livestream-0.key\""), playlist());
    }
}
