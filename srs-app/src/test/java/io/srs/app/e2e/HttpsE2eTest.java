package io.srs.app.e2e;

import io.srs.testing.ExternalTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.srs.app.tls.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code http_api { https {} }} read by curl with the test's CA: keep-alive across requests,
 * and a certificate replaced on reload is what the next connection sees.
 */
class HttpsE2eTest {
    @TempDir
    Path dir;

    private String config(int api, int tls) {
        return "http_api { enabled on; listen 127.0.0.1:" + api + "; https { enabled on; listen 127.0.0.1:" + tls
                + "; key " + dir.resolve("server.key") + "; cert " + dir.resolve("server.crt") + "; } }";
    }

    @Test
    void curlReadsTheApiOverHttpsAndSeesTheNewCertificateAfterReload() throws Exception {
        ExternalTool.CURL.require();
        ExternalTool.OPENSSL.require();
        Path key = dir.resolve("server.key");
        Path cert = dir.resolve("server.crt");
        TestCerts.make(key, cert, "first");
        Files.copy(cert, dir.resolve("first.crt"));
        int api = TestServer.freePort();
        int tls = TestServer.freePort();
        try (TestServer srs = TestServer.start("", config(api, tls))) {
            String base = "https://127.0.0.1:" + tls;
            Tools.Result r = Tools.run(30, "curl", "-sS", "-v", "--cacert", cert.toString(), base + "/api/v1/versions",
                    base + "/api/v1/summaries");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("\"code\":0") && r.out().contains("\"major\""), r.out());
            assertTrue(r.err().contains("Re-using existing connection") || r.err().contains("Reusing existing"),
                    "HTTP/1.1 keep-alive over TLS: " + r.err());

            TestCerts.make(dir.resolve("n.key"), dir.resolve("n.crt"), "second");
            Files.move(dir.resolve("n.key"), key, StandardCopyOption.REPLACE_EXISTING);
            Files.move(dir.resolve("n.crt"), cert, StandardCopyOption.REPLACE_EXISTING);
            srs.reload("", config(api, tls));
            Tools.Result after = Tools.run(30, "curl", "-sS", "--cacert", cert.toString(), base + "/api/v1/versions");
            assertEquals(0, after.exit(), after.err());
            Tools.Result old = Tools.run(30, "curl", "-sS", "--cacert", dir.resolve("first.crt").toString(),
                    base + "/api/v1/versions");
            assertTrue(old.exit() != 0, "the old CA no longer verifies: " + old.out());
        }
    }

    /**
     * A peer that opens the HTTPS port and never sends a ClientHello is closed at the
     * {@code http_limits.header_timeout} deadline; one whose handshake finished stays open past
     * it and is served.
     */
    @Test
    void aStalledHandshakeIsClosedAtTheDeadlineAndAFinishedOneIsNot() throws Exception {
        ExternalTool.OPENSSL.require();
        Path key = dir.resolve("server.key");
        Path cert = dir.resolve("server.crt");
        TestCerts.make(key, cert, "deadline");
        int api = TestServer.freePort();
        int tls = TestServer.freePort();
        try (TestServer srs = TestServer.start("", "http_limits { header_timeout 1; } " + config(api, tls))) {
            SSLSocket shaken = (SSLSocket) trusting(cert).getSocketFactory().createSocket("127.0.0.1", tls);
            shaken.startHandshake();
            long start = System.nanoTime();
            try (Socket silent = new Socket("127.0.0.1", tls)) {
                silent.setSoTimeout(15_000);
                assertEquals(-1, silent.getInputStream().read(), "the server closes a silent TLS peer");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds >= 0.8 && seconds < 8, "closed after " + seconds + " s");
            try (shaken) {
                OutputStream out = shaken.getOutputStream();
                out.write("GET /api/v1/versions HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = shaken.getInputStream();
                byte[] head = new byte[12];
                int n = in.readNBytes(head, 0, head.length);
                assertEquals("HTTP/1.1 200", new String(head, 0, n, StandardCharsets.US_ASCII));
            }
        }
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            ks.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
