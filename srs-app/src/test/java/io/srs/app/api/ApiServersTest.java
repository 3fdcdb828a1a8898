package io.srs.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.srs.app.config.ListenAddress;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.SourceRegistry;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binding the API and exporter ports, clear bind errors, and re-binding on reload. */
class ApiServersTest {
    private final HttpClient http = HttpClient.newHttpClient();

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static SrsConfig config(String text) {
        return SrsConfig.parse("listen 1935;\n" + text + "\nvhost __defaultVhost__ { }\n", "t.conf", Path.of("."),
                Map.of());
    }

    private final io.srs.app.http.HttpServers servers = new io.srs.app.http.HttpServers();

    @org.junit.jupiter.api.AfterEach
    void closeServers() {
        servers.close();
    }

    private int status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private ControlPlane plane(ConfigStore store) {
        return new ControlPlane(store, new SourceRegistry(), servers, () -> { });
    }

    @Test
    void aTakenPortIsAClearFatalError() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.setReuseAddress(false);
            taken.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            SrsException e = assertThrows(SrsException.class,
                    () -> servers.mount(new ListenAddress("127.0.0.1", port), "/", ex -> { }));
            assertEquals(ErrorCode.SOCKET_BIND, e.code());
            assertTrue(e.getMessage().contains("listen 127.0.0.1:" + port), e.getMessage());

            int exporter = freePort();
            ControlPlane p = plane(new ConfigStore(config("http_api { enabled on; listen 127.0.0.1:" + port
                    + "; }\nexporter { enabled on; listen 127.0.0.1:" + exporter + "; }")));
            try {
                assertThrows(SrsException.class, p::start);
                assertThrows(ConnectException.class, () -> status(exporter, "/metrics"), "nothing left bound");
            } finally {
                p.close();
            }
        }
    }

    @Test
    void reloadRebindsChangedListenersAndAppliesSettingsAtOnce() throws Exception {
        int a = freePort();
        int b = freePort();
        int m = freePort();
        ConfigStore store = new ConfigStore(config("http_api { enabled on; listen 127.0.0.1:" + a + "; }"));
        ControlPlane p = plane(store);
        try {
            p.start();
            assertEquals(200, status(a, "/api/v1/versions"));
            assertEquals(a, p.servers().apiPort());

            store.apply(config("http_api { enabled on; listen 127.0.0.1:" + b + "; auth { enabled on; username u; "
                    + "password p; } }\nexporter { enabled on; listen 127.0.0.1:" + m + "; }"));
            assertThrows(ConnectException.class, () -> status(a, "/api/v1/versions"));
            assertEquals(401, status(b, "/api/v1/versions"), "auth applies at once");
            assertEquals(200, status(m, "/metrics"));
            assertEquals(404, status(m, "/api/v1/clients/"), "the exporter port serves only /metrics");

            store.apply(config("http_api { enabled off; listen 127.0.0.1:" + b + "; }"));
            assertThrows(ConnectException.class, () -> status(b, "/api/v1/versions"));
            assertThrows(ConnectException.class, () -> status(m, "/metrics"));
            assertEquals(-1, p.servers().apiPort());
        } finally {
            p.close();
        }
    }

    @Test
    void theHandlerServesOnAnotherServerToo() throws Exception {
        ControlPlane p = plane(new ConfigStore(config("")));
        try (io.srs.app.http.HttpServers.Mount shared = servers.mount(new ListenAddress("127.0.0.1", 0), "/api/",
                p.apiHandler())) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shared.port()
                    + "/api/v1/versions")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertEquals(0, new ObjectMapper().readTree(body).get("code").asInt());
        } finally {
            p.close();
        }
    }
}
