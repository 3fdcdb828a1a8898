package io.srs.app.http;

import io.srs.app.config.ListenAddress;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

/**
 * The embedded HTTP servers by listen address. Components mount handlers under a path prefix;
 * mounts on the same address share one Undertow server (SRS lets {@code http_api} and
 * {@code http_server} use the same port), which is bound on the first mount and stopped with
 * the last unmount. A request goes to the mount with the longest matching prefix; with none, 404.
 *
 * <p>Thread-safe: mount and unmount are serialised; request routing reads a copy-on-write list.
 */
public final class HttpServers implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpServers.class.getName());

    /** A mounted handler; {@link #close()} unmounts it. */
    public final class Mount implements AutoCloseable {
        private final ListenAddress address;
        private final String prefix;
        private final HttpHandler handler;
        private boolean closed;

        private Mount(ListenAddress address, String prefix, HttpHandler handler) {
            this.address = address;
            this.prefix = prefix;
            this.handler = handler;
        }

        public ListenAddress address() {
            return address;
        }

        public String prefix() {
            return prefix;
        }

        /** The port the server listens on (differs from the configured one only for port 0). */
        public int port() {
            return boundPort(address);
        }

        @Override
        public void close() {
            unmount(this);
        }
    }

    /** One bound address: its server and its mounts, longest prefix first. */
    private static final class Bound {
        final Undertow server;
        final List<Mount> mounts = new CopyOnWriteArrayList<>();

        Bound(Undertow server) {
            this.server = server;
        }
    }

    private final Map<ListenAddress, Bound> servers = new LinkedHashMap<>();

    /**
     * Serves whatever is mounted on {@code plain} (now or later) also over HTTPS on {@code tls},
     * so files, HLS, the players page, the API and later mounts get HTTPS without knowing it.
     * {@link AutoCloseable#close()} stops the HTTPS listener.
     *
     * @throws SrsException {@link ErrorCode#SOCKET_BIND} when the port is taken
     */
    public AutoCloseable serveOverTls(ListenAddress plain, ListenAddress tls, SSLContext context) {
        Undertow server = Undertow.builder()
                .addHttpsListener(tls.port(), tls.host(), context)
                .setHandler(exchange -> {
                    Bound b;
                    synchronized (this) {
                        b = servers.get(plain);
                    }
                    if (b == null) {
                        exchange.setStatusCode(StatusCodes.NOT_FOUND);
                        exchange.endExchange();
                        return;
                    }
                    route(b, exchange);
                })
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            try {
                server.stop();
            } catch (RuntimeException ignored) {
                // Nothing was started.
            }
            throw new SrsException(hasCause(e, BindException.class) ? ErrorCode.SOCKET_BIND : ErrorCode.SOCKET_LISTEN,
                    "https listen " + tls + ": " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "https: listen at {0} for {1}", tls, plain);
        return () -> {
            server.stop();
            LOG.log(Level.INFO, "https: stop listening at {0}", tls);
        };
    }

    /**
     * Mounts {@code handler} for request paths starting with {@code prefix} (which starts and
     * ends with {@code /}), binding {@code address} if no mount uses it yet.
     *
     * @throws SrsException {@link ErrorCode#SOCKET_BIND} when the port is in use (nothing is
     *                      mounted then), {@link ErrorCode#HTTP_HANDLER_MATCH_URL} when the
     *                      prefix is already mounted on that address
     */
    public synchronized Mount mount(ListenAddress address, String prefix, HttpHandler handler) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("prefix must start and end with '/': " + prefix);
        }
        Bound b = servers.get(address);
        if (b != null && b.mounts.stream().anyMatch(m -> m.prefix.equals(prefix))) {
            throw new SrsException(ErrorCode.HTTP_HANDLER_MATCH_URL, "http " + address + ": " + prefix
                    + " is already mounted");
        }
        if (b == null) {
            b = bind(address);
            servers.put(address, b);
        }
        Mount m = new Mount(address, prefix, handler);
        List<Mount> sorted = new ArrayList<>(b.mounts);
        sorted.add(m);
        sorted.sort(Comparator.comparingInt((Mount x) -> x.prefix.length()).reversed());
        b.mounts.clear();
        b.mounts.addAll(sorted);
        return m;
    }

    private Bound bind(ListenAddress address) {
        Bound[] holder = new Bound[1];
        Undertow server = Undertow.builder()
                .addHttpListener(address.port(), address.host())
                .setHandler(exchange -> route(holder[0], exchange))
                .build();
        holder[0] = new Bound(server);
        try {
            server.start();
        } catch (RuntimeException e) {
            try {
                server.stop();
            } catch (RuntimeException ignored) {
                // Nothing was started.
            }
            boolean inUse = hasCause(e, BindException.class);
            throw new SrsException(inUse ? ErrorCode.SOCKET_BIND : ErrorCode.SOCKET_LISTEN,
                    "http listen " + address + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
                    e);
        }
        LOG.log(Level.INFO, "http: listen at {0}", address);
        return holder[0];
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static void route(Bound b, HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        for (Mount m : b.mounts) {
            if (path.startsWith(m.prefix)) {
                // Handlers see the path below their prefix, starting with '/'.
                exchange.setRelativePath(path.substring(m.prefix.length() - 1));
                exchange.setResolvedPath(m.prefix.substring(0, m.prefix.length() - 1));
                m.handler.handleRequest(exchange);
                return;
            }
            if ((path + "/").equals(m.prefix)) {
                String query = exchange.getQueryString();
                exchange.setStatusCode(StatusCodes.FOUND);
                exchange.getResponseHeaders().put(io.undertow.util.Headers.LOCATION,
                        m.prefix + (query == null || query.isEmpty() ? "" : "?" + query));
                exchange.endExchange();
                return;
            }
        }
        exchange.setStatusCode(StatusCodes.NOT_FOUND);
        exchange.endExchange();
    }

    private synchronized void unmount(Mount m) {
        if (m.closed) {
            return;
        }
        m.closed = true;
        Bound b = servers.get(m.address);
        if (b == null) {
            return;
        }
        b.mounts.remove(m);
        if (b.mounts.isEmpty()) {
            servers.remove(m.address);
            b.server.stop();
            LOG.log(Level.INFO, "http: stop listening at {0}", m.address);
        }
    }

    private synchronized int boundPort(ListenAddress address) {
        Bound b = servers.get(address);
        if (b == null) {
            return -1;
        }
        for (Undertow.ListenerInfo li : b.server.getListenerInfo()) {
            if (li.getAddress() instanceof InetSocketAddress a) {
                return a.getPort();
            }
        }
        return -1;
    }

    /** Stops every server. */
    @Override
    public synchronized void close() {
        for (Map.Entry<ListenAddress, Bound> e : servers.entrySet()) {
            e.getValue().mounts.forEach(m -> m.closed = true);
            e.getValue().server.stop();
        }
        servers.clear();
    }
}
