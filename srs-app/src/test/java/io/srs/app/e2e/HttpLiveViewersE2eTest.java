package io.srs.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.srs.app.hooks.HookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP live viewers as clients: waiting for the publisher, continuing across a republish,
 * listed and kicked through the HTTP API, refused by on_play with 403.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HttpLiveViewersE2eTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    /** One FLV tag as a reader saw it. */
    record Tag(int type, long timestamp) {
    }

    /** Reads an HTTP-FLV response on its own thread, keeping every tag's type and timestamp. */
    static final class FlvReader implements AutoCloseable {
        final InputStream body;
        final List<Tag> tags = new CopyOnWriteArrayList<>();
        /** The FLV header's flags (0x04 audio, 0x01 video); -1 until read. */
        volatile int flags = -1;
        volatile Throwable ended;
        final Thread thread;

        FlvReader(String url) throws IOException, InterruptedException {
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            body = r.body();
            DataInputStream in = new DataInputStream(body);
            thread = Thread.ofVirtual().start(() -> {
                try {
                    byte[] header = new byte[9];
                    in.readFully(header);
                    flags = header[4] & 0xff;
                    while (true) {
                        in.readInt();
                        int type = in.readUnsignedByte();
                        int size = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                        long ts = (in.readUnsignedShort() << 8 | in.readUnsignedByte()) | (long) in.readUnsignedByte() << 24;
                        in.skipBytes(3);
                        in.skipNBytes(size);
                        tags.add(new Tag(type, ts));
                    }
                } catch (Throwable t) {
                    ended = t;
                }
            });
        }

        long videoTags() {
            return tags.stream().filter(t -> t.type() == 9).count();
        }

        long audioTags() {
            return tags.stream().filter(t -> t.type() == 8).count();
        }

        void awaitVideoTags(long n, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (videoTags() < n) {
                assertTrue(System.nanoTime() < deadline, "only " + videoTags() + " video tags, ended=" + ended);
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private JsonNode api(String method, int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static String config(int httpPort, int apiPort) {
        return "http_server { enabled on; listen 127.0.0.1:" + httpPort + "; dir ./target/http-live; }\n"
                + "http_api { enabled on; listen 127.0.0.1:" + apiPort + "; }";
    }

    @Test
    void aViewerWaitsForThePublisherAndAnotherPublishContinuesTheTimeline() throws Exception {
        Path clip = Tools.clip(4);
        int httpPort = TestServer.freePort();
        int apiPort = TestServer.freePort();
        try (TestServer s = TestServer.start("http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }",
                config(httpPort, apiPort));
                FlvReader viewer = new FlvReader("http://127.0.0.1:" + httpPort + "/live/r.flv")) {
            // Listed as an flv-play client of the stream before any publisher.
            JsonNode clients = api("GET", apiPort, "/api/v1/clients/").get("clients");
            assertEquals(1, clients.size(), clients.toString());
            assertEquals("flv-play", clients.get(0).get("type").asText());
            assertEquals("/live/r", clients.get(0).get("url").asText(), clients.toString());

            for (int round = 1; round <= 2; round++) {
                Tools.Result ff = Tools.run(30, "ffmpeg", "-hide_banner", "-v", "error", "-re", "-i", clip.toString(),
                        "-c", "copy", "-f", "flv", s.url("live/r"));
                assertEquals(0, ff.exit(), ff.err());
                viewer.awaitVideoTags(round * 90L, 10);
            }
            long last = -1;
            for (Tag t : viewer.tags) {
                if (t.type() == 9) {
                    assertTrue(t.timestamp() >= last, "video time went back: " + last + " -> " + t.timestamp());
                    last = t.timestamp();
                }
            }
            assertTrue(last >= 7000, "two 4 s publishes on one timeline, last=" + last);

            // Kick it: the response ends.
            String id = api("GET", apiPort, "/api/v1/clients/").get("clients").get(0).get("id").asText();
            api("DELETE", apiPort, "/api/v1/clients/" + id);
            viewer.thread.join(5000);
            assertTrue(viewer.ended instanceof IOException, "ended by " + viewer.ended);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (api("GET", apiPort, "/api/v1/clients/").get("clients").size() != 0) {
                assertTrue(System.nanoTime() < deadline, "the kicked viewer is still listed");
                Thread.sleep(20);
            }
        }
    }

    @Test
    void onPlayRefusesWith403AndOnStopFollowsAPlay() throws Exception {
        try (HookReceiver r = new HookReceiver(c -> HookReceiver.Answer.ok(
                c.json().get("stream").asText().equals("deny") ? "{\"code\":1}" : "0"))) {
            int httpPort = TestServer.freePort();
            int apiPort = TestServer.freePort();
            try (TestServer s = TestServer.start("http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }"
                    + " http_hooks { enabled on; on_play " + r.url("/hooks") + "; on_stop " + r.url("/hooks") + "; }",
                    config(httpPort, apiPort))) {
                HttpURLConnection denied = (HttpURLConnection) URI.create(
                        "http://127.0.0.1:" + httpPort + "/live/deny.flv").toURL().openConnection();
                assertEquals(403, denied.getResponseCode());
                denied.disconnect();

                try (FlvReader ok = new FlvReader("http://127.0.0.1:" + httpPort + "/live/ok.flv")) {
                    HookReceiver.Call play = r.await(c -> c.json().get("action").asText().equals("on_play")
                            && c.json().get("stream").asText().equals("ok"), 5);
                    assertEquals("live", play.json().get("app").asText());
                    assertEquals("__defaultVhost__", play.json().get("vhost").asText());
                }
                assertTrue(r.await(HookReceiver.action("on_stop"), 10) != null, "on_stop after the viewer left");
                assertEquals(0, r.actions("on_stop").stream()
                        .filter(c -> c.json().get("stream").asText().equals("deny")).count());
            }
        }
    }
}
