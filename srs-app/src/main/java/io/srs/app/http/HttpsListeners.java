package io.srs.app.http;

import io.srs.app.config.ListenAddress;
import io.srs.app.config.SrsConfig;
import io.srs.app.config.TlsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.tls.ServerTls;
import io.srs.core.SrsException;

import java.lang.System.Logger.Level;
import java.util.function.Function;

/**
 * The {@code https {}} blocks of {@code http_server} and {@code http_api}: each serves over
 * TLS, on its own port, everything mounted on its block's plain {@code listen} (files, HLS,
 * players page, API). Every reload re-reads the key and cert files, so replacing them and
 * sending SIGHUP rotates the certificate for new connections; open ones keep theirs. A changed
 * https or listen setting re-binds.
 *
 * <p>Thread-safe: start, reload and close are serialised.
 */
public final class HttpsListeners implements ConfigStore.ReloadListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpsListeners.class.getName());

    /** One https block: what it serves and its listener. */
    private final class Side {
        final Function<SrsConfig, TlsConfig> tlsOf;
        final Function<SrsConfig, ListenAddress> plainOf;
        final Function<SrsConfig, Boolean> plainEnabled;
        TlsConfig tlsConfig;
        ListenAddress plain;
        ServerTls tls;
        AutoCloseable listener;

        Side(Function<SrsConfig, TlsConfig> tlsOf, Function<SrsConfig, ListenAddress> plainOf,
                Function<SrsConfig, Boolean> plainEnabled) {
            this.tlsOf = tlsOf;
            this.plainOf = plainOf;
            this.plainEnabled = plainEnabled;
        }

        void start(SrsConfig c) {
            TlsConfig t = tlsOf.apply(c);
            if (!t.enabled()) {
                return;
            }
            if (!plainEnabled.apply(c)) {
                // As in SRS, the https block serves what its parent serves: nothing when it is off.
                LOG.log(Level.WARNING, "config: {0} is on but its parent block is off; no https listener",
                        t.block());
                return;
            }
            tls = ServerTls.load(t);
            listener = servers.serveOverTls(plainOf.apply(c), t.listen().getFirst(), tls.context());
            tlsConfig = t;
            plain = plainOf.apply(c);
        }

        void reload(SrsConfig next) {
            TlsConfig t = tlsOf.apply(next);
            boolean same = listener != null && t.enabled() && plainEnabled.apply(next)
                    && t.listen().equals(tlsConfig.listen()) && plainOf.apply(next).equals(plain);
            if (same) {
                tls.reload(t);
                tlsConfig = t;
                return;
            }
            stop();
            try {
                start(next);
            } catch (SrsException e) {
                LOG.log(Level.ERROR, "reload: {0}", e.getMessage());
                stop();
            }
        }

        void stop() {
            if (listener != null) {
                try {
                    listener.close();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "https: stop: {0}", e.toString());
                }
            }
            listener = null;
            tls = null;
        }
    }

    private final ConfigStore config;
    private final HttpServers servers;
    private final Side files;
    private final Side api;

    public HttpsListeners(ConfigStore config, HttpServers servers) {
        this.config = config;
        this.servers = servers;
        this.files = new Side(SrsConfig::httpServerHttps, c -> c.httpServer().listen(), c -> c.httpServer().enabled());
        this.api = new Side(SrsConfig::httpApiHttps, c -> c.httpApi().listen(), c -> c.httpApi().enabled());
    }

    /** Binds what is enabled; throws (nothing left bound) on a bad key/cert or a taken port. */
    public synchronized void start() {
        config.subscribe(this);
        try {
            files.start(config.current());
            api.start(config.current());
        } catch (SrsException e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized void onReload(SrsConfig previous, SrsConfig next, io.srs.app.config.ConfigDiff diff) {
        files.reload(next);
        api.reload(next);
    }

    /** The https certificate of http_server (tests), or null when off. */
    public synchronized ServerTls filesTls() {
        return files.tls;
    }

    @Override
    public synchronized void close() {
        files.stop();
        api.stop();
    }
}
