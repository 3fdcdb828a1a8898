package io.srs.app.httpstream;

import io.srs.app.config.HttpRemuxConfig;
import io.srs.app.config.SrsConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.http.StaticFiles;
import io.srs.app.rtmp.WriteWatchdog;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.SourceRegistry;
import io.srs.app.stats.ClientEvents;
import io.srs.core.log.Context;
import io.srs.rtmp.chunk.DirectSlabs;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * {@code vhost.http_remux}: live HTTP-FLV, HTTP-TS, HTTP-AAC and HTTP-MP3 on the http_server
 * port, in front of the files. Port of {@code SrsHttpStreamServer}'s hijack and
 * {@code SrsLiveStream}: a GET whose Host picks a vhost with http_remux on and whose path follows
 * that vhost's mount becomes a viewer of the live stream, waiting for the publisher when there
 * is none yet (as SRS); anything else goes to the files (404 when there is no such file).
 * A GET with {@code Upgrade: websocket} on such a path is the same viewer over a WebSocket
 * (WebSocket-FLV, {@link WebSocketSink}); a handshake Undertow cannot complete answers 400.
 *
 * <p>Undertow's IO threads only match the path: each viewer is dispatched to its own virtual
 * thread, which writes with blocking IO.
 *
 * <p>Thread-safe: the config is read per request, the viewer set is concurrent; one watcher
 * thread checks idle viewers for peers that left, one watchdog drops viewers whose write has
 * been blocked for {@link #WRITE_TIMEOUT_MILLIS} (SRS's 30 s send timeout of RTMP players; SRS
 * has none for HTTP viewers, which then hold their connection for ever).
 */
public final class HttpLiveStreams implements AutoCloseable {
    /** How often idle viewers are checked for a peer that hung up. */
    private static final long WATCH_MILLIS = 1000;
    /** How long one write may wait for a viewer that stopped reading. */
    public static final long WRITE_TIMEOUT_MILLIS = 30_000;
    private static final Executor VIRTUAL = r -> Thread.ofVirtual().name("http-live").start(r);

    private final ConfigStore config;
    private final SourceRegistry sources;
    private final ClientEvents events;
    private final SecureRandom random = new SecureRandom();
    private final Set<HttpViewer> viewers = ConcurrentHashMap.newKeySet();
    private final WriteWatchdog watchdog;
    /** Direct memory for payloads that HTTP viewers are first to send (no RTMP player made a form). */
    private final DirectSlabs payloadMemory = new DirectSlabs();
    private final Object watcherLock = new Object();
    private Thread watcher;
    private boolean closed;

    public HttpLiveStreams(ConfigStore config, SourceRegistry sources, ClientEvents events) {
        this(config, sources, events, WRITE_TIMEOUT_MILLIS);
    }

    /** @param writeTimeoutMillis how long a write may block before the viewer is dropped (tests shorten it) */
    public HttpLiveStreams(ConfigStore config, SourceRegistry sources, ClientEvents events, long writeTimeoutMillis) {
        this.config = config;
        this.sources = sources;
        this.events = events;
        this.watchdog = new WriteWatchdog(writeTimeoutMillis);
    }

    /** The http_server root: live streams first, then {@code files}. */
    public HttpHandler in(HttpHandler files) {
        return exchange -> {
            Optional<Request> r = match(exchange);
            if (r.isEmpty()) {
                files.handleRequest(exchange);
                return;
            }
            if (config.current().httpServer().crossdomain()) {
                StaticFiles.allowCrossDomain(exchange);
            }
            Request req = r.get();
            String contentType = req.match().format().contentType();
            if (exchange.getRequestMethod().equals(Methods.HEAD)) {
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
                exchange.getResponseHeaders().put(Headers.ACCEPT_RANGES, "none");
                exchange.setStatusCode(StatusCodes.OK);
                exchange.endExchange();
                return;
            }
            ViewerSink sink;
            if (WebSocketSink.isUpgrade(exchange)) {
                Optional<WebSocketSink> ws = WebSocketSink.of(exchange);
                if (ws.isEmpty()) {
                    exchange.setStatusCode(StatusCodes.BAD_REQUEST);
                    exchange.endExchange();
                    return;
                }
                sink = ws.get();
            } else {
                sink = new ResponseSink(exchange, contentType, payloadMemory);
            }
            String cid = Context.newId(random);
            exchange.dispatch(VIRTUAL,
                    () -> ScopedValue.where(Context.CID, cid).run(() -> serve(exchange, sink, cid, req)));
        };
    }

    /** What a request asks for: the vhost's config, the stream, the format. */
    record Request(VhostConfig vhost, HttpRemuxConfig remux, MountTemplate.Match match) {
        String streamUrl() {
            return io.srs.rtmp.request.RtmpUrls.streamUrl(vhost.name(), match.app(), match.stream());
        }
    }

    private Optional<Request> match(HttpServerExchange exchange) {
        HttpString method = exchange.getRequestMethod();
        if (!method.equals(Methods.GET) && !method.equals(Methods.HEAD)) {
            return Optional.empty();
        }
        SrsConfig c = config.current();
        VhostConfig vhost = c.vhost(exchange.getHostName());
        if (vhost == null || !vhost.enabled() || !vhost.httpRemux().enabled()) {
            return Optional.empty();
        }
        HttpRemuxConfig remux = vhost.httpRemux();
        return MountTemplate.parse(remux.mount())
                .flatMap(t -> t.match(exchange.getRequestPath()))
                .map(m -> new Request(vhost, remux, m));
    }

    private void serve(HttpServerExchange exchange, ViewerSink sink, String cid, Request req) {
        HttpViewer viewer = new HttpViewer(cid, exchange, sink, req, sources, events, watchdog);
        viewers.add(viewer);
        startWatcher();
        try {
            viewer.run();
        } finally {
            viewers.remove(viewer);
        }
    }

    /** One thread for all viewers notices peers that hung up while no media flowed to them. */
    private void startWatcher() {
        synchronized (watcherLock) {
            if (watcher != null || closed) {
                return;
            }
            watcher = Thread.ofVirtual().name("http-live-watch").start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(WATCH_MILLIS);
                        for (HttpViewer v : viewers) {
                            v.closeIfPeerLeft(WATCH_MILLIS * 1_000_000L);
                        }
                    }
                } catch (InterruptedException e) {
                    // close()
                }
            });
        }
    }

    /** Ends every viewer (server stop). */
    @Override
    public void close() {
        synchronized (watcherLock) {
            closed = true;
            if (watcher != null) {
                watcher.interrupt();
            }
        }
        viewers.forEach(HttpViewer::close);
        watchdog.close();
    }
}
