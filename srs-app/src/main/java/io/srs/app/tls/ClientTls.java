package io.srs.app.tls;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The client side of outbound TLS (hooks and backends over {@code https://}, forwards and edge
 * pulls over {@code rtmps://}): the JDK's system trust store plus the CAs of
 * {@code tls_ca_file}. One {@link SSLContext} for the process's life whose trust decisions go
 * to the current store, so a reload that changes the CA file applies to the next connection
 * even in an HTTP client built once. Host names are verified (HTTPS identification for
 * sockets; the HTTP client does it itself).
 *
 * <p>Thread-safe.
 */
public final class ClientTls {
    private static final System.Logger LOG = System.getLogger(ClientTls.class.getName());

    private final AtomicReference<X509ExtendedTrustManager> trust = new AtomicReference<>();
    private final SSLContext context;

    /** Trusts the system store plus {@code caFile} ("" for none); a bad file is logged, not fatal. */
    public ClientTls(String caFile) {
        trust.set(systemOnly());
        reload(caFile);
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Delegate()}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        }
    }

    /** Re-reads {@code caFile}; when it cannot be read, one log line and the trust in use stays. */
    public void reload(String caFile) {
        try {
            trust.set(build(caFile));
        } catch (IOException | GeneralSecurityException e) {
            LOG.log(Level.ERROR, "tls_ca_file {0}: {1}; keeping the trusted CAs in use", caFile, e.getMessage());
        }
    }

    public SSLContext context() {
        return context;
    }

    /**
     * TLS over a connected socket, handshaken with the read timeout already set on it;
     * {@code host} is checked against the certificate.
     */
    public SSLSocket connect(Socket raw, String host, int port) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, true);
        javax.net.ssl.SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    private static X509ExtendedTrustManager systemOnly() {
        try {
            return build("");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("no system trust store", e);
        }
    }

    private static X509ExtendedTrustManager build(String caFile) throws IOException, GeneralSecurityException {
        TrustManagerFactory sys = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        sys.init((KeyStore) null);
        if (caFile == null || caFile.isEmpty()) {
            return first(sys);
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (X509TrustManager tm : List.of(first(sys))) {
            for (X509Certificate c : tm.getAcceptedIssuers()) {
                ks.setCertificateEntry("system-" + i++, c);
            }
        }
        for (X509Certificate c : PemFiles.certificates(Path.of(caFile))) {
            ks.setCertificateEntry("extra-" + i++, c);
        }
        TrustManagerFactory all = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        all.init(ks);
        return first(all);
    }

    private static X509ExtendedTrustManager first(TrustManagerFactory f) {
        List<X509ExtendedTrustManager> out = new ArrayList<>();
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                out.add(x);
            }
        }
        return out.getFirst();
    }

    /** Sends every decision to the current trust manager. */
    private final class Delegate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            trust.get().checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            trust.get().checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            trust.get().checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            trust.get().checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trust.get().checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trust.get().checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return trust.get().getAcceptedIssuers();
        }
    }
}
