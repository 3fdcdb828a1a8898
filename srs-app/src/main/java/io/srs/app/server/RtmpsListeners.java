package io.srs.app.server;

import io.srs.app.config.ListenAddress;
import io.srs.app.config.SrsConfig;
import io.srs.app.config.TlsConfig;
import io.srs.app.tls.ServerTls;
import io.srs.core.SrsException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocket;

/**
 * SRS 7's {@code rtmps {}}: RTMP over TLS on its own ports. Accepted sockets get a TLS layer
 * here (no IO: the handshake runs later on the connection's thread) and then take the same
 * path as plain RTMP. The key and certificate are re-read on every reload, so replacing the
 * files and sending SIGHUP rotates them without dropping anyone.
 *
 * <p>Thread-safe: start, reload and close are serialised.
 */
final class RtmpsListeners {
    private static final System.Logger LOG = System.getLogger(RtmpsListeners.class.getName());

    /** Where a wrapped socket goes: the raw TCP socket and the TLS socket over it. */
    interface Acceptor {
        void accept(Socket raw, SSLSocket tls);
    }

    private final Acceptor acceptor;
    private final Map<ListenAddress, TcpListener> listeners = new LinkedHashMap<>();
    private ServerTls tls;

    RtmpsListeners(Acceptor acceptor) {
        this.acceptor = acceptor;
    }

    /** Loads the pair and binds; throws (nothing bound) on a bad pair or a taken port. */
    synchronized void start(SrsConfig c) {
        TlsConfig r = c.rtmps();
        if (!r.enabled()) {
            return;
        }
        tls = ServerTls.load(r);
        for (ListenAddress a : r.listen()) {
            listeners.put(a, TcpListener.bind("rtmps", a, this::wrap));
        }
        LOG.log(Level.INFO, "rtmps: listen at {0}, cert {1}", r.listen(), tls.certificate().getSubjectX500Principal());
    }

    private void wrap(Socket raw) {
        ServerTls t;
        synchronized (this) {
            t = tls;
        }
        try {
            acceptor.accept(raw, t.wrap(raw));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "rtmps: {0}", e.getMessage());
            TcpListener.closeQuietly(raw);
        }
    }

    synchronized void onReload(SrsConfig next) {
        TlsConfig r = next.rtmps();
        if (!r.enabled()) {
            closeListeners();
            tls = null;
            return;
        }
        if (tls == null) {
            try {
                tls = ServerTls.load(r);
            } catch (SrsException e) {
                LOG.log(Level.ERROR, "reload: {0}", e.getMessage());
                return;
            }
        } else {
            tls.reload(r);
        }
        listeners.entrySet().removeIf(e -> {
            if (!r.listen().contains(e.getKey())) {
                e.getValue().close();
                LOG.log(Level.INFO, "reload: stop rtmps on {0}", e.getKey());
                return true;
            }
            return false;
        });
        for (ListenAddress a : r.listen()) {
            if (!listeners.containsKey(a)) {
                try {
                    listeners.put(a, TcpListener.bind("rtmps", a, this::wrap));
                    LOG.log(Level.INFO, "reload: rtmps listening on {0}", a);
                } catch (SrsException e) {
                    LOG.log(Level.ERROR, "reload: {0}", e.describe());
                }
            }
        }
    }

    synchronized List<Integer> ports() {
        List<Integer> ports = new ArrayList<>();
        listeners.values().forEach(l -> ports.add(l.localPort()));
        return ports;
    }

    /** The server side in use, or null when rtmps is off. */
    synchronized ServerTls tls() {
        return tls;
    }

    synchronized void closeListeners() {
        listeners.values().forEach(TcpListener::close);
        listeners.clear();
    }
}
