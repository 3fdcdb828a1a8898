package io.srs.app.api;

import io.srs.app.config.ListenAddress;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;

import java.net.BindException;
import java.net.InetSocketAddress;

/**
 * One Undertow HTTP listener bound to one address, serving one handler. A port in use is an
 * immediate, clear {@link SrsException} ({@code SOCKET_BIND}), as for RTMP listeners.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread.
 */
public final class UndertowListener implements AutoCloseable {
    private final String kind;
    private final ListenAddress address;
    private final Undertow server;

    private UndertowListener(String kind, ListenAddress address, Undertow server) {
        this.kind = kind;
        this.address = address;
        this.server = server;
    }

    /**
     * Binds now and serves {@code handler}.
     *
     * @param kind for messages, e.g. {@code "http_api"}
     */
    public static UndertowListener bind(String kind, ListenAddress address, HttpHandler handler) {
        Undertow u = Undertow.builder()
                .addHttpListener(address.port(), address.host())
                // The handlers move work to virtual threads at once; these only do socket IO.
                .setIoThreads(2)
                .setWorkerThreads(2)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 64L * 1024)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
                .setHandler(handler)
                .build();
        try {
            u.start();
        } catch (RuntimeException e) {
            try {
                u.stop();
            } catch (RuntimeException ignored) {
                // Nothing was started.
            }
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            ErrorCode code = root instanceof BindException ? ErrorCode.SOCKET_BIND : ErrorCode.SOCKET_LISTEN;
            throw new SrsException(code, kind + " listen " + address + ": " + root.getMessage(), e);
        }
        return new UndertowListener(kind, address, u);
    }

    public ListenAddress address() {
        return address;
    }

    /** The port actually bound (differs from the configured one only for port 0, in tests). */
    public int localPort() {
        return ((InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
    }

    @Override
    public void close() {
        server.stop();
    }

    @Override
    public String toString() {
        return kind + "@" + address;
    }
}
