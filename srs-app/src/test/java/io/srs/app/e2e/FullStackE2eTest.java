package io.srs.app.e2e;

import io.srs.testing.ExternalTool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Features working together through the real server: RTMP in, HLS and the API out. */
@Tag("e2e")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FullStackE2eTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void ffmpegPublishOverRtmpIsServedAsHlsThatDecodes() throws Exception {
        ExternalTool.FFPROBE.require();
        Path clip = Tools.clip(10);
        int httpPort = TestServer.freePort();
        try (TestServer srs = TestServer.start("hls { enabled on; hls_fragment 1; hls_window 20; hls_path " + dir + "; }",
                "http_server { enabled on; listen 127.0.0.1:" + httpPort + "; dir " + dir + "; }")) {
            CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/hls");
            try (Tools.Running pub = LiveOriginE2eTest.publish(clip, srs.url("live/hls"))) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                assertEquals(0, pub.await(60).exit());
            }
            String base = "http://127.0.0.1:" + httpPort + "/live/";
            // The last segment is closed by the unpublish; the playlist on disk then lists it.
            List<String> segments = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                HttpResponse<byte[]> m3u8 = get(base + "hls.m3u8");
                if (m3u8.statusCode() == 200) {
                    segments = new String(m3u8.body()).lines().filter(l -> l.endsWith(".ts")).toList();
                    if (segments.size() >= 8) {
                        break;
                    }
                }
                Thread.sleep(200); // polling a remote playlist, as a player does
            }
            assertTrue(segments.size() >= 8, "segments: " + segments);
            for (String s : segments) {
                HttpResponse<byte[]> ts = get(base + s);
                assertEquals(200, ts.statusCode(), s);
                assertEquals("video/MP2T", ts.headers().firstValue("content-type").orElse(""));
                Path f = Files.write(dir.resolve("dl-" + s), ts.body());
                Tools.Result probe = Tools.run(30, "ffprobe", "-v", "error", "-show_entries", "stream=codec_name",
                        "-of", "compact", f.toString());
                assertEquals("", probe.err().strip(), s + " decodes without errors");
                assertTrue(probe.out().contains("h264") && probe.out().contains("aac"), probe.out());
            }
        }
    }

    @Test
    void theApiShowsAnEdgePullWithItsOrigin() throws Exception {
        Path clip = Tools.clip(10);
        int apiPort = TestServer.freePort();
        try (TestServer origin = TestServer.start()) {
            try (TestServer edge = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + origin.port + "; }",
                    "http_api { enabled on; listen 127.0.0.1:" + apiPort + "; }")) {
                CountDownLatch live = LiveOriginE2eTest.published(origin, "/live/api");
                try (Tools.Running pub = LiveOriginE2eTest.publish(clip, origin.url("live/api"));
                     TestPlayer player = TestPlayer.play(edge.port, "live", "api")) {
                    assertTrue(live.await(20, TimeUnit.SECONDS));
                    assertTrue(player.awaitVideoFrames(25, 20));
                    JsonNode body = new ObjectMapper().readTree(
                            get("http://127.0.0.1:" + apiPort + "/api/v1/streams/").body());
                    JsonNode stream = body.get("streams").get(0);
                    assertEquals("api", stream.get("name").asText());
                    JsonNode edgeState = stream.get("cluster").get("edge");
                    assertEquals("127.0.0.1:" + origin.port, edgeState.get("origin").asText(), body.toString());
                    assertEquals("pulling", edgeState.get("state").asText());
                    assertEquals(1, edgeState.get("connections").asInt());
                    assertEquals("H264", stream.get("video").get("codec").asText());
                }
            }
        }
    }
}
