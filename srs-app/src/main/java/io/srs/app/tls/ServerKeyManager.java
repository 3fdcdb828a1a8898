package io.srs.app.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's key and certificate chain, replaceable while running: one {@code SSLContext}
 * built over this manager serves raw sockets and Undertow alike, and every handshake after
 * {@link #install} presents the new certificate while established sessions keep theirs.
 *
 * <p>Each installed pair gets its own alias, and the previous pair stays answerable, so a
 * handshake that chose its alias just before a swap still gets a key and chain that belong
 * together. Thread-safe.
 */
final class ServerKeyManager extends X509ExtendedKeyManager {
    /** A key, its chain, and the alias naming this generation. Immutable. */
    record Credentials(String alias, PrivateKey key, X509Certificate[] chain) {
    }

    private final AtomicReference<Credentials> current = new AtomicReference<>();
    private final AtomicReference<Credentials> previous = new AtomicReference<>();

    void install(Credentials next) {
        previous.set(current.getAndSet(next));
    }

    Credentials current() {
        return current.get();
    }

    private Credentials find(String alias) {
        for (Credentials c : List.of(current, previous).stream().map(AtomicReference::get).toList()) {
            if (c != null && c.alias().equals(alias)) {
                return c;
            }
        }
        return null;
    }

    private String choose(String keyType) {
        Credentials c = current.get();
        return c != null && c.key().getAlgorithm().equals(keyType) ? c.alias() : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String a = choose(keyType);
        return a == null ? null : new String[] {a};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Credentials c = find(alias);
        return c == null ? null : c.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Credentials c = find(alias);
        return c == null ? null : c.key();
    }

    // This server presents no client certificates.
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
