package io.srs.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SRS's web console dropped into the http_server dir is served by the HTTP API port at
 * {@code /console/} (as SRS mounts it), beside the API, and follows a reload of the dir; and the
 * rest of what the console's "Preview" relies on, checked with this test's own fixture files (SRS's
 * console itself is not available to CI: {@code research/console-preview.sh} runs it for real).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConsoleFilesE2eTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A JSONP read as the console makes it (AngularJS 1.2 names its callbacks
     * {@code angular.callbacks._N}), from a page on another origin; returns the JSON inside.
     */
    private JsonNode jsonp(int apiPort, String path, String origin) throws Exception {
        String callback = "angular.callbacks._0";
        HttpResponse<String> r = get(apiPort, path + "?callback=" + callback, "Origin", origin);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"),
                r.headers().toString());
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""), "CORS as SRS");
        String body = r.body().strip();
        assertTrue(body.startsWith(callback + "(") && body.endsWith(")"), body);
        return JSON.readTree(body.substring(callback.length() + 1, body.length() - 1));
    }

    private static String config(Path html, int httpPort, int apiPort) {
        return "http_server { enabled on; listen 127.0.0.1:" + httpPort + "; dir " + html + "; }\n"
                + "http_api { enabled on; listen 127.0.0.1:" + apiPort + "; }";
    }

    @Test
    void theApiPortServesTheConsoleFromTheHttpDir() throws Exception {
        Path html = Files.createDirectories(dir.resolve("html"));
        Path console = Files.createDirectories(html.resolve("console"));
        Files.writeString(console.resolve("index.html"), "<html>srs console</html>");
        Files.writeString(console.resolve("app.js"), "console.log(1)");
        int httpPort = TestServer.freePort();
        int apiPort = TestServer.freePort();
        try (TestServer s = TestServer.start("", config(html, httpPort, apiPort))) {
            assertEquals("<html>srs console</html>", get(apiPort, "/console/").body());
            HttpResponse<String> js = get(apiPort, "/console/app.js");
            assertEquals(200, js.statusCode());
            assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
            assertEquals(404, get(apiPort, "/console/missing.html").statusCode());
            assertEquals(200, get(apiPort, "/api/v1/versions").statusCode(), "the API still answers");

            // A reload that moves the dir moves the console with it.
            Path other = Files.createDirectories(dir.resolve("other/console"));
            Files.writeString(other.resolve("index.html"), "<html>other console</html>");
            s.reload("", config(dir.resolve("other"), httpPort, apiPort));
            assertEquals("<html>other console</html>", get(apiPort, "/console/").body());
        }
    }

    /**
     * The console's contract: {@code /console} redirects to {@code /console/} keeping the query (as
     * SRS's mux does) and serves the dir's index page; the API answers the console's JSONP and CORS
     * reads; the Preview link it builds from the API's streams and vhosts (console filter
     * {@code sc_filter_preview_url}: the http_server port's {@code players/srs_player.html} with
     * vhost, app, stream + ".flv", server, port, autostart and schema) reaches the user's
     * {@code players/} folder, not the built-in page; and the URL SRS's player page derives from that
     * query ({@code schema://server:port/app/stream}, no vhost parameter for the default vhost) is a
     * live HTTP-FLV stream with CORS.
     */
    @Test
    void theConsolesPreviewReachesTheUsersPlayerAndTheFlvStream() throws Exception {
        Path html = Files.createDirectories(dir.resolve("html"));
        Path console = Files.createDirectories(html.resolve("console"));
        Files.writeString(console.resolve("index.html"), "<html>console index</html>");
        Path players = Files.createDirectories(html.resolve("players"));
        Files.writeString(players.resolve("srs_player.html"), "<html>user player page</html>");
        int httpPort = TestServer.freePort();
        int apiPort = TestServer.freePort();
        try (TestServer s = TestServer.start("http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }",
                config(html, httpPort, apiPort));
             Tools.Running pub = Tools.start("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop",
                     "-1", "-i", Tools.clip(10).toString(), "-c", "copy", "-f", "flv", s.url("live/s"))) {
            HttpResponse<String> redirect = get(apiPort, "/console?port=" + apiPort);
            assertEquals(302, redirect.statusCode());
            assertEquals("/console/?port=" + apiPort, redirect.headers().firstValue("Location").orElse(""));
            HttpResponse<String> index = get(apiPort, "/console/");
            assertEquals("<html>console index</html>", index.body());
            assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            // The http_server serves the same folder, a second origin the console may come from.
            assertEquals("<html>console index</html>", get(httpPort, "/console/").body());

            String origin = "http://127.0.0.1:" + httpPort;
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + apiPort + "/api/v1/streams/"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .headers("Origin", origin, "Access-Control-Request-Method", "GET").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, preflight.statusCode());
            assertEquals("*", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));

            // What the streams page reads: the stream's vhost id names one of the vhosts.
            JsonNode stream = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (stream == null && System.nanoTime() < deadline) {
                for (JsonNode st : jsonp(apiPort, "/api/v1/streams/", origin).path("streams")) {
                    if ("s".equals(st.path("name").asText()) && st.path("publish").path("active").asBoolean()
                            && st.path("video").isObject()) {
                        stream = st;
                    }
                }
                if (stream == null) {
                    Thread.sleep(100); // the publisher's first frames
                }
            }
            assertTrue(stream != null, "the published stream is listed with its video");
            String vhostName = null;
            for (JsonNode v : jsonp(apiPort, "/api/v1/vhosts/", origin).path("vhosts")) {
                if (v.path("id").asText().equals(stream.path("vhost").asText())) {
                    vhostName = v.path("name").asText();
                }
            }
            assertEquals("__defaultVhost__", vhostName, "the stream's vhost id is a listed vhost");

            String preview = "/players/srs_player.html?vhost=" + vhostName + "&app=" + stream.path("app").asText()
                    + "&stream=" + stream.path("name").asText() + ".flv&server=127.0.0.1&port=" + httpPort
                    + "&autostart=true&schema=http";
            assertEquals("<html>user player page</html>", get(httpPort, preview).body(), "the user's players/ wins");

            String flv = "http://127.0.0.1:" + httpPort + "/" + stream.path("app").asText() + "/"
                    + stream.path("name").asText() + ".flv";
            HttpResponse<InputStream> live = http.send(HttpRequest.newBuilder(URI.create(flv))
                    .header("Origin", origin).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = live.body()) {
                assertEquals(200, live.statusCode());
                assertEquals("video/x-flv", live.headers().firstValue("Content-Type").orElse(""));
                assertEquals("*", live.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
                assertArrayEquals(new byte[]{'F', 'L', 'V', 1}, in.readNBytes(4));
            }
        }
    }
}
