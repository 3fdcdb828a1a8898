package io.srs.app.e2e;

import io.srs.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * http_remux with real clients: FFmpeg publishes over RTMP, ffmpeg and a raw HTTP reader play
 * the live stream as FLV, TS, MP3 and AAC from the http_server port.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HttpLiveE2eTest {

    private static TestServer server(int httpPort, String mount) throws IOException {
        return TestServer.start("http_remux { enabled on; mount " + mount + "; }",
                "http_server { enabled on; listen 127.0.0.1:" + httpPort + "; dir ./target/http-live; }");
    }

    /** FFmpeg pushing the 10 s clip in a loop at real time. */
    private static Tools.Running publishClip(TestServer s) throws Exception {
        Path clip = Tools.clip(10);
        return Tools.start("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1", "-i",
                clip.toString(), "-c", "copy", "-f", "flv", s.url("live/s"));
    }

    /** FFmpeg encoding a tone live with {@code codec} (audio only). */
    private static Tools.Running publishTone(TestServer s, String codec) throws Exception {
        ExternalTool.FFMPEG.require();
        return Tools.start("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=44100", "-c:a", codec, "-b:a", "64k", "-ar", "44100", "-f", "flv",
                s.url("live/a"));
    }

    /** Waits until the source has {@code frames} video (or audio, when {@code audio}) frames. */
    private static void awaitFrames(TestServer s, String url, boolean audio, long frames) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            var src = s.app.sources().find(url);
            if (src.isPresent() && src.get().isPublishing()
                    && (audio ? src.get().audioFrames() : src.get().videoFrames()) >= frames) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no publish of " + url);
    }

    @Test
    void flvStartsWithAKeyframeAtOnceAndDecodes() throws Exception {
        int http = TestServer.freePort();
        try (TestServer s = server(http, "[vhost]/[app]/[stream].flv"); Tools.Running pub = publishClip(s)) {
            awaitFrames(s, "/live/s", false, 30);
            String url = "http://127.0.0.1:" + http + "/live/s.flv";

            long start = System.nanoTime();
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            try {
                assertEquals(200, c.getResponseCode());
                assertEquals("video/x-flv", c.getContentType());
                assertEquals("*", c.getHeaderField("Access-Control-Allow-Origin"));
                assertEquals("chunked", c.getHeaderField("Transfer-Encoding"));
                DataInputStream in = new DataInputStream(c.getInputStream());
                byte[] header = new byte[9];
                in.readFully(header);
                assertArrayEquals(new byte[]{'F', 'L', 'V', 1, 5, 0, 0, 0, 9}, header);
                // The first coded video frame (after metadata and sequence headers) is a keyframe.
                while (true) {
                    in.readInt();
                    int type = in.readUnsignedByte();
                    int size = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                    in.skipBytes(7);
                    byte[] payload = new byte[size];
                    in.readFully(payload);
                    if (type == 9 && payload[1] == 1) {
                        assertEquals(1, (payload[0] & 0xff) >> 4, "first video frame is a keyframe");
                        break;
                    }
                }
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(ms < 1500, "first keyframe after " + ms + " ms");
            } finally {
                c.disconnect();
            }

            Tools.Result r = Tools.run(30, "ffmpeg", "-hide_banner", "-v", "error", "-i", url, "-map", "0:v",
                    "-frames:v", "75", "-f", "framemd5", "-");
            assertEquals(0, r.exit(), r.err());
            assertEquals(75, Tools.parseHashes(r.out()).size(), r.err());
            Tools.Result probe = Tools.run(30, "ffprobe", "-v", "error", "-show_entries", "stream=codec_name",
                    "-of", "csv=p=0", url);
            assertTrue(probe.out().contains("h264") && probe.out().contains("aac"), probe.out() + probe.err());
        }
    }

    @Test
    void tsDecodes() throws Exception {
        int http = TestServer.freePort();
        try (TestServer s = server(http, "[vhost]/[app]/[stream].ts"); Tools.Running pub = publishClip(s)) {
            awaitFrames(s, "/live/s", false, 30);
            String url = "http://127.0.0.1:" + http + "/live/s.ts";
            Tools.Result r = Tools.run(30, "ffmpeg", "-hide_banner", "-v", "error", "-i", url, "-map", "0:v",
                    "-frames:v", "75", "-f", "framemd5", "-");
            assertEquals(0, r.exit(), r.err());
            assertEquals(75, Tools.parseHashes(r.out()).size(), r.err());
        }
    }

    @Test
    void mp3AndAacDecodeThreeSeconds() throws Exception {
        // Four servers side by side (one mount per vhost), read at the same time to save time.
        String[][] cases = {{"mp3", "libmp3lame"}, {"aac", "aac"}, {"ts", "libmp3lame"}, {"flv", "libmp3lame"}};
        java.util.List<AutoCloseable> open = new java.util.ArrayList<>();
        try {
            java.util.List<Tools.Running> readers = new java.util.ArrayList<>();
            java.util.List<Path> outs = new java.util.ArrayList<>();
            for (String[] f : cases) {
                int http = TestServer.freePort();
                TestServer s = server(http, "[vhost]/[app]/[stream]." + f[0]);
                open.add(s);
                open.add(publishTone(s, f[1]));
                awaitFrames(s, "/live/a", true, 20);
                Path out = Files.createTempFile("http-live", ".raw");
                outs.add(out);
                Tools.Running r = Tools.start("ffmpeg", "-hide_banner", "-v", "error", "-y", "-i",
                        "http://127.0.0.1:" + http + "/live/a." + f[0], "-t", "3", "-ac", "1", "-ar", "8000",
                        "-f", "s16le", out.toString());
                open.add(r);
                readers.add(r);
            }
            for (int i = 0; i < cases.length; i++) {
                Tools.Result r = readers.get(i).await(30);
                assertEquals(0, r.exit(), cases[i][0] + ": " + r.err());
                long size = Files.size(outs.get(i));
                assertTrue(size >= 3 * 8000 * 2 * 97 / 100, cases[i][0] + ": " + size + " bytes");
                Files.deleteIfExists(outs.get(i));
            }
        } finally {
            for (AutoCloseable c : open.reversed()) {
                c.close();
            }
        }
    }

    @Test
    void mp3FastCacheGivesANewListenerTheCachedAudioAtOnce() throws Exception {
        int http = TestServer.freePort();
        try (TestServer s = TestServer.start(
                "http_remux { enabled on; fast_cache 4; mount [vhost]/[app]/[stream].mp3; }",
                "http_server { enabled on; listen 127.0.0.1:" + http + "; dir ./target/http-live; }");
             Tools.Running pub = publishTone(s, "libmp3lame")) {
            // 44.1 kHz MP3 is 38.3 frames a second: 4.5 s published, so the 4 s cache is full.
            awaitFrames(s, "/live/a", true, 172);
            // The publisher sends at real time: in 1 s after the first byte a listener without the
            // cache gets ~1 s of audio, one with it also the 4 s before it joined.
            Path got = Files.createTempFile("fast-cache", ".mp3");
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + http + "/live/a.mp3")
                    .toURL().openConnection();
            try (var in = c.getInputStream(); var out = Files.newOutputStream(got)) {
                assertEquals("audio/mpeg", c.getContentType());
                byte[] buf = new byte[8192];
                int n = in.read(buf);
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000);
                while (n > 0) {
                    out.write(buf, 0, n);
                    if (System.nanoTime() >= until) {
                        break;
                    }
                    n = in.read(buf);
                }
            } finally {
                c.disconnect();
            }
            Tools.Result r = Tools.run(30, "ffprobe", "-v", "error", "-show_entries", "format=duration",
                    "-of", "csv=p=0", got.toString());
            Files.deleteIfExists(got);
            assertEquals(0, r.exit(), r.err());
            double seconds = Double.parseDouble(r.out().trim());
            assertTrue(seconds >= 3.5, "decoded " + seconds + " s of audio in the first second");
        }
    }

    @Test
    void unknownPathsAreNotFoundAndHeadAnswersAtOnce() throws Exception {
        int http = TestServer.freePort();
        try (TestServer s = server(http, "[vhost]/[app]/[stream].flv")) {
            assertEquals(404, status("http://127.0.0.1:" + http + "/live/s.ts", "GET"));
            assertEquals(404, status("http://127.0.0.1:" + http + "/a/b/s.flv", "GET"));
            assertEquals(200, status("http://127.0.0.1:" + http + "/live/none.flv", "HEAD"));
        }
    }

    private static int status(String url, String method) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        c.setReadTimeout(3000);
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }
}
