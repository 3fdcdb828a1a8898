package io.srs.app.server;

import io.srs.rtmp.chunk.ChunkMemory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * An accepted TCP connection as the registry sees it. Thread-safe: {@link #close()} from any
 * thread makes the serving thread's blocked read or write fail, which ends it.
 */
public final class SocketConnection implements Connection {
    private final String id;
    private final Socket socket;
    private final long acceptedNanos = System.nanoTime();
    /** Set once the client has published or played; before that it is a stranger. */
    private volatile boolean trusted;
    private volatile ChunkMemory memory = ChunkMemory.NONE;

    public SocketConnection(String id, Socket socket) {
        this.id = id;
        this.socket = socket;
    }

    @Override
    public String id() {
        return id;
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public InetSocketAddress remote() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    /** The peer's IP as text, as hooks and the API show it. */
    public String ip() {
        InetSocketAddress r = remote();
        return r == null ? "" : r.getAddress().getHostAddress();
    }

    public long acceptedNanos() {
        return acceptedNanos;
    }

    /** Called when the client publishes or plays: budgets and deadlines for strangers stop applying. */
    public void trust() {
        trusted = true;
    }

    public boolean trusted() {
        return trusted;
    }

    /** Where the connection's chunk reader reports the bytes of unfinished messages. */
    public ChunkMemory memory() {
        return memory;
    }

    void useMemory(ChunkMemory memory) {
        this.memory = memory;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed or broken: either way it is closed now.
        }
    }
}
