package io.srs.app.e2e;

import io.srs.testing.ExternalTool;
import io.srs.app.cluster.EdgeStats;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.util.concurrent.TimeUnit;

import static io.srs.app.e2e.ClusterE2eTest.assertRelayed;
import static io.srs.app.e2e.ClusterE2eTest.await;
import static io.srs.app.e2e.ClusterE2eTest.publishLoop;
import static io.srs.app.e2e.ClusterE2eTest.videoPayloads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cluster { mode remote; protocol flv; }}: edges that pull from their origins over
 * HTTP-FLV (and HTTPS-FLV through a TLS front), with FFmpeg publishing to the origin and RTMP
 * players and ffprobe on the edge.
 */
@Tag("e2e")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FlvEdgeE2eTest {

    /** An origin that serves HTTP-FLV on {@code httpPort}. */
    private static TestServer origin(int httpPort) {
        return TestServer.startOn(freePort(), "http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }",
                "http_server { enabled on; listen 127.0.0.1:" + httpPort + "; dir ./target/flv-edge; }");
    }

    private static int freePort() {
        try {
            return TestServer.freePort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long httpViewers(TestServer s) {
        long n = 0;
        for (var c : s.app.control().stats().dumpClients(0, 1000)) {
            n += "flv-play".equals(c.get("type").asText()) ? 1 : 0;
        }
        return n;
    }

    private static boolean publishing(TestServer s, String url) {
        return s.app.sources().find(url).map(x -> x.isPublishing()).orElse(false);
    }

    @Test
    void anEdgePullsOverHttpFlvAndServesRtmpPlayers() throws Exception {
        ExternalTool.FFPROBE.require();
        Path clip = Tools.clip(10);
        int http = freePort();
        try (TestServer origin = origin(http);
             TestServer edge = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + http
                     + "; protocol flv; }", "");
             Tools.Running pub = publishLoop(clip, origin.url("live/s"))) {
            await(() -> publishing(origin, "/live/s"), 20, "the publisher");
            try (TestPlayer onOrigin = TestPlayer.play(origin.port, "live", "s");
                 TestPlayer onEdge = TestPlayer.play(edge.port, "live", "s")) {
                assertTrue(onOrigin.awaitVideoFrames(120, 30), "player on the origin: " + onOrigin.error());
                assertTrue(onEdge.awaitVideoFrames(75, 30), "player on the edge: " + onEdge.error());
                // The edge's frames are the origin's, byte for byte, in order.
                assertRelayed(videoPayloads(onOrigin), videoPayloads(onEdge), 75);
                assertEquals(1, httpViewers(origin), "the edge is one HTTP-FLV viewer at the origin");

                Tools.Result probe = Tools.run(30, "ffprobe", "-v", "error", "-show_entries", "stream=codec_name",
                        "-of", "csv=p=0", edge.url("live/s"));
                assertTrue(probe.out().contains("h264") && probe.out().contains("aac"), probe.out() + probe.err());

                EdgeStats st = edge.app.cluster().stats("/live/s").edge().orElseThrow();
                assertEquals("127.0.0.1:" + http, st.origin());
                assertEquals(1, st.connections(), st.toString());
            }
            // A while after the last player left, the edge hangs up on the origin.
            await(() -> httpViewers(origin) == 0, 15, "the edge to stop pulling");
        }
    }

    @Test
    void anHttpsFlvEdgeVerifiesTheOriginsCertificate() throws Exception {
        Path clip = Tools.clip(6);
        int http = freePort();
        Path dir = Files.createTempDirectory("flvs");
        Path store = dir.resolve("origin.p12");
        char[] pass = "changeit".toCharArray();
        Tools.Result gen = Tools.run(60, Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "origin", "-keyalg", "EC", "-dname", "CN=origin", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2");
        assertEquals(0, gen.exit(), gen.err());
        KeyStore ks = KeyStore.getInstance(store.toFile(), pass);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);

        try (TestServer origin = origin(http);
             TlsProxy https = new TlsProxy(server, http);
             TestServer edge = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + https.port
                     + "; protocol flvs; }", "");
             Tools.Running pub = publishLoop(clip, origin.url("live/tls"))) {
            await(() -> publishing(origin, "/live/tls"), 20, "the publisher");
            try (TestPlayer player = TestPlayer.play(edge.port, "live", "tls")) {
                // The JVM's trust store does not know the origin's self-signed certificate.
                await(() -> edge.app.cluster().stats("/live/tls").edge().map(e -> e.lastError()
                        .contains("TLS handshake")).orElse(false), 20, "the untrusted origin to be refused");
                assertEquals(0, player.videoFrames());
                edge.app.cluster().useTls(trusting);
                assertTrue(player.awaitVideoFrames(50, 30), "over HTTPS-FLV: " + player.error());
                EdgeStats st = edge.app.cluster().stats("/live/tls").edge().orElseThrow();
                assertEquals("127.0.0.1:" + https.port, st.origin());
            }
        }
    }

    @Test
    void anHttpRedirectFromTheOriginIsFollowed() throws Exception {
        Path clip = Tools.clip(6);
        int http = freePort();
        try (TestServer origin = origin(http);
             ServerSocket redirector = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             TestServer edge = TestServer.start("cluster { mode remote; origin 127.0.0.1:"
                     + redirector.getLocalPort() + "; protocol flv; }", "");
             Tools.Running pub = publishLoop(clip, origin.url("live/r"))) {
            Thread.ofVirtual().start(() -> {
                while (!redirector.isClosed()) {
                    try (Socket s = redirector.accept()) {
                        var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream()));
                        String line;
                        while ((line = in.readLine()) != null && !line.isEmpty()) {
                            // the request head
                        }
                        s.getOutputStream().write(("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:" + http
                                + "/live/r.flv\r\nContent-Length: 0\r\n\r\n").getBytes());
                    } catch (IOException e) {
                        // closed
                    }
                }
            });
            await(() -> publishing(origin, "/live/r"), 20, "the publisher");
            try (TestPlayer player = TestPlayer.play(edge.port, "live", "r")) {
                assertTrue(player.awaitVideoFrames(25, 20), "through the redirect: " + player.error());
                EdgeStats st = edge.app.cluster().stats("/live/r").edge().orElseThrow();
                assertEquals(1, st.redirects(), st.toString());
                assertEquals("127.0.0.1:" + http, st.origin());
            }
        }
    }

    /** Terminates TLS and passes the bytes on to a plain port, like a TLS front of an origin. */
    private static final class TlsProxy implements AutoCloseable {
        final ServerSocket server;
        final int port;

        TlsProxy(SSLContext tls, int target) throws IOException {
            server = tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            port = server.getLocalPort();
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket in = server.accept();
                        Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                        Thread.ofVirtual().start(() -> pipe(in, out));
                        Thread.ofVirtual().start(() -> pipe(out, in));
                    } catch (IOException e) {
                        // closed
                    }
                }
            });
        }

        private static void pipe(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException ignored) {
                // one side left
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void flvEdgePlayersSurviveTheFailoverToTheSecondOrigin() throws Exception {
        Path clip = Tools.clip(6);
        int http1 = freePort();
        int http2 = freePort();
        try (TestServer o1 = origin(http1);
             TestServer o2 = origin(http2);
             TestServer edge = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + http1
                     + " 127.0.0.1:" + http2 + "; protocol flv; }", "");
             Tools.Running pub1 = publishLoop(clip, o1.url("live/fo"));
             Tools.Running pub2 = publishLoop(clip, o2.url("live/fo"))) {
            await(() -> publishing(o1, "/live/fo") && publishing(o2, "/live/fo"), 20, "publishers");
            try (TestPlayer player = TestPlayer.play(edge.port, "live", "fo")) {
                assertTrue(player.awaitVideoFrames(25, 20), "before failover: " + player.error());
                assertEquals(1, httpViewers(o1), "round robin starts with the first origin");
                assertEquals(0, httpViewers(o2));
                long before = player.videoFrames();
                o1.close();
                assertTrue(player.awaitVideoFrames(before + 50, 30), "after failover: " + player.error());
                assertNull(player.error(), "the player stayed connected");
                assertEquals(1, httpViewers(o2));
                EdgeStats s = edge.app.cluster().stats("/live/fo").edge().orElseThrow();
                assertEquals(1, s.failovers(), s.toString());
                assertEquals("127.0.0.1:" + http2, s.origin());
            }
        }
    }
}
