package io.srs.app.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Keys in the forms openssl writes, read back and checked against their certificate. */
class PemFilesTest {
    @TempDir
    Path dir;

    private void openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("openssl.log")));
    }

    private X509Certificate certFor(Path key) throws Exception {
        Path cert = dir.resolve(key.getFileName() + ".crt");
        openssl("req", "-x509", "-new", "-key", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=t");
        return PemFiles.certificates(cert).get(0);
    }

    @Test
    void readsPkcs8Rsa() throws Exception {
        Path key = dir.resolve("pkcs8.key");
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.toString());
        assertTrue(Files.readString(key).contains("BEGIN PRIVATE KEY"));
        PrivateKey k = PemFiles.privateKey(key);
        assertTrue(ServerTls.matches(k, certFor(key)));
    }

    @Test
    void readsPkcs1Rsa() throws Exception {
        Path key = dir.resolve("pkcs1.key");
        openssl("genrsa", "-traditional", "-out", key.toString(), "2048");
        assertTrue(Files.readString(key).contains("BEGIN RSA PRIVATE KEY"));
        assertTrue(ServerTls.matches(PemFiles.privateKey(key), certFor(key)));
    }

    @Test
    void readsSec1Ec() throws Exception {
        Path key = dir.resolve("sec1.key");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", key.toString());
        assertTrue(Files.readString(key).contains("BEGIN EC PRIVATE KEY"));
        assertTrue(ServerTls.matches(PemFiles.privateKey(key), certFor(key)));
    }

    @Test
    void aKeyOfAnotherCertificateDoesNotMatch() throws Exception {
        Path a = dir.resolve("a.key");
        Path b = dir.resolve("b.key");
        openssl("genpkey", "-algorithm", "RSA", "-out", a.toString());
        openssl("genpkey", "-algorithm", "RSA", "-out", b.toString());
        assertFalse(ServerTls.matches(PemFiles.privateKey(a), certFor(b)));
    }

    @Test
    void refusesEncryptedTruncatedAndHugeFiles() throws Exception {
        Path enc = dir.resolve("enc.key");
        openssl("genpkey", "-algorithm", "RSA", "-aes-128-cbc", "-pass", "pass:x", "-out", enc.toString());
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> PemFiles.privateKey(enc));
        assertTrue(e.getMessage().contains("encrypted"));

        Path cut = dir.resolve("cut.key");
        Files.writeString(cut, "-----BEGIN PRIVATE KEY-----\nMIIB\n");
        assertThrows(IOException.class, () -> PemFiles.privateKey(cut));

        Path huge = dir.resolve("huge.pem");
        Files.write(huge, new byte[PemFiles.MAX_FILE_BYTES + 1]);
        assertThrows(IOException.class, () -> PemFiles.certificates(huge));

        Path sec1Garbage = dir.resolve("bad-ec.key");
        Files.writeString(sec1Garbage, "-----BEGIN EC PRIVATE KEY-----\nMIIBAAAA\n-----END EC PRIVATE KEY-----\n");
        assertThrows(GeneralSecurityException.class, () -> PemFiles.privateKey(sec1Garbage));
    }
}
