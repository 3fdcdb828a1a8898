package io.srs.app.httpstream;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import org.xnio.IoUtils;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A live viewer's chunked HTTP response, written with blocking IO from the viewer's thread
 * (Undertow's output stream parks the virtual thread while the socket is full).
 *
 * <p>Thread-safe as {@link ViewerSink} requires: {@link #peerLeft} reads into its own buffer and
 * is only called by the one watcher thread.
 */
final class ResponseSink implements ViewerSink {
    private final HttpServerExchange exchange;
    private final String contentType;
    private final ByteBuffer probe = ByteBuffer.allocate(64);

    ResponseSink(HttpServerExchange exchange, String contentType) {
        this.exchange = exchange;
        this.contentType = contentType;
    }

    @Override
    public OutputStream open(Runnable peerGone) throws IOException {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        // A live stream has no byte positions: Range is ignored (RFC 9110 allows it) and said so.
        exchange.getResponseHeaders().put(Headers.ACCEPT_RANGES, "none");
        exchange.setStatusCode(StatusCodes.OK);
        exchange.startBlocking();
        OutputStream out = exchange.getOutputStream();
        // Headers go out now (chunked), so a viewer waiting for the publisher sees 200 at once.
        out.flush();
        return out;
    }

    @Override
    public void close() {
        IoUtils.safeClose(exchange.getConnection());
    }

    /**
     * A non-blocking read of the connection, which for a live response is never read again
     * otherwise (SRS's {@code SrsHttpRecvThread}). Anything the peer sends is discarded.
     */
    @Override
    public boolean peerLeft() {
        try {
            probe.clear();
            return exchange.getConnection() instanceof AbstractServerConnection c
                    && c.getChannel().getSourceChannel().read(probe) < 0;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
