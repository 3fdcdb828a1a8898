package io.srs.app.http;

import io.srs.testing.ExternalTool;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.srs.app.config.SrsConfig;
import io.srs.app.hls.HlsManager;
import io.srs.app.hls.MediaTools;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceRegistry;
import io.srs.app.source.SourceSettings;
import io.srs.kernel.media.MediaMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The players page in a real browser: a stream is published at real-time pace into a live
 * source, HLS is served by the HTTP server, headless Chromium opens /players/ and the video's
 * currentTime must advance by at least 3 s. The page is read through the DevTools protocol.
 */
@Tag("e2e")
class PlayersPageE2eTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final SourceRegistry registry = new SourceRegistry();
    final HttpServers servers = new HttpServers();
    HttpFileServer http;
    HttpsListeners httpsListeners;
    HlsManager hls;
    Thread feeder;
    Process browser;

    @AfterEach
    void cleanup() throws InterruptedException {
        HeadlessChromium.stop(browser);
        if (feeder != null) {
            feeder.interrupt();
            feeder.join(5_000);
        }
        if (hls != null) {
            hls.close();
        }
        if (http != null) {
            http.close();
        }
        if (httpsListeners != null) {
            httpsListeners.close();
        }
        servers.close();
    }

    /** Publishes the FLV into the source at its own pace (real time), looping is not needed. */
    private void feedRealTime(LiveSource source, List<MediaMessage> msgs) {
        feeder = Thread.ofVirtual().name("feeder").start(() -> {
            long start = System.nanoTime();
            try {
                for (MediaMessage m : msgs) {
                    long due = start + TimeUnit.MILLISECONDS.toNanos(m.timestamp());
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait)); // pacing like an encoder, not synchronisation
                    }
                    MediaTools.publish(source, m);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                source.unpublish();
            }
        });
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void playersPagePlaysALiveStream() throws Exception {
        playsLive(false);
    }

    /** http_server { https {} }: the same page and HLS over TLS (the test's self-signed certificate). */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void playersPagePlaysALiveStreamOverHttps() throws Exception {
        playsLive(true);
    }

    private void playsLive(boolean tls) throws Exception {
        ExternalTool.FFMPEG.require();
        String chromium = ExternalTool.CHROMIUM.require();

        Path html = Files.createDirectories(dir.resolve("html"));
        List<MediaMessage> media = MediaTools.read(MediaTools.flv(dir, "live.flv", 40, true));
        int port = RawHttp.freePort();
        int tlsPort = RawHttp.freePort();
        String https = "";
        if (tls) {
            io.srs.app.tls.TestCerts.make(dir.resolve("k.pem"), dir.resolve("c.pem"), "players");
            https = "https { enabled on; listen 127.0.0.1:" + tlsPort + "; key " + dir.resolve("k.pem") + "; cert "
                    + dir.resolve("c.pem") + "; }";
        }
        SrsConfig cfg = SrsConfig.parse("listen 1935; http_server { enabled on; listen 127.0.0.1:" + port + "; dir "
                + html + "; " + https + " } vhost __defaultVhost__ { hls { enabled on; hls_fragment 1; hls_window 10; hls_path "
                + html + "; } }", "t.conf", dir, Map.of());
        ConfigStore store = new ConfigStore(cfg);
        http = new HttpFileServer(store, servers);
        http.start();
        if (tls) {
            httpsListeners = new HttpsListeners(store, servers);
            httpsListeners.start();
        }
        hls = new HlsManager(store, registry, (u, id, e) -> { });
        hls.start();
        LiveSource source = registry.publish("/live/livestream", SourceSettings.DEFAULTS, "c1").orElseThrow();
        feedRealTime(source, media);

        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        String page = (tls ? "https://127.0.0.1:" + tlsPort : "http://127.0.0.1:" + port)
                + "/players/?stream=live/livestream";
        browser = HeadlessChromium.start(chromium, profile, page, dir.resolve("chromium.log"));

        try (Cdp cdp = Cdp.connect(profile, page)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            double first = -1;
            JsonNode last = null;
            while (System.nanoTime() < deadline) {
                last = cdp.evaluate("JSON.stringify({status: window.srsPlayer ? window.srsPlayer.status : 'none',"
                        + " time: (document.querySelector('video') || {currentTime: 0}).currentTime,"
                        + " errors: window.srsPlayer ? window.srsPlayer.errors : 0,"
                        + " lastError: window.srsPlayer ? window.srsPlayer.lastError : ''})");
                double t = last.get("time").asDouble();
                if (first < 0 && t > 0 && "playing".equals(last.get("status").asText())) {
                    first = t;
                }
                if (first >= 0 && t >= first + 3) {
                    return; // played 3 s of live video
                }
                Thread.sleep(250); // the browser's clock is what we measure
            }
            fail("currentTime did not advance by 3 s; last state " + last + "; chromium log:\n"
                    + tail(dir.resolve("chromium.log")));
        }
    }

    /** The last 30 lines of a log, for a failure message. */
    static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** The least of the Chrome DevTools protocol: Runtime.evaluate on one page. */
    static final class Cdp implements AutoCloseable {
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket ws;

        /** Finds the browser's DevTools port in its profile, then the page showing {@code url}. */
        static Cdp connect(Path profile, String url) throws Exception {
            Path portFile = profile.resolve("DevToolsActivePort");
            HttpClient client = HttpClient.newHttpClient();
            String prefix = url.substring(0, url.indexOf('?'));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                List<String> lines = Files.exists(portFile) ? Files.readAllLines(portFile) : List.of();
                if (!lines.isEmpty()) {
                    HttpResponse<String> list = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + lines.getFirst().strip() + "/json/list")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    for (JsonNode target : JSON.readTree(list.body())) {
                        if ("page".equals(target.path("type").asText())
                                && target.path("url").asText().startsWith(prefix)) {
                            Cdp cdp = new Cdp();
                            cdp.ws = client.newWebSocketBuilder()
                                    .buildAsync(URI.create(target.get("webSocketDebuggerUrl").asText()), cdp.listener())
                                    .get(10, TimeUnit.SECONDS);
                            return cdp;
                        }
                    }
                }
                Thread.sleep(100); // waiting for the browser to start up
            }
            throw new IOException("no DevTools page for " + url);
        }

        private WebSocket.Listener listener() {
            return new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        try {
                            JsonNode msg = JSON.readTree(partial.toString());
                            CompletableFuture<JsonNode> f = msg.has("id") ? pending.remove(msg.get("id").asInt()) : null;
                            if (f != null) {
                                f.complete(msg);
                            }
                        } catch (IOException e) {
                            // not a reply we wait for
                        }
                        partial.setLength(0);
                    }
                    w.request(1);
                    return null;
                }
            };
        }

        /** Evaluates a JavaScript expression returning a JSON string; returns it parsed. */
        JsonNode evaluate(String expression) throws Exception {
            return evaluate(expression, false);
        }

        /**
         * As {@link #evaluate(String)}; with {@code userGesture} the page treats the script as a
         * user's action (a link with {@code target=_blank} may then open its tab).
         */
        JsonNode evaluate(String expression, boolean userGesture) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> f = new CompletableFuture<>();
            pending.put(id, f);
            String req = JSON.writeValueAsString(Map.of("id", id, "method", "Runtime.evaluate",
                    "params", Map.of("expression", expression, "returnByValue", true, "userGesture", userGesture)));
            ws.sendText(req, true).get(10, TimeUnit.SECONDS);
            JsonNode reply = f.get(10, TimeUnit.SECONDS);
            JsonNode value = reply.path("result").path("result").path("value");
            assertTrue(value.isTextual(), "evaluate failed: " + reply);
            return JSON.readTree(value.asText());
        }

        @Override
        public void close() {
            if (ws != null) {
                ws.abort();
            }
        }
    }
}
