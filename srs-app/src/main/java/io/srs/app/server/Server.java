package io.srs.app.server;

import io.srs.app.config.ConfigDiff;
import io.srs.app.config.ListenAddress;
import io.srs.app.config.SrsConfig;
import io.srs.app.tls.ServerTls;
import io.srs.app.tls.TlsHandshake;
import io.srs.core.SrsException;
import io.srs.core.log.Context;
import io.srs.core.log.RepeatedEvents;

import java.lang.System.Logger.Level;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocket;

/**
 * The RTMP side of the process: one {@link TcpListener} per {@code listen} entry, one virtual
 * thread per accepted connection, the connection registry and {@code max_connections}.
 * Port of the listener part of {@code SrsServer}.
 *
 * <p>Thread-safe. Start and stop from the main thread; reload from the signal thread.
 */
public final class Server implements ConfigStore.ReloadListener {
    private static final System.Logger LOG = System.getLogger(Server.class.getName());
    /** A TLS handshake is a few round trips; a client slower than this is stalled or hostile. */
    static final Duration TLS_HANDSHAKE_DEADLINE = Duration.ofSeconds(5);

    private final ConfigStore config;
    private final SocketHandler rtmpHandler;
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final SecureRandom random = new SecureRandom();
    private final Map<ListenAddress, TcpListener> listeners = new LinkedHashMap<>();
    private final RtmpsListeners rtmps = new RtmpsListeners(this::accept);
    private final TlsHandshake tlsHandshake = new TlsHandshake(TLS_HANDSHAKE_DEADLINE);
    private final PreAuthMemory preAuthMemory;
    private final ConnectDeadlines deadlines = new ConnectDeadlines();
    private final RepeatedEvents refusals = new RepeatedEvents(LOG, Level.WARNING);

    public Server(ConfigStore config, SocketHandler rtmpHandler) {
        this.config = config;
        this.rtmpHandler = rtmpHandler;
        this.preAuthMemory = new PreAuthMemory(() -> config.current().rtmpLimits().preauthBytes());
        config.subscribe(this);
    }

    public ConnectionRegistry registry() {
        return registry;
    }

    /** Binds every listen address; on any failure the ones already bound are closed again. */
    public synchronized void start() {
        List<ListenAddress> addresses = config.current().listen();
        try {
            for (ListenAddress a : addresses) {
                listeners.put(a, TcpListener.bind("rtmp", a, this::accept));
            }
            rtmps.start(config.current());
        } catch (SrsException e) {
            closeListeners();
            throw e;
        }
    }

    /** The bound rtmps ports in configuration order; empty when rtmps is off. */
    public List<Integer> rtmpsPorts() {
        return rtmps.ports();
    }

    /** The rtmps server side in use (its current certificate), or null when rtmps is off. */
    public ServerTls rtmpsTls() {
        return rtmps.tls();
    }

    /** The bound ports in configuration order (tests bind port 0 and ask). */
    public synchronized List<Integer> boundPorts() {
        List<Integer> ports = new ArrayList<>();
        listeners.values().forEach(l -> ports.add(l.localPort()));
        return ports;
    }

    /** Bytes held in unfinished messages by connections that have not published or played. */
    public PreAuthMemory preAuthMemory() {
        return preAuthMemory;
    }

    private void accept(Socket socket) {
        accept(socket, null);
    }

    /** {@code tls} is the TLS layer over {@code socket} for rtmps, else null. */
    private void accept(Socket socket, SSLSocket tls) {
        String cid = Context.newId(random);
        SrsConfig cfg = config.current();
        int max = cfg.maxConnections();
        if (registry.size() >= max) {
            refusals.event("rtmp: refused connections over max_connections " + max,
                    () -> "latest from " + socket.getRemoteSocketAddress());
            TcpListener.closeQuietly(socket);
            return;
        }
        SocketConnection conn = new SocketConnection(cid, tls != null ? tls : socket);
        int perIp = cfg.rtmpLimits().maxConnectionsPerIp(max);
        if (!registry.addIfUnder(conn, perIp)) {
            refusals.event("rtmp: refused connections over rtmp_limits.max_connections_per_ip " + perIp,
                    () -> "latest from " + conn.ip());
            TcpListener.closeQuietly(socket);
            return;
        }
        deadlines.watch(conn, cfg.rtmpLimits().connectTimeout().toMillis());
        Thread.ofVirtual().name("conn-" + cid).start(() -> ScopedValue.where(Context.CID, cid)
                .run(() -> serve(conn, tls, socket)));
    }

    private void serve(SocketConnection conn, SSLSocket tls, Socket raw) {
        PreAuthMemory.Account memory = preAuthMemory.open(conn);
        conn.useMemory(memory);
        try {
            if (tls != null) {
                tlsHandshake.run(tls, raw);
            }
            rtmpHandler.serve(conn);
        } catch (SrsException e) {
            if (e.code().isGracefulClose()) {
                LOG.log(Level.INFO, "client {0} closed: {1}", conn.ip(), e.describe());
            } else {
                LOG.log(Level.WARNING, "client {0} error: {1}", conn.ip(), e.describe());
            }
        } catch (Exception | Error e) {
            LOG.log(Level.ERROR, "client " + conn.ip() + " failed", e);
        } finally {
            conn.close();
            memory.close();
            registry.remove(conn);
        }
    }

    /** Stops accepting; live connections go on (graceful quit waits for them). */
    public synchronized void closeListeners() {
        listeners.values().forEach(TcpListener::close);
        listeners.clear();
        rtmps.closeListeners();
    }

    /** Stops accepting and ends every connection. */
    public void stop() {
        closeListeners();
        deadlines.close();
        registry.closeAll();
        tlsHandshake.close();
    }

    @Override
    public synchronized void onReload(SrsConfig previous, SrsConfig next, ConfigDiff diff) {
        // Every reload: the key and cert files may have been replaced under the same names.
        rtmps.onReload(next);
        if (previous.listen().equals(next.listen())) {
            return;
        }
        // Like SrsServer::listen on reload: close what is gone, bind what is new, keep the rest
        // (so connections on unchanged ports are never disturbed).
        List<ListenAddress> wanted = next.listen();
        listeners.entrySet().removeIf(e -> {
            if (!wanted.contains(e.getKey())) {
                e.getValue().close();
                LOG.log(Level.INFO, "reload: stop listening on {0}", e.getKey());
                return true;
            }
            return false;
        });
        for (ListenAddress a : wanted) {
            if (!listeners.containsKey(a)) {
                try {
                    listeners.put(a, TcpListener.bind("rtmp", a, this::accept));
                    LOG.log(Level.INFO, "reload: listening on {0}", a);
                } catch (SrsException e) {
                    LOG.log(Level.ERROR, "reload: {0}", e.describe());
                }
            }
        }
    }
}
