package io.srs.app.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SRS's web console dropped into the http_server dir is served by the HTTP API port at
 * {@code /console/} (as SRS mounts it), beside the API, and follows a reload of the dir.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConsoleFilesE2eTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
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
}
