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

    /** Null until the first TLS connection or a configured CA file: see {@link #current()}. */
    private final AtomicReference<X509ExtendedTrustManager> trust = new AtomicReference<>();
    private volatile String caFile;
    private SSLContext context;

    /**
     * Trusts the system store plus {@code caFile} ("" for none); a bad file is logged, not
     * fatal. Without a CA file nothing is loaded until the first TLS connection: parsing the
     * system store and starting the JDK's TLS stack cost an idle server some megabytes of
     * heap and class metadata, for a feature most servers never use.
     */
    public ClientTls(String caFile) {
        reload(caFile);
    }

    /** Re-reads {@code caFile}; when it cannot be read, one log line and the trust in use stays. */
    public void reload(String caFile) {
        this.caFile = caFile;
        if ((caFile == null || caFile.isEmpty()) && trust.get() == null) {
            return; // still lazy: the first use builds the system-only trust
        }
        try {
            trust.set(build(caFile));
        } catch (IOException | GeneralSecurityException e) {
            LOG.log(Level.ERROR, "tls_ca_file {0}: {1}; keeping the trusted CAs in use", caFile, e.getMessage());
            trust.compareAndSet(null, systemOnly());
        }
    }

    public synchronized SSLContext context() {
        if (context == null) {
            try {
                SSLContext c = SSLContext.getInstance("TLS");
                c.init(null, new TrustManager[] {new Delegate()}, null);
                context = c;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no TLS", e);
            }
        }
        return context;
    }

    private X509ExtendedTrustManager current() {
        X509ExtendedTrustManager t = trust.get();
        if (t == null) {
            synchronized (this) {
                t = trust.get();
                if (t == null) {
                    reloadNow();
                    t = trust.get();
                }
            }
        }
        return t;
    }

    private void reloadNow() {
        String f = caFile;
        if (f == null || f.isEmpty()) {
            trust.compareAndSet(null, systemOnly());
        } else {
            reload(f);
        }
    }

    /**
     * TLS over a connected socket, handshaken with the read timeout already set on it;
     * {@code host} is checked against the certificate.
     */
    public SSLSocket connect(Socket raw, String host, int port) throws IOException {
        SSLSocket s = (SSLSocket) context().getSocketFactory().createSocket(raw, host, port, true);
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
            current().checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            current().checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            current().checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            current().checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            current().checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            current().checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return current().getAcceptedIssuers();
        }
    }
}
