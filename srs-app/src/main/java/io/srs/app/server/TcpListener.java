package io.srs.app.server;

import io.srs.app.config.ListenAddress;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.util.function.Consumer;

/**
 * One bound TCP port with its accept loop on a virtual thread. Each accepted socket is handed
 * to {@code onAccept} on the accept thread, which must only start the connection's own thread.
 * The port is a {@link ServerSocketChannel}, so every accepted {@link Socket} has a
 * {@link Socket#getChannel() channel} (blocking mode) for gathering writes besides its streams.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread and ends the accept loop.
 */
public final class TcpListener implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TcpListener.class.getName());

    private final String kind;
    private final ListenAddress address;
    private final ServerSocketChannel channel;
    private final ServerSocket socket;
    private final Thread acceptor;

    private TcpListener(String kind, ListenAddress address, ServerSocketChannel channel, Consumer<Socket> onAccept) {
        this.kind = kind;
        this.address = address;
        this.channel = channel;
        this.socket = channel.socket();
        this.acceptor = Thread.ofVirtual().name(kind + "-listen-" + address.port())
                .unstarted(() -> acceptLoop(onAccept));
    }

    /** Binds now (a port in use is an immediate, clear error) and starts accepting. */
    public static TcpListener bind(String kind, ListenAddress address, Consumer<Socket> onAccept) {
        ServerSocketChannel ss = null;
        try {
            ss = ServerSocketChannel.open();
            ss.socket().setReuseAddress(true);
            ss.bind(new InetSocketAddress(address.host(), address.port()), 1024);
        } catch (BindException e) {
            closeQuietly(ss);
            throw new SrsException(ErrorCode.SOCKET_BIND,
                    kind + " listen " + address + ": " + e.getMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            closeQuietly(ss);
            throw new SrsException(ErrorCode.SOCKET_LISTEN,
                    kind + " listen " + address + ": " + e.getMessage(), e);
        }
        TcpListener l = new TcpListener(kind, address, ss, onAccept);
        l.acceptor.start();
        return l;
    }

    private void acceptLoop(Consumer<Socket> onAccept) {
        while (!socket.isClosed()) {
            Socket s;
            try {
                s = channel.accept().socket();
            } catch (ClosedChannelException e) {
                return;
            } catch (SocketException e) {
                if (socket.isClosed()) {
                    return;
                }
                LOG.log(Level.WARNING, "{0} accept on {1} failed: {2}", kind, address, e.getMessage());
                continue;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "{0} accept on {1} failed: {2}", kind, address, e.getMessage());
                continue;
            }
            try {
                onAccept.accept(s);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, kind + " handing over a connection failed", e);
                closeQuietly(s);
            }
        }
    }

    public ListenAddress address() {
        return address;
    }

    /** The port actually bound (differs from the configured one only for port 0, in tests). */
    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Closing is best effort.
            }
        }
    }
}
