package io.srs.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.srs.app.api.PrometheusText;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API and /metrics describing a live FFmpeg stream and its players. */
@Tag("e2e")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ApiE2eTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private String body(String method, int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    private JsonNode api(String method, int port, String path) throws Exception {
        JsonNode o = JSON.readTree(body(method, port, path));
        assertEquals(0, o.get("code").asInt(), o.toString());
        return o;
    }

    /**
     * Polls until the stream's 30 s receive and send rates are both above {@code kbps}: the send
     * rate trails the receive rate by the players' merge window and a sampling tick.
     */
    private JsonNode awaitKbps(int port, String id, int kbps) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            JsonNode s = api("GET", port, "/api/v1/streams/" + id).get("stream");
            JsonNode k = s.get("kbps");
            if ((k.get("recv_30s").asInt() > kbps && k.get("send_30s").asInt() > kbps)
                    || System.nanoTime() > deadline) {
                return s;
            }
            Thread.sleep(200);
        }
    }

    @Test
    void aLiveStreamIsDescribedCountedAndKickable() throws Exception {
        Path clip = Tools.clip(10);
        int apiPort = TestServer.freePort();
        int exporterPort = TestServer.freePort();
        try (TestServer srs = TestServer.start("", "http_api { enabled on; listen " + apiPort + "; }\n"
                + "exporter { enabled on; listen " + exporterPort + "; label e2e; }")) {
            PrometheusText before = PrometheusText.parse(body("GET", exporterPort, "/metrics"));
            CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/api");
            try (Tools.Running pub = LiveOriginE2eTest.publish(clip, srs.url("live/api"));
                    TestPlayer p1 = TestPlayer.play(srs.port, "live", "api");
                    TestPlayer p2 = TestPlayer.play(srs.port, "live", "api")) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                assertTrue(p1.awaitFirstVideo(10) && p2.awaitFirstVideo(10));

                JsonNode streams = api("GET", apiPort, "/api/v1/streams/");
                assertEquals(1, streams.get("streams").size());
                JsonNode s = streams.get("streams").get(0);
                String id = s.get("id").asText();
                assertEquals("api", s.get("name").asText());
                assertEquals("live", s.get("app").asText());
                assertEquals("/live/api", s.get("url").asText());
                assertEquals(3, s.get("clients").asInt(), "publisher and two players");
                assertTrue(s.get("publish").get("active").asBoolean());
                JsonNode video = s.get("video");
                assertEquals("H264", video.get("codec").asText());
                assertEquals(640, video.get("width").asInt());
                assertEquals(360, video.get("height").asInt());
                assertFalse(video.get("profile").asText().isEmpty());
                JsonNode audio = s.get("audio");
                assertEquals("AAC", audio.get("codec").asText());
                assertEquals(44100, audio.get("sample_rate").asInt());
                assertEquals(1, audio.get("channel").asInt());
                assertEquals("LC", audio.get("profile").asText());

                JsonNode clients = api("GET", apiPort, "/api/v1/clients/").get("clients");
                assertEquals(3, clients.size());
                String publisher = s.get("publish").get("cid").asText();
                String player = null;
                for (JsonNode c : clients) {
                    assertEquals(id, c.get("stream").asText());
                    assertEquals("127.0.0.1", c.get("ip").asText());
                    if (c.get("id").asText().equals(publisher)) {
                        assertEquals("fmle-publish", c.get("type").asText());
                        assertTrue(c.get("publish").asBoolean());
                    } else {
                        assertEquals("rtmp-play", c.get("type").asText());
                        player = c.get("id").asText();
                    }
                }
                JsonNode vhost = api("GET", apiPort, "/api/v1/vhosts/" + s.get("vhost").asText()).get("vhost");
                assertEquals("__defaultVhost__", vhost.get("name").asText());
                assertEquals(3, vhost.get("clients").asInt());
                assertEquals(1, vhost.get("streams").asInt());

                // Rates follow traffic: the clip is about 470 kbps.
                JsonNode later = awaitKbps(apiPort, id, 100);
                assertTrue(later.get("kbps").get("recv_30s").asInt() > 100, later.toString());
                assertTrue(later.get("kbps").get("send_30s").asInt() > 100, later.toString());
                assertTrue(later.get("recv_bytes").asLong() > s.get("recv_bytes").asLong());
                assertTrue(later.get("frames").asLong() > s.get("frames").asLong());

                PrometheusText during = PrometheusText.parse(body("GET", exporterPort, "/metrics"));
                assertTrue(during.get("srs_receive_bytes_total") > before.get("srs_receive_bytes_total"));
                assertTrue(during.get("srs_send_bytes_total") > before.get("srs_send_bytes_total"));
                assertEquals(3, during.get("srs_clients"));
                assertEquals(1, during.get("srs_streams"));
                assertEquals(3, during.get("srs_clients_total"));
                assertEquals(3, during.find("srs_stream_clients{", "stream=\"/live/api\""));
                assertTrue(during.find("srs_stream_receive_bytes_total{", "stream=\"/live/api\"") > 0);
                assertTrue(during.find("srs_stream_video_frames_total{", "stream=\"/live/api\"") > 0);
                assertEquals(1, during.find("srs_build_info{", "label=\"e2e\""));
                assertTrue(during.get("srs_memory") > 0);

                // Kick one player: its connection ends, the others go on.
                api("DELETE", apiPort, "/api/v1/clients/" + player);
                long kickDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (p1.error() == null && p2.error() == null && System.nanoTime() < kickDeadline) {
                    Thread.sleep(20);
                }
                assertTrue(p1.error() != null || p2.error() != null, "the kicked player's connection ended");
                TestPlayer other = p1.error() != null ? p2 : p1;
                assertTrue(other.error() == null, "only one player was kicked");
                long frames = other.videoFrames();
                assertTrue(other.awaitVideoFrames(frames + 10, 10), "the other player still plays");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (api("GET", apiPort, "/api/v1/streams/" + id).get("stream").get("clients").asInt() != 2
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals(2, api("GET", apiPort, "/api/v1/streams/" + id).get("stream").get("clients").asInt());
                assertEquals(2049, JSON.readTree(body("GET", apiPort, "/api/v1/clients/" + player)).get("code").asInt());

                PrometheusText after = PrometheusText.parse(body("GET", exporterPort, "/metrics"));
                assertTrue(after.get("srs_send_bytes_total") >= during.get("srs_send_bytes_total"));
                assertEquals(2, after.get("srs_clients"));
            }
        }
    }
}
