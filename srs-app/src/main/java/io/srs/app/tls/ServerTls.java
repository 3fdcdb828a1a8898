package io.srs.app.tls;

import io.srs.app.config.TlsConfig;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The server side of one TLS block ({@code rtmps}, {@code http_api.https},
 * {@code http_server.https}): an {@link SSLContext} whose key and certificate are read from the
 * block's PEM files and can be re-read while running ({@link #reload}). A pair that cannot be
 * used (unreadable, key not matching the certificate, expired) is refused: at start with the
 * config line, at reload with one log line, and the pair in use stays.
 *
 * <p>Thread-safe.
 */
public final class ServerTls {
    private static final System.Logger LOG = System.getLogger(ServerTls.class.getName());

    private final String name;
    private final ServerKeyManager keys = new ServerKeyManager();
    private final SSLContext context;
    private final AtomicLong generation = new AtomicLong();

    private ServerTls(String name) {
        this.name = name;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, null);
        } catch (NoSuchAlgorithmException | KeyManagementException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        }
    }

    /**
     * Loads the block's key and certificate.
     *
     * @throws SrsException {@link ErrorCode#SYSTEM_CONFIG_INVALID} naming the config line when
     *                      the pair cannot be used
     */
    public static ServerTls load(TlsConfig config) {
        ServerTls t = new ServerTls(config.block());
        t.keys.install(t.read(config));
        return t;
    }

    /**
     * Re-reads the files (which may have been replaced in place, or renamed in the config): new
     * handshakes use the new pair at once, established connections are untouched. A pair that
     * cannot be used is logged and the old one stays.
     *
     * @return whether the new pair is in use
     */
    public boolean reload(TlsConfig config) {
        try {
            ServerKeyManager.Credentials next = read(config);
            X509Certificate before = keys.current().chain()[0];
            keys.install(next);
            if (!before.equals(next.chain()[0])) {
                LOG.log(Level.INFO, "reload: {0} certificate is now {1} (until {2})", name,
                        next.chain()[0].getSubjectX500Principal(), next.chain()[0].getNotAfter().toInstant());
            }
            return true;
        } catch (SrsException e) {
            LOG.log(Level.ERROR, "reload: {0}; keeping the certificate in use", e.getMessage());
            return false;
        }
    }

    public SSLContext context() {
        return context;
    }

    /** The certificate new handshakes present (for tests and logs). */
    public X509Certificate certificate() {
        return keys.current().chain()[0];
    }

    /**
     * Layers server-side TLS over an accepted socket. No IO happens here (the accept loop may
     * call it); the handshake runs on the first read or in {@link TlsHandshake}. Closing the
     * returned socket closes {@code raw}.
     */
    public SSLSocket wrap(Socket raw) throws IOException {
        SSLSocketFactory f = context.getSocketFactory();
        SSLSocket s = (SSLSocket) f.createSocket(raw, null, true);
        s.setUseClientMode(false);
        return s;
    }

    private ServerKeyManager.Credentials read(TlsConfig config) {
        String where = config.where() + ": " + config.block();
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            chain = PemFiles.certificates(Path.of(config.cert()));
        } catch (IOException | GeneralSecurityException e) {
            throw invalid(where + " cert " + config.cert() + ": " + e.getMessage());
        }
        try {
            key = PemFiles.privateKey(Path.of(config.key()));
        } catch (IOException | GeneralSecurityException e) {
            throw invalid(where + " key " + config.key() + ": " + e.getMessage());
        }
        X509Certificate leaf = chain.get(0);
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            throw invalid(where + " cert " + config.cert() + " expired at " + leaf.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw invalid(where + " cert " + config.cert() + " is not valid before " + leaf.getNotBefore().toInstant());
        }
        if (!matches(key, leaf)) {
            throw invalid(where + " key " + config.key() + " does not belong to cert " + config.cert());
        }
        String alias = name + "-" + generation.incrementAndGet();
        return new ServerKeyManager.Credentials(alias, key, chain.toArray(X509Certificate[]::new));
    }

    /** Signs a probe with the key and verifies it with the certificate's public key. */
    static boolean matches(PrivateKey key, X509Certificate cert) {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (alg == null || !key.getAlgorithm().equals(cert.getPublicKey().getAlgorithm())) {
            return false;
        }
        try {
            byte[] probe = "srs tls key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static SrsException invalid(String message) {
        return new SrsException(ErrorCode.SYSTEM_CONFIG_INVALID, message);
    }
}
