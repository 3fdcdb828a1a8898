package io.srs.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.srs.app.hooks.HookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WebSocket-FLV with a real client (the JDK's WebSocket): the http_remux mount upgraded to a
 * WebSocket carries the FLV stream in binary messages, starting with a keyframe, that FFmpeg
 * decodes; the viewer is an flv-play client in the API and a kick closes its WebSocket; a broken
 * handshake gets 400 and harms nobody.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HttpLiveWebSocketE2eTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    /** Collects the binary messages of one WebSocket as one byte stream. */
    static final class FlvOverWebSocket implements WebSocket.Listener {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        volatile long firstMessageNanos;
        int messages;

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            synchronized (this) {
                if (messages++ == 0) {
                    firstMessageNanos = System.nanoTime();
                }
                byte[] b = new byte[data.remaining()];
                data.get(b);
                bytes.writeBytes(b);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }

        synchronized byte[] snapshot() {
            return bytes.toByteArray();
        }
    }

    /** One parsed FLV tag: type, timestamp, the first two payload bytes. */
    record Tag(int type, long timestamp, int b0, int b1) {
    }

    /** The complete tags in an FLV byte stream (the header checked first). */
    static List<Tag> tags(byte[] flv) {
        assertTrue(flv.length >= 13, "no FLV header yet");
        assertEquals("FLV", new String(flv, 0, 3, StandardCharsets.US_ASCII));
        assertEquals(5, flv[4], "audio and video flags");
        List<Tag> tags = new ArrayList<>();
        int p = 9 + 4;
        while (p + 11 <= flv.length) {
            int type = flv[p] & 0xff;
            int size = (flv[p + 1] & 0xff) << 16 | (flv[p + 2] & 0xff) << 8 | flv[p + 3] & 0xff;
            long ts = (flv[p + 4] & 0xff) << 16 | (flv[p + 5] & 0xff) << 8 | flv[p + 6] & 0xff
                    | (long) (flv[p + 7] & 0xff) << 24;
            if (p + 11 + size + 4 > flv.length) {
                break;
            }
            int b0 = size > 0 ? flv[p + 11] & 0xff : -1;
            int b1 = size > 1 ? flv[p + 12] & 0xff : -1;
            tags.add(new Tag(type, ts, b0, b1));
            int previous = (flv[p + 11 + size] & 0xff) << 24 | (flv[p + 12 + size] & 0xff) << 16
                    | (flv[p + 13 + size] & 0xff) << 8 | flv[p + 14 + size] & 0xff;
            assertEquals(11 + size, previous, "PreviousTagSize of tag " + tags.size());
            p += 11 + size + 4;
        }
        return tags;
    }

    private JsonNode api(String method, int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    /** The flv-play clients the API lists. */
    private List<JsonNode> viewers(int apiPort) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : api("GET", apiPort, "/api/v1/clients/").get("clients")) {
            if (c.get("type").asText().equals("flv-play")) {
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void flvOverWebSocketStartsWithAKeyframeDecodesAndIsAClient() throws Exception {
        Path clip = Tools.clip(10);
        int httpPort = TestServer.freePort();
        int apiPort = TestServer.freePort();
        try (TestServer s = TestServer.start("http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }",
                "http_server { enabled on; listen 127.0.0.1:" + httpPort + "; dir ./target/http-live; }\n"
                        + "http_api { enabled on; listen 127.0.0.1:" + apiPort + "; }");
                Tools.Running pub = Tools.start("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                        "-stream_loop", "-1", "-i", clip.toString(), "-c", "copy", "-f", "flv", s.url("live/s"))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (s.app.sources().find("/live/s").map(src -> src.videoFrames() < 30).orElse(true)) {
                assertTrue(System.nanoTime() < deadline, "no publish");
                Thread.sleep(20);
            }

            FlvOverWebSocket viewer = new FlvOverWebSocket();
            long start = System.nanoTime();
            WebSocket ws = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/live/s.flv"), viewer)
                    .get(10, TimeUnit.SECONDS);
            // 3 s of video (25 fps) arrive as FLV tags.
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            List<Tag> tags = List.of();
            while (tags.stream().filter(t -> t.type() == 9).count() < 80) {
                assertTrue(System.nanoTime() < deadline, "only " + tags.size() + " tags");
                Thread.sleep(50);
                byte[] b = viewer.snapshot();
                tags = b.length >= 13 ? tags(b) : List.of();
            }
            long firstMs = TimeUnit.NANOSECONDS.toMillis(viewer.firstMessageNanos - start);
            assertTrue(firstMs < 1500, "first message after " + firstMs + " ms");

            Tag firstFrame = tags.stream().filter(t -> t.type() == 9 && t.b1() == 1).findFirst().orElseThrow();
            assertEquals(1, firstFrame.b0() >> 4, "the first coded video frame is a keyframe");
            assertTrue(tags.stream().filter(t -> t.type() == 9).allMatch(t -> (t.b0() & 0x0f) == 7), "H.264");
            assertTrue(tags.stream().filter(t -> t.type() == 8).allMatch(t -> t.b0() >> 4 == 10), "AAC");
            assertTrue(tags.stream().anyMatch(t -> t.type() == 8 && t.b1() == 1), "AAC frames");
            long last = -1;
            for (Tag t : tags) {
                if (t.type() == 9) {
                    assertTrue(t.timestamp() >= last, "video time went back: " + last + " -> " + t.timestamp());
                    last = t.timestamp();
                }
            }
            // What came over the WebSocket is an FLV stream FFmpeg decodes.
            Path got = Files.createTempFile("ws-flv", ".flv");
            Files.write(got, viewer.snapshot());
            Tools.Result r = Tools.run(30, "ffmpeg", "-hide_banner", "-v", "error", "-i", got.toString(), "-map",
                    "0:v", "-frames:v", "75", "-f", "framemd5", "-");
            assertEquals(0, r.exit(), r.err());
            assertEquals(75, Tools.parseHashes(r.out()).size(), r.err());
            Files.delete(got);

            // Counted like an HTTP-FLV viewer, and kickable: the kick closes the WebSocket.
            List<JsonNode> players = viewers(apiPort);
            assertEquals(1, players.size(), players.toString());
            assertEquals("/live/s", players.getFirst().get("url").asText());
            api("DELETE", apiPort, "/api/v1/clients/" + players.getFirst().get("id").asText());
            viewer.closed.get(5, TimeUnit.SECONDS);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!viewers(apiPort).isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the kicked viewer is still listed");
                Thread.sleep(20);
            }
            ws.abort();
        }
    }

    @Test
    void aBrokenHandshakeGets400AndOthersStillPlay() throws Exception {
        int httpPort = TestServer.freePort();
        try (TestServer s = TestServer.start("http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }",
                "http_server { enabled on; listen 127.0.0.1:" + httpPort + "; dir ./target/http-live; }")) {
            // Upgrade: websocket without a key or version.
            try (Socket raw = new Socket("127.0.0.1", httpPort)) {
                raw.setSoTimeout(5000);
                OutputStream out = raw.getOutputStream();
                out.write(("GET /live/s.flv HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = raw.getInputStream();
                String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                assertEquals("HTTP/1.1 400", status);
            }
            // A good one still gets its upgrade (it waits for a publisher; the kick is not needed).
            FlvOverWebSocket viewer = new FlvOverWebSocket();
            WebSocket ws = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/live/s.flv"), viewer)
                    .get(10, TimeUnit.SECONDS);
            ws.abort();
        }
    }

    @Test
    void onPlayRefusesAWebSocketViewerWith403BeforeTheUpgrade() throws Exception {
        try (HookReceiver r = new HookReceiver(c -> HookReceiver.Answer.ok(
                c.json().get("stream").asText().equals("deny") ? "{\"code\":1}" : "0"))) {
            int httpPort = TestServer.freePort();
            try (TestServer s = TestServer.start("http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }"
                    + " http_hooks { enabled on; on_play " + r.url("/hooks") + "; on_stop " + r.url("/hooks") + "; }",
                    "http_server { enabled on; listen 127.0.0.1:" + httpPort + "; dir ./target/http-live; }")) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> http.newWebSocketBuilder()
                        .buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/live/deny.flv"), new FlvOverWebSocket())
                        .get(10, TimeUnit.SECONDS));
                WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
                assertEquals(403, refused.getResponse().statusCode());

                WebSocket ok = http.newWebSocketBuilder()
                        .buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/live/ok.flv"), new FlvOverWebSocket())
                        .get(10, TimeUnit.SECONDS);
                r.await(c -> c.json().get("action").asText().equals("on_play")
                        && c.json().get("stream").asText().equals("ok"), 5);
                ok.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
                // The peer's close ends the viewer: on_stop follows.
                assertTrue(r.await(c -> c.json().get("action").asText().equals("on_stop")
                        && c.json().get("stream").asText().equals("ok"), 10) != null);
            }
        }
    }
}
