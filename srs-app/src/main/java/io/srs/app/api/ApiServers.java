package io.srs.app.api;

import io.srs.app.config.ConfigDiff;
import io.srs.app.config.ListenAddress;
import io.srs.app.config.SrsConfig;
import io.srs.app.http.ConsoleFiles;
import io.srs.app.http.HttpServers;
import io.srs.app.server.ConfigStore;
import io.srs.core.SrsException;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;

import java.lang.System.Logger.Level;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Binds the HTTP API on {@code http_api.listen} (when enabled) and the Prometheus exporter on
 * {@code exporter.listen} (when enabled; only {@code /metrics} is served there), and re-binds
 * them when a reload changes either block. A bind failure at start is fatal; at reload it is
 * logged and the listener stays down until the next reload fixes it.
 *
 * <p>Both mount on the shared {@link HttpServers}: when {@code http_api} and {@code http_server}
 * listen on the same address (SRS allows it), the API takes {@code /api/} and the file server
 * keeps {@code /}; on its own port the API answers every path but {@code /console/}, which
 * serves {@code <http_server dir>/console} as SRS does ({@link ConsoleFiles}).
 *
 * <p>Thread-safe.
 */
public final class ApiServers implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ApiServers.class.getName());

    private final ConfigStore config;
    private final HttpServers servers;
    private final HttpHandler api;
    private final HttpHandler metricsOnly;
    private final ReentrantLock lock = new ReentrantLock();
    private final HttpHandler console;
    private HttpServers.Mount apiListener;
    /** {@code /console/} beside the API on its own port; null when the API shares http_server's. */
    private HttpServers.Mount consoleMount;
    private HttpServers.Mount exporterListener;
    private boolean started;

    public ApiServers(ConfigStore config, HttpServers servers, HttpApi api) {
        this.config = config;
        this.servers = servers;
        this.api = api;
        this.console = new ConsoleFiles(config);
        this.metricsOnly = ex -> {
            if (ex.getRequestPath().equals("/metrics")) {
                api.handleRequest(ex);
                return;
            }
            ex.setStatusCode(404);
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
            ex.getResponseSender().send("only /metrics is served here");
        };
        config.subscribe(this::onReload);
    }

    /** Binds what the configuration enables; throws (with nothing left bound) when a port is taken. */
    public void start() {
        lock.lock();
        try {
            SrsConfig c = config.current();
            try {
                apiListener = c.httpApi().enabled() ? bind("http_api", c.httpApi().listen(), apiPrefix(c), api) : null;
                consoleMount = mountConsole(apiListener);
                exporterListener = c.exporter().enabled()
                        ? bind("exporter", c.exporter().listen(), "/", metricsOnly) : null;
            } catch (SrsException e) {
                closeAll();
                throw e;
            }
            started = true;
        } finally {
            lock.unlock();
        }
    }

    /** {@code /api/} when the file server shares the address, else every path. */
    static String apiPrefix(SrsConfig c) {
        boolean shared = c.httpServer().enabled() && c.httpServer().listen().equals(c.httpApi().listen());
        return shared ? "/api/" : "/";
    }

    private HttpServers.Mount bind(String kind, ListenAddress a, String prefix, HttpHandler h) {
        try {
            HttpServers.Mount m = servers.mount(a, prefix, h);
            LOG.log(Level.INFO, "{0} listening on {1}", kind, a);
            return m;
        } catch (SrsException e) {
            throw SrsException.wrap(e, kind + " listen " + a);
        }
    }

    private void onReload(SrsConfig previous, SrsConfig next, ConfigDiff diff) {
        lock.lock();
        try {
            if (!started) {
                return;
            }
            if (diff.global().contains(ConfigDiff.Global.HTTP_API)
                    && (previous.httpApi().enabled() != next.httpApi().enabled()
                    || !previous.httpApi().listen().equals(next.httpApi().listen()) || apiListener == null)) {
                closeConsole();
                apiListener = rebind("http_api", apiListener, next.httpApi().enabled(), next.httpApi().listen(),
                        apiPrefix(next), api);
                try {
                    consoleMount = mountConsole(apiListener);
                } catch (SrsException e) {
                    LOG.log(Level.ERROR, "reload: {0}", e.describe());
                }
            }
            if (diff.global().contains(ConfigDiff.Global.EXPORTER)
                    && (previous.exporter().enabled() != next.exporter().enabled()
                    || !previous.exporter().listen().equals(next.exporter().listen()) || exporterListener == null)) {
                exporterListener = rebind("exporter", exporterListener, next.exporter().enabled(),
                        next.exporter().listen(), "/", metricsOnly);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Mounts {@code /console/} when the API has a port of its own (else http_server's files serve it). */
    private HttpServers.Mount mountConsole(HttpServers.Mount api) {
        if (api == null || !api.prefix().equals("/")) {
            return null;
        }
        return servers.mount(api.address(), "/console/", console);
    }

    private void closeConsole() {
        if (consoleMount != null) {
            consoleMount.close();
            consoleMount = null;
        }
    }

    private HttpServers.Mount rebind(String kind, HttpServers.Mount old, boolean enabled, ListenAddress a,
            String prefix, HttpHandler h) {
        if (old != null) {
            old.close();
            LOG.log(Level.INFO, "reload: {0} stopped listening on {1}", kind, old.address());
        }
        if (!enabled) {
            return null;
        }
        try {
            return bind(kind, a, prefix, h);
        } catch (SrsException e) {
            LOG.log(Level.ERROR, "reload: {0}", e.describe());
            return null;
        }
    }

    /** The bound API port, or -1 when the API is not listening. */
    public int apiPort() {
        lock.lock();
        try {
            return apiListener == null ? -1 : apiListener.port();
        } finally {
            lock.unlock();
        }
    }

    /** The bound exporter port, or -1. */
    public int exporterPort() {
        lock.lock();
        try {
            return exporterListener == null ? -1 : exporterListener.port();
        } finally {
            lock.unlock();
        }
    }

    private void closeAll() {
        closeConsole();
        if (apiListener != null) {
            apiListener.close();
            apiListener = null;
        }
        if (exporterListener != null) {
            exporterListener.close();
            exporterListener = null;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            started = false;
            closeAll();
        } finally {
            lock.unlock();
        }
    }
}
