package io.srs.app.server;

/**
 * Serves one accepted client socket, on that connection's own virtual thread, with
 * {@link io.srs.core.log.Context#CID} bound to the connection id. Returns when the connection is
 * done; the server then closes the socket and forgets the connection.
 */
@FunctionalInterface
public interface SocketHandler {
    void serve(SocketConnection connection) throws Exception;
}
