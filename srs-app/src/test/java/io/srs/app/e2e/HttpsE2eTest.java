package io.srs.app.e2e;

import io.srs.testing.ExternalTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.srs.app.tls.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
}
