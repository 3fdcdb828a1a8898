package io.srs.app.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.srs.app.config.ListenAddress;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

class HttpFileServerTest {
    static final String SECRET = "top secret outside dir";

    @TempDir
    Path sandbox;
    Path dir;
    byte[] ts;
    final HttpServers servers = new HttpServers();
    ConfigStore store;
    HttpFileServer http;
    int port;

    @BeforeEach
    void files() throws IOException {
        dir = Files.createDirectories(sandbox.resolve("html"));
        Files.writeString(sandbox.resolve("secret.txt"), SECRET);
        Files.createDirectories(dir.resolve("live"));
        Files.writeString(dir.resolve("live/livestream.m3u8"), "#EXTM3U\n");
        ts = new byte[1000];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = (byte) i;
        }
        Files.write(dir.resolve("live/livestream-0.ts"), ts);
        Files.writeString(dir.resolve("index.html"), "<html>home</html>");
        for (String f : List.of("a.js", "a.css", "a.json", "a.flv", "a.mp4", "a.html", "a.bin")) {
            Files.writeString(dir.resolve(f), f);
        }
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        servers.close();
    }

    private SrsConfig config(int port, Path dir, boolean crossdomain) {
        return SrsConfig.parse("listen 1935; http_server { enabled on; listen 127.0.0.1:" + port + "; dir " + dir
                + "; crossdomain " + (crossdomain ? "on" : "off") + "; } vhost __defaultVhost__ { }", "t.conf",
                sandbox, Map.of());
    }

    private void start(boolean crossdomain) throws IOException {
        port = RawHttp.freePort();
        store = new ConfigStore(config(port, dir, crossdomain));
        http = new HttpFileServer(store, servers);
        http.start();
        assertEquals(port, http.port());
    }

    @Test
    void servesFilesWithSrsMimeTypes() throws IOException {
        start(true);
        Map<String, String> expected = Map.of(
                "/live/livestream.m3u8", "application/vnd.apple.mpegurl",
                "/live/livestream-0.ts", "video/MP2T",
                "/a.js", "text/javascript",
                "/a.css", "text/css",
                "/a.json", "application/json",
                "/a.flv", "video/x-flv",
                "/a.mp4", "video/mp4",
                "/a.html", "text/html");
        for (var e : expected.entrySet()) {
            RawHttp.Response r = RawHttp.get(port, e.getKey());
            assertEquals(200, r.status(), e.getKey());
            assertTrue(r.header("Content-Type").startsWith(e.getValue()), e.getKey() + ": " + r.header("Content-Type"));
        }
        assertArrayEquals(ts, RawHttp.get(port, "/live/livestream-0.ts").body());
        assertEquals("<html>home</html>", RawHttp.get(port, "/").text());
    }

    @Test
    void playlistsAreNeverCachedOrAnswered304() throws IOException {
        start(true);
        RawHttp.Response r = RawHttp.get(port, "/live/livestream.m3u8",
                "If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT", "If-None-Match: *");
        assertEquals(200, r.status());
        assertEquals("no-cache", r.header("Cache-Control"));
        assertEquals("#EXTM3U\n", r.text());
        // Segments do use validators.
        RawHttp.Response seg = RawHttp.get(port, "/live/livestream-0.ts");
        assertTrue(seg.header("Last-Modified") != null);
    }

    @Test
    void corsWhenCrossdomainIsOn() throws IOException {
        start(true);
        RawHttp.Response r = RawHttp.get(port, "/live/livestream.m3u8", "Origin: http://example.com");
        assertEquals("*", r.header("Access-Control-Allow-Origin"));
        RawHttp.Response pre = RawHttp.send(port, "OPTIONS", "/live/livestream.m3u8", "Origin: http://example.com",
                "Access-Control-Request-Method: GET", "Access-Control-Request-Headers: range");
        assertEquals(200, pre.status());
        assertEquals("*", pre.header("Access-Control-Allow-Origin"));
        assertEquals("*", pre.header("Access-Control-Allow-Headers"));
        assertEquals("*", pre.header("Access-Control-Allow-Methods"));
    }

    @Test
    void noCorsWhenCrossdomainIsOff() throws IOException {
        start(false);
        RawHttp.Response r = RawHttp.get(port, "/live/livestream.m3u8", "Origin: http://example.com");
        assertEquals(200, r.status());
        assertNull(r.header("Access-Control-Allow-Origin"));
        assertEquals(405, RawHttp.send(port, "OPTIONS", "/live/livestream.m3u8").status());
    }

    @Test
    void rangeAndHead() throws IOException {
        start(true);
        RawHttp.Response r = RawHttp.get(port, "/live/livestream-0.ts", "Range: bytes=10-19");
        assertEquals(206, r.status());
        assertEquals("bytes 10-19/1000", r.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(ts, 10, 20), r.body());
        RawHttp.Response tail = RawHttp.get(port, "/live/livestream-0.ts", "Range: bytes=-5");
        assertArrayEquals(Arrays.copyOfRange(ts, 995, 1000), tail.body());
        assertEquals(416, RawHttp.get(port, "/live/livestream-0.ts", "Range: bytes=5000-").status());

        RawHttp.Response head = RawHttp.send(port, "HEAD", "/live/livestream-0.ts");
        assertEquals(200, head.status());
        assertEquals("1000", head.header("Content-Length"));
        assertEquals(0, head.body().length);
    }

    @Test
    void missingIs404AndOtherMethodsAre405() throws IOException {
        start(true);
        assertEquals(404, RawHttp.get(port, "/live/nothing.m3u8").status());
        assertEquals(404, RawHttp.get(port, "/nothing/").status());
        assertEquals(405, RawHttp.send(port, "POST", "/a.js", "Content-Length: 0").status());
        assertEquals(405, RawHttp.send(port, "DELETE", "/a.js").status());
    }

    @Test
    void neverServesAFileOutsideDir() throws IOException {
        start(true);
        List<String> attacks = List.of("/../secret.txt", "/live/../../secret.txt", "/%2e%2e/secret.txt",
                "/%2E%2E/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/..%2Fsecret.txt",
                "/..\\secret.txt", "/..%5csecret.txt", "/%252e%252e/secret.txt", "/live/%2e%2e/%2e%2e/secret.txt",
                "/./../secret.txt", "/.%2e/secret.txt", "/%c0%ae%c0%ae/secret.txt", "/..;/secret.txt",
                "/live/..%00/secret.txt", "//../secret.txt", "/" + sandbox.resolve("secret.txt"),
                "http://127.0.0.1/../secret.txt", "/players/../../secret.txt", "/players/%2e%2e/%2e%2e/secret.txt");
        for (String a : attacks) {
            RawHttp.Response r;
            try {
                r = RawHttp.get(port, a);
            } catch (IOException e) {
                continue; // the server hung up: nothing was served either
            }
            assertTrue(r.status() == 400 || r.status() == 404, a + " gave " + r.status());
            assertFalse(r.text().contains(SECRET), a);
        }
        // Still serving.
        assertEquals(200, RawHttp.get(port, "/a.js").status());
    }

    @Test
    void symlinksOutOfDirAreNotFollowed() throws IOException {
        Files.createSymbolicLink(dir.resolve("link.txt"), sandbox.resolve("secret.txt"));
        start(true);
        RawHttp.Response r = RawHttp.get(port, "/link.txt");
        assertEquals(404, r.status());
        assertFalse(r.text().contains(SECRET));
    }

    @Test
    void servesThePlayersPage() throws IOException {
        start(true);
        assertEquals(302, RawHttp.get(port, "/players").status());
        RawHttp.Response page = RawHttp.get(port, "/players/");
        assertEquals(200, page.status());
        assertTrue(page.text().contains("hls.min.js"), page.text());
        RawHttp.Response hls = RawHttp.get(port, "/players/hls.min.js");
        assertEquals(200, hls.status());
        assertTrue(hls.header("Content-Type").startsWith("text/javascript"));
        assertTrue(hls.body().length > 100_000, "the real hls.js");
        RawHttp.Response mpegts = RawHttp.get(port, "/players/mpegts.js");
        assertEquals(200, mpegts.status());
        assertTrue(mpegts.body().length > 100_000, "the real mpegts.js");
        assertTrue(page.text().contains("mpegts.js"), page.text());
    }

    @Test
    void aPlayersFolderInDirWinsOverTheBuiltInPage() throws IOException {
        start(true);
        Path players = Files.createDirectories(dir.resolve("players"));
        Files.writeString(players.resolve("index.html"), "<html>my players</html>");
        Files.writeString(players.resolve("srs_player.html"), "<html>srs player</html>");
        assertEquals("<html>my players</html>", RawHttp.get(port, "/players/").text());
        assertEquals("<html>srs player</html>", RawHttp.get(port, "/players/srs_player.html").text());
        // The whole folder is the user's: nothing of ours leaks into it.
        assertEquals(404, RawHttp.get(port, "/players/hls.min.js").status());
        assertEquals(404, RawHttp.get(port, "/players/../secret.txt").status());

        // Gone again: the built-in page is back, without a restart.
        Files.delete(players.resolve("index.html"));
        Files.delete(players.resolve("srs_player.html"));
        Files.delete(players);
        assertTrue(RawHttp.get(port, "/players/").text().contains("hls.min.js"));
    }

    @Test
    void bindFailureIsAClearError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            store = new ConfigStore(config(taken.getLocalPort(), dir, true));
            http = new HttpFileServer(store, servers);
            SrsException e = assertThrows(SrsException.class, http::start);
            assertEquals(ErrorCode.SOCKET_BIND, e.code());
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void reloadRebindsAndChangesDir() throws IOException {
        start(true);
        Path other = Files.createDirectories(sandbox.resolve("other"));
        Files.writeString(other.resolve("only-here.txt"), "other dir");
        int newPort = RawHttp.freePort();
        store.apply(config(newPort, other, true));
        assertThrows(ConnectException.class, () -> RawHttp.get(port, "/a.js"));
        assertEquals("other dir", RawHttp.get(newPort, "/only-here.txt").text());
        assertEquals(404, RawHttp.get(newPort, "/a.js").status());

        store.apply(SrsConfig.parse("listen 1935; vhost __defaultVhost__ { }", "t.conf", sandbox, Map.of()));
        assertThrows(ConnectException.class, () -> RawHttp.get(newPort, "/only-here.txt"));
        assertEquals(-1, http.port());
    }

    @Test
    void serversAreSharedByAddressAndRouteByLongestPrefix() throws Exception {
        ListenAddress any = new ListenAddress("127.0.0.1", RawHttp.freePort());
        HttpServers.Mount root = servers.mount(any, "/", ex -> ex.getResponseSender().send("root " + ex.getRelativePath()));
        HttpServers.Mount api = servers.mount(any, "/api/", ex -> ex.getResponseSender().send("api " + ex.getRelativePath()));
        assertEquals("api /v1/versions", RawHttp.get(any.port(), "/api/v1/versions").text());
        assertEquals("root /apix", RawHttp.get(any.port(), "/apix").text());
        assertThrows(SrsException.class, () -> servers.mount(any, "/api/", ex -> { }));
        api.close();
        assertEquals("root /api/v1/versions", RawHttp.get(any.port(), "/api/v1/versions").text());
        root.close();
        assertThrows(ConnectException.class, () -> RawHttp.get(any.port(), "/"));
    }
}
