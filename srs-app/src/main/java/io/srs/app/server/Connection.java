package io.srs.app.server;

import java.net.InetSocketAddress;

/**
 * What the server needs from any client connection to list it, kick it or close it at
 * shutdown (Helidon's ServerConnection shape).
 *
 * <p>Implementations are thread-safe: {@link #close()} may be called from any thread.
 */
public interface Connection {
    /** The context id shown in logs as {@code [cid]} and in the API as the client id. */
    String id();

    InetSocketAddress remote();

    /** Ends the connection; the serving thread notices and cleans up. Idempotent. */
    void close();
}
