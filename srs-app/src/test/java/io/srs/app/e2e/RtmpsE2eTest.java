package io.srs.app.e2e;

import io.srs.testing.ExternalTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.srs.app.SrsApp;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.core.SrsException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SRS 7's {@code rtmps {}} with real clients: FFmpeg publishes over TLS, players over TLS and
 * plain RTMP get the source's packets bit for bit; certificates rotate on reload without
 * dropping a player; wrong-protocol and stalled clients each cost one line and nothing more.
 */
class RtmpsE2eTest {
    @TempDir
    Path dir;

    /** A self-signed pair for 127.0.0.1 made by openssl; {@code cn} tells pairs apart. */
    static void makeCert(Path key, Path cert, String cn) throws Exception {
        ExternalTool.OPENSSL.require();
        io.srs.app.tls.TestCerts.make(key, cert, cn);
    }

    private String rtmps(int port) {
        return "rtmps { enabled on; listen " + port + "; key " + dir.resolve("server.key") + "; cert "
                + dir.resolve("server.crt") + "; }";
    }

    @Test
    void ffmpegPublishesOverRtmpsAndPlaysOverBoth() throws Exception {
        makeCert(dir.resolve("server.key"), dir.resolve("server.crt"), "first");
        Path clip = Tools.clip(6);
        int tlsPort = TestServer.freePort();
        try (TestServer srs = TestServer.start("", rtmps(tlsPort))) {
            String tlsUrl = "rtmps://127.0.0.1:" + tlsPort + "/live/s";
            try (Tools.Running overTls = hashes(tlsUrl);
                    Tools.Running overPlain = hashes(srs.url("live/s"));
                    Tools.Running decode = Tools.start("ffmpeg", "-hide_banner", "-v", "error", "-rw_timeout",
                            "3000000", "-i", tlsUrl, "-map", "0:v", "-frames:v", "100", "-f", "framecrc", "-")) {
                awaitPlayers(srs, 3);
                CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/s");
                try (Tools.Running pub = LiveOriginE2eTest.publish(clip, tlsUrl)) {
                    assertTrue(live.await(20, TimeUnit.SECONDS), "published over rtmps");
                    Tools.Result p = pub.await(60);
                    assertEquals(0, p.exit(), p.err());
                }
                List<String> expected = Tools.packetHashes(clip.toString());
                assertTrue(expected.size() > 200, "clip packets: " + expected.size());
                Tools.Result tls = overTls.await(60);
                assertEquals(expected, Tools.parseHashes(tls.out()), tls.err());
                Tools.Result plain = overPlain.await(60);
                assertEquals(expected, Tools.parseHashes(plain.out()), plain.err());
                Tools.Result d = decode.await(60);
                long frames = d.out().lines().filter(l -> !l.startsWith("#")).count();
                assertEquals(100, frames, d.err());
                assertEquals("", d.err().strip());
            }
        }
    }

    @Test
    void newCertificateOnReloadWhileAnEarlierPlayerKeepsReceiving() throws Exception {
        Path key = dir.resolve("server.key");
        Path cert = dir.resolve("server.crt");
        makeCert(key, cert, "first");
        Path clip = Tools.clip(6);
        int tlsPort = TestServer.freePort();
        try (TestServer srs = TestServer.start("", rtmps(tlsPort))) {
            assertTrue(subject(tlsPort).contains("CN = first"));
            String tlsUrl = "rtmps://127.0.0.1:" + tlsPort + "/live/r";
            try (Tools.Running player = hashes(tlsUrl)) {
                awaitPlayers(srs, 1);
                CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/r");
                try (Tools.Running pub = LiveOriginE2eTest.publish(clip, srs.url("live/r"))) {
                    assertTrue(live.await(20, TimeUnit.SECONDS));
                    // Replace both files in place, as certbot does, then reload as SIGHUP does.
                    Path newKey = dir.resolve("new.key");
                    Path newCert = dir.resolve("new.crt");
                    makeCert(newKey, newCert, "second");
                    Files.move(newKey, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.move(newCert, cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    srs.reload("", rtmps(tlsPort));
                    String after = subject(tlsPort);
                    assertTrue(after.contains("CN = second"), after);

                    // A broken pair: one log line, the second one stays.
                    Files.writeString(cert, "not a certificate");
                    srs.reload("", rtmps(tlsPort));
                    assertTrue(subject(tlsPort).contains("CN = second"));
                    assertEquals(0, pub.await(60).exit());
                }
                Tools.Result got = player.await(60);
                assertEquals(Tools.packetHashes(clip.toString()), Tools.parseHashes(got.out()), got.err());
            }
        }
    }

    @Test
    void wrongProtocolsAndStalledHandshakesEndAlone() throws Exception {
        makeCert(dir.resolve("server.key"), dir.resolve("server.crt"), "first");
        int tlsPort = TestServer.freePort();
        try (TestServer srs = TestServer.start("", rtmps(tlsPort))) {
            // Plain RTMP C0C1 on the rtmps port: the TLS layer refuses it at once.
            try (Socket s = new Socket("127.0.0.1", tlsPort)) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                byte[] c0c1 = new byte[1537];
                c0c1[0] = 3;
                out.write(c0c1);
                out.flush();
                assertTrue(drainsToEnd(s.getInputStream()));
            }
            // A TLS client on the plain port: the RTMP handshake refuses its ClientHello.
            Tools.Result r = Tools.run(20, "openssl", "s_client", "-connect", "127.0.0.1:" + srs.port);
            assertTrue(r.exit() != 0, r.out());
            // A client that connects and says nothing: closed at the handshake deadline.
            try (Socket s = new Socket("127.0.0.1", tlsPort)) {
                s.setSoTimeout(15_000);
                long t0 = System.nanoTime();
                assertTrue(drainsToEnd(s.getInputStream()));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms >= 4_000 && ms < 12_000, "closed after " + ms + " ms");
            }
            awaitPlayers(srs, 0);
        }
    }

    @Test
    void mismatchedPairIsRefusedAtStartWithItsLine() throws Exception {
        makeCert(dir.resolve("server.key"), dir.resolve("server.crt"), "first");
        makeCert(dir.resolve("other.key"), dir.resolve("other.crt"), "other");
        String text = """
                listen %d;
                rtmps {
                    enabled on;
                    listen %d;
                    key %s;
                    cert %s;
                }
                vhost __defaultVhost__ {
                }
                """.formatted(TestServer.freePort(), TestServer.freePort(), dir.resolve("other.key"),
                dir.resolve("server.crt"));
        SrsConfig c = SrsConfig.parse(text, "tls.conf", Path.of("."), java.util.Map.of());
        SrsApp app = new SrsApp(new ConfigStore(c));
        SrsException e = assertThrows(SrsException.class, app::start);
        assertTrue(e.getMessage().contains("tls.conf:5") && e.getMessage().contains("does not belong"),
                e.getMessage());
    }

    private static Tools.Running hashes(String url) throws IOException {
        return Tools.start("ffmpeg", "-hide_banner", "-loglevel", "error", "-rw_timeout", "3000000", "-i", url,
                "-c", "copy", "-f", "framemd5", "-");
    }

    /** Waits until the server holds exactly {@code n} connections. */
    private static void awaitPlayers(TestServer srs, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (srs.app.connections().size() != n) {
            assertTrue(System.nanoTime() < end, "connections: " + srs.app.connections().size() + ", want " + n);
            Thread.sleep(20);
        }
    }

    /** The subject of the certificate a fresh {@code openssl s_client} sees. */
    private static String subject(int port) throws Exception {
        Tools.Result r = Tools.run(20, "openssl", "s_client", "-connect", "127.0.0.1:" + port);
        return r.out().lines().filter(l -> l.startsWith("subject=")).findFirst().orElse(r.out() + r.err());
    }

    private static boolean drainsToEnd(InputStream in) {
        try {
            byte[] b = new byte[4096];
            while (in.read(b) >= 0) {
                // Discard alerts until the server closes.
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset: closed as well
        }
    }
}
