package io.srs.app.http;

import io.srs.testing.ExternalTool;
import com.fasterxml.jackson.databind.JsonNode;
import io.srs.app.config.SrsConfig;
import io.srs.app.hls.MediaTools;
import io.srs.app.httpstream.HttpLiveStreams;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceRegistry;
import io.srs.app.source.SourceSettings;
import io.srs.app.stats.ClientEvents;
import io.srs.kernel.media.MediaMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The players page plays HTTP-FLV and WebSocket-FLV (mpegts.js) in headless Chromium: a stream is
 * published at real-time pace into a live source, http_remux serves it, the page opens with the
 * stream's URL and the video's currentTime must advance by 3 s with decoded frames and no error.
 * The browser is read through {@link PlayersPageE2eTest.Cdp}.
 */
@Tag("e2e")
class FlvPlayersPageE2eTest {
    @TempDir
    Path dir;

    final SourceRegistry registry = new SourceRegistry();
    final HttpServers servers = new HttpServers();
    HttpLiveStreams live;
    HttpFileServer http;
    Thread feeder;
    Process browser;

    @AfterEach
    void cleanup() throws InterruptedException {
        HeadlessChromium.stop(browser);
        if (feeder != null) {
            feeder.interrupt();
            feeder.join(5_000);
        }
        if (http != null) {
            http.close();
        }
        if (live != null) {
            live.close();
        }
        servers.close();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void playsHttpFlv() throws Exception {
        JsonNode state = play(port -> "?stream=live/livestream.flv");
        assertTrue(state.get("engine").asText().startsWith("mpegts.js"), state.toString());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void playsWebSocketFlv() throws Exception {
        JsonNode state = play(port -> "?url=ws://127.0.0.1:" + port + "/live/livestream.flv");
        assertTrue(state.get("engine").asText().contains("over WebSocket"), state.toString());
    }

    /**
     * Publishes, opens the players page with {@code query} (made from the HTTP port) and waits
     * until the video played 3 s with decoded frames and no error; returns the page's last state.
     */
    private JsonNode play(java.util.function.IntFunction<String> query) throws Exception {
        ExternalTool.FFMPEG.require();
        String chromium = ExternalTool.CHROMIUM.require();
        Path html = Files.createDirectories(dir.resolve("html"));
        List<MediaMessage> media = MediaTools.read(MediaTools.flv(dir, "live.flv", 40, true));
        int port = RawHttp.freePort();
        ConfigStore store = new ConfigStore(SrsConfig.parse("listen 1935; http_server { enabled on; listen 127.0.0.1:"
                + port + "; dir " + html + "; } vhost __defaultVhost__ { http_remux { enabled on;"
                + " mount [vhost]/[app]/[stream].flv; } }", "t.conf", dir, Map.of()));
        live = new HttpLiveStreams(store, registry, ClientEvents.NONE);
        http = new HttpFileServer(store, servers, live::in);
        http.start();
        LiveSource source = registry.publish("/live/livestream", SourceSettings.DEFAULTS, "c1").orElseThrow();
        feeder = Thread.ofVirtual().name("feeder").start(() -> {
            long start = System.nanoTime();
            try {
                for (MediaMessage m : media) {
                    long wait = start + TimeUnit.MILLISECONDS.toNanos(m.timestamp()) - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait)); // an encoder's pace, not synchronisation
                    }
                    MediaTools.publish(source, m);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        String page = "http://127.0.0.1:" + port + "/players/" + query.apply(port);
        browser = HeadlessChromium.start(chromium, profile, page, dir.resolve("chromium.log"));
        try (PlayersPageE2eTest.Cdp cdp = PlayersPageE2eTest.Cdp.connect(profile, page)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            double first = -1;
            JsonNode last = null;
            while (System.nanoTime() < deadline) {
                last = cdp.evaluate("JSON.stringify(Object.assign({status: 'none', errors: 0, decodedFrames: 0,"
                        + " time: (document.querySelector('video') || {currentTime: 0}).currentTime}, window.srsPlayer))");
                double t = last.get("time").asDouble();
                if (first < 0 && t > 0 && "playing".equals(last.path("status").asText())) {
                    first = t;
                }
                if (first >= 0 && t >= first + 3) {
                    assertTrue(last.get("decodedFrames").asInt() > 0, "decoded frames: " + last);
                    assertEquals(0, last.get("errors").asInt(), last.toString());
                    return last;
                }
                Thread.sleep(250); // the browser's clock is what we measure
            }
            List<String> log = Files.readAllLines(dir.resolve("chromium.log"));
            fail("currentTime did not advance by 3 s; last state " + last + "; chromium log:\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size())));
            return last;
        }
    }
}
