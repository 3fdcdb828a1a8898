package io.srs.app.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Self-signed certificates for 127.0.0.1 made by the openssl command, for tests. */
public final class TestCerts {
    private TestCerts() {
    }

    /** Writes a PKCS#8 RSA key and a 2-day certificate with subject CN={@code cn}, SAN IP:127.0.0.1. */
    public static void make(Path key, Path cert, String cn) throws Exception {
        Path log = Files.createTempFile("openssl", ".log");
        Process p = new ProcessBuilder(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=" + cn,
                "-addext", "subjectAltName=IP:127.0.0.1"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("openssl req failed: " + Files.readString(log));
        }
    }
}
