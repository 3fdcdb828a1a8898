package io.srs.app.http;

import io.srs.app.config.ListenAddress;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.app.config.HttpLimitsConfig;
import io.srs.core.log.RepeatedEvents;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.util.StatusCodes;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;
import org.xnio.ssl.SslConnection;

import java.lang.System.Logger.Level;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

/**
 * The embedded HTTP servers by listen address. Components mount handlers under a path prefix;
 * mounts on the same address share one Undertow server (SRS lets {@code http_api} and
 * {@code http_server} use the same port), which is bound on the first mount and stopped with
 * the last unmount. A request goes to the mount with the longest matching prefix; with none, 404.
 * Every listener enforces {@code http_limits}: connection slots in total and per address, taken
 * before Undertow reads a byte, and Undertow's head, body, count and time limits.
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

    /** One bound address: its I/O worker, listening channel and mounts, longest prefix first. */
    private static final class Bound {
        XnioWorker worker;
        AcceptingChannel<? extends StreamConnection> channel;
        final List<Mount> mounts = new CopyOnWriteArrayList<>();

        void stop() {
            IoUtils.safeClose(channel);
            if (worker != null) {
                worker.shutdownNow();
            }
        }
    }

    private final Map<ListenAddress, Bound> servers = new LinkedHashMap<>();
    private final Supplier<HttpLimitsConfig> limits;
    private final ConnectionSlots slots;
    private final RepeatedEvents handshakeTimeouts = new RepeatedEvents(LOG, Level.WARNING);

    /** With the default {@code http_limits} (tests, embedding). */
    public HttpServers() {
        this(() -> HttpLimitsConfig.DEFAULTS);
    }

    /**
     * @param limits the live {@code http_limits}: connection caps apply to each new connection,
     *               the request limits to each listener bound from then on
     */
    public HttpServers(Supplier<HttpLimitsConfig> limits) {
        this.limits = limits;
        this.slots = new ConnectionSlots(limits);
    }

    /**
     * Serves whatever is mounted on {@code plain} (now or later) also over HTTPS on {@code tls},
     * so files, HLS, the players page, the API and later mounts get HTTPS without knowing it.
     * {@link AutoCloseable#close()} stops the HTTPS listener.
     *
     * @throws SrsException {@link ErrorCode#SOCKET_BIND} when the port is taken
     */
    public AutoCloseable serveOverTls(ListenAddress plain, ListenAddress tls, SSLContext context) {
        Bound b = new Bound();
        HttpLimitsConfig l = limits.get();
        // A peer that opens the TLS port and never finishes its handshake is closed at the
        // http_limits head deadline: a handshake is part of getting a request in.
        long handshakeMs = Math.max(1, l.headerTimeout().toMillis());
        try {
            b.worker = newWorker();
            HttpOpenListener http = new HttpOpenListener(new DefaultByteBufferPool(true, 17 * 1024, -1, 4),
                    requestLimits(l));
            http.setRootHandler(exchange -> {
                Bound target;
                synchronized (this) {
                    target = servers.get(plain);
                }
                if (target == null) {
                    exchange.setStatusCode(StatusCodes.NOT_FOUND);
                    exchange.endExchange();
                    return;
                }
                route(target, exchange);
            });
            UndertowXnioSsl ssl = new UndertowXnioSsl(b.worker.getXnio(), OptionMap.EMPTY, context);
            ChannelListener<SslConnection> open = connection -> {
                AtomicBoolean shaken = new AtomicBoolean();
                connection.getHandshakeSetter().set(c -> shaken.set(true));
                connection.getIoThread().executeAfter(() -> {
                    if (!shaken.get() && connection.isOpen()) {
                        handshakeTimeouts.event("https: closed connections whose TLS handshake took over "
                                + handshakeMs + " ms", () -> "latest from " + connection.getPeerAddress());
                        IoUtils.safeClose(connection);
                    }
                }, handshakeMs, TimeUnit.MILLISECONDS);
                accept(connection, http);
            };
            b.channel = ssl.createSslConnectionServer(b.worker,
                    new InetSocketAddress(InetAddress.getByName(tls.host()), tls.port()),
                    ChannelListeners.openListenerAdapter(open),
                    OptionMap.builder().set(Options.TCP_NODELAY, true).set(Options.REUSE_ADDRESSES, true)
                            .set(Options.BACKLOG, 1000).set(Options.SSL_STARTTLS, false).getMap());
            b.channel.resumeAccepts();
        } catch (IOException | RuntimeException e) {
            b.stop();
            throw new SrsException(hasCause(e, BindException.class) ? ErrorCode.SOCKET_BIND : ErrorCode.SOCKET_LISTEN,
                    "https listen " + tls + ": " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "https: listen at {0} for {1}", tls, plain);
        return () -> {
            b.stop();
            LOG.log(Level.INFO, "https: stop listening at {0}", tls);
        };
    }

    /** Undertow.builder()'s worker, built by hand (see {@link #bind}). */
    private static XnioWorker newWorker() throws IOException {
        int io = Math.max(Runtime.getRuntime().availableProcessors(), 2);
        return Xnio.getInstance(HttpServers.class.getClassLoader()).createWorker(OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, io)
                .set(Options.WORKER_TASK_CORE_THREADS, io * 8)
                .set(Options.WORKER_TASK_MAX_THREADS, io * 8)
                .set(Options.TCP_NODELAY, true)
                .set(Options.CORK, true)
                .getMap());
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
        Bound b = new Bound();
        HttpLimitsConfig l = limits.get();
        try {
            // Undertow.builder()'s worker and pool, built by hand so that each accepted
            // connection passes the slot check before Undertow allocates anything for it.
            b.worker = newWorker();
            HttpOpenListener http = new HttpOpenListener(new DefaultByteBufferPool(true, 16 * 1024, -1, 4),
                    requestLimits(l));
            http.setRootHandler(exchange -> route(b, exchange));
            ChannelListener<StreamConnection> open = connection -> accept(connection, http);
            b.channel = b.worker.createStreamConnectionServer(
                    new InetSocketAddress(InetAddress.getByName(address.host()), address.port()),
                    ChannelListeners.openListenerAdapter(open),
                    OptionMap.builder().set(Options.TCP_NODELAY, true).set(Options.REUSE_ADDRESSES, true)
                            .set(Options.BACKLOG, 1000).getMap());
            b.channel.resumeAccepts();
        } catch (IOException | RuntimeException e) {
            b.stop();
            boolean inUse = hasCause(e, BindException.class);
            throw new SrsException(inUse ? ErrorCode.SOCKET_BIND : ErrorCode.SOCKET_LISTEN,
                    "http listen " + address + ": " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "http: listen at {0}", address);
        return b;
    }

    /** Undertow's request limits from {@code http_limits} (its own defaults allow 1 MB heads). */
    static OptionMap requestLimits(HttpLimitsConfig l) {
        return OptionMap.builder()
                .set(UndertowOptions.MAX_HEADER_SIZE, l.maxHeaderSize())
                .set(UndertowOptions.MAX_ENTITY_SIZE, l.maxBodySize())
                .set(UndertowOptions.MAX_HEADERS, l.maxHeaders())
                .set(UndertowOptions.MAX_PARAMETERS, l.maxParameters())
                .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) Math.min(Integer.MAX_VALUE, l.headerTimeout().toMillis()))
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, (int) Math.min(Integer.MAX_VALUE, l.idleTimeout().toMillis()))
                .set(UndertowOptions.IDLE_TIMEOUT, (int) Math.min(Integer.MAX_VALUE, l.idleTimeout().toMillis()))
                .set(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
                .getMap();
    }

    /** Runs on the listener's I/O thread for each new connection. */
    private void accept(StreamConnection connection, HttpOpenListener http) {
        InetAddress peer = connection.getPeerAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        if (peer == null || slots.acquire(peer) != null) {
            // Refused before reading a byte: no buffer, no parser, only the (summarised) log line.
            IoUtils.safeClose(connection);
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                slots.release(peer);
            }
        };
        try {
            http.handleEvent(connection);
        } finally {
            // Undertow installs its own close listener; chain ours after it. A connection that
            // closed before this line never calls ours, hence the isOpen check.
            ChannelListener<? super StreamConnection> undertows = connection.getCloseListener();
            connection.setCloseListener(c -> {
                release.run();
                if (undertows != null) {
                    ChannelListeners.invokeChannelListener(c, undertows);
                }
            });
            if (!connection.isOpen()) {
                release.run();
            }
        }
    }

    /** HTTP connections open now across every listener (for tests and research probes). */
    public int openConnections() {
        return slots.open();
    }

    /** HTTP connections refused at a connection cap since start. */
    public long refusedConnections() {
        return slots.refused();
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
            b.stop();
            LOG.log(Level.INFO, "http: stop listening at {0}", m.address);
        }
    }

    private synchronized int boundPort(ListenAddress address) {
        Bound b = servers.get(address);
        if (b == null) {
            return -1;
        }
        return b.channel.getLocalAddress() instanceof InetSocketAddress a ? a.getPort() : -1;
    }

    /** Stops every server. */
    @Override
    public synchronized void close() {
        for (Map.Entry<ListenAddress, Bound> e : servers.entrySet()) {
            e.getValue().mounts.forEach(m -> m.closed = true);
            e.getValue().stop();
        }
        servers.clear();
    }
}
