package io.srs.app.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.srs.app.config.ListenAddress;
import io.srs.app.config.TlsConfig;
import io.srs.core.SrsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Pairs that cannot be used are refused with the config line; a reload keeps the pair in use. */
class ServerTlsTest {
    @TempDir
    Path dir;

    private TlsConfig config(Path key, Path cert) {
        return new TlsConfig("rtmps", true, List.of(new ListenAddress("127.0.0.1", 0)), key.toString(),
                cert.toString(), "srs.conf:12");
    }

    private void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("log")));
    }

    @Test
    void anExpiredCertificateIsRefusedWithItsLine() throws Exception {
        // keytool can back-date; openssl 3.0's req cannot. Then PKCS#12 to PEM with openssl.
        Path p12 = dir.resolve("old.p12");
        run("keytool", "-genkeypair", "-keystore", p12.toString(), "-storetype", "PKCS12", "-storepass", "secret",
                "-alias", "old", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=old", "-startdate", "-10d",
                "-validity", "2");
        run("openssl", "pkcs12", "-in", p12.toString(), "-passin", "pass:secret", "-nodes", "-nocerts", "-out",
                dir.resolve("old.key").toString());
        run("openssl", "pkcs12", "-in", p12.toString(), "-passin", "pass:secret", "-nokeys", "-out",
                dir.resolve("old.crt").toString());
        SrsException e = assertThrows(SrsException.class,
                () -> ServerTls.load(config(dir.resolve("old.key"), dir.resolve("old.crt"))));
        assertTrue(e.getMessage().startsWith("srs.conf:12: rtmps cert") && e.getMessage().contains("expired"),
                e.getMessage());
    }

    @Test
    void aBrokenPairOnReloadKeepsTheOneInUse() throws Exception {
        Path key = dir.resolve("k.pem");
        Path cert = dir.resolve("c.pem");
        TestCerts.make(key, cert, "first");
        ServerTls tls = ServerTls.load(config(key, cert));
        Path otherKey = dir.resolve("o.pem");
        TestCerts.make(otherKey, dir.resolve("oc.pem"), "other");
        assertFalse(tls.reload(config(otherKey, cert)));
        assertTrue(tls.certificate().getSubjectX500Principal().getName().contains("CN=first"));
        Files.writeString(key, "");
        assertFalse(tls.reload(config(key, cert)));
        TestCerts.make(key, cert, "second");
        assertTrue(tls.reload(config(key, cert)));
        assertTrue(tls.certificate().getSubjectX500Principal().getName().contains("CN=second"));
    }
}
