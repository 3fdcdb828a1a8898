package io.srs.app.httpstream;

import io.srs.rtmp.chunk.DirectSlabs;
import io.srs.rtmp.chunk.GatheringOutput;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A live viewer's HTTP response, chunked as SRS answers it (no Content-Length).
 *
 * <p>Plain HTTP/1.x: Undertow sends the response head, then the viewer owns the connection's
 * socket and writes every batch with one gathering write ({@link GatherBody} over
 * {@link ConduitChannel}): its own tag headers and the chunk framing between the shared
 * payloads, none of them copied per viewer. The head is sent on the connection's IO thread,
 * so Undertow's header buffer returns to that thread's cache rather than to a cache of the
 * viewer's virtual thread (where it would stay, 16 KB per viewer). Such a response cannot go
 * back to Undertow, so the connection is closed when the viewer ends (SRS closes it too).
 *
 * <p>HTTPS: TLS copies every byte into its engine anyway, so the viewer writes through
 * Undertow's blocking output stream ({@link StreamBody}), which parks the virtual thread while
 * the socket is full.
 *
 * <p>Thread-safe as {@link ViewerSink} requires: {@link #peerLeft} reads into its own buffer and
 * is only called by the one watcher thread; {@link #close} reads the channel through a volatile
 * field.
 */
final class ResponseSink implements ViewerSink {
    /** The largest own-bytes buffer of a gathering viewer (TS muxes into it; FLV needs ~2 KB). */
    private static final int MAX_OWN_BYTES = 16 * 1024;
    /** How long the response head may take to leave. */
    private static final long HEAD_SECONDS = 10;

    private final HttpServerExchange exchange;
    private final String contentType;
    private final DirectSlabs memory;
    private final ByteBuffer probe = ByteBuffer.allocate(64);
    private volatile ConduitChannel channel;

    /** @param memory where payloads without a shared direct form get one (see {@link GatherBody}) */
    ResponseSink(HttpServerExchange exchange, String contentType, DirectSlabs memory) {
        this.exchange = exchange;
        this.contentType = contentType;
        this.memory = memory;
    }

    @Override
    public BodyOutput open(Runnable peerGone) throws IOException {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        // A live stream has no byte positions: Range is ignored (RFC 9110 allows it) and said so.
        exchange.getResponseHeaders().put(Headers.ACCEPT_RANGES, "none");
        exchange.setStatusCode(StatusCodes.OK);
        ServerConnection connection = exchange.getConnection();
        if (connection instanceof HttpServerConnection c && c.getSslSessionInfo() == null) {
            sendHead();
            // HTTP/1.1 gets chunks; HTTP/1.0 a body that ends with the connection.
            boolean chunked = exchange.getResponseHeaders().contains(Headers.TRANSFER_ENCODING);
            if (chunked || !exchange.getResponseHeaders().contains(Headers.CONTENT_LENGTH)) {
                ConduitChannel ch = new ConduitChannel(c.getOriginalSinkConduit());
                channel = ch;
                return new GatherBody(new GatheringOutput(ch, MAX_OWN_BYTES, chunked ? new ChunkedFraming() : null),
                        memory);
            }
            throw new IOException("unexpected response framing for a live stream");
        }
        exchange.startBlocking();
        OutputStream out = exchange.getOutputStream();
        // Headers go out now (chunked), so a viewer waiting for the publisher sees 200 at once.
        out.flush();
        return new StreamBody(out);
    }

    /** Has the IO thread write the response head (200 and the headers) and waits until it left. */
    private void sendHead() throws IOException {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        exchange.getIoThread().execute(() -> {
            try {
                StreamSinkChannel ch = exchange.getResponseChannel();
                if (ch.flush()) {
                    sent.complete(null);
                    return;
                }
                ch.getWriteSetter().set((ChannelListener<StreamSinkChannel>) w -> {
                    try {
                        if (w.flush()) {
                            w.suspendWrites();
                            sent.complete(null);
                        }
                    } catch (IOException | RuntimeException e) {
                        sent.completeExceptionally(e);
                    }
                });
                ch.resumeWrites();
            } catch (IOException | RuntimeException e) {
                sent.completeExceptionally(e);
            }
        });
        try {
            sent.get(HEAD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending the response head");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("response head not sent: " + e.getMessage(), e);
        }
    }

    @Override
    public void end() {
        if (channel != null) {
            // Undertow's response channel never saw the body: the exchange cannot go on.
            close();
        }
    }

    @Override
    public void close() {
        ConduitChannel ch = channel;
        if (ch != null) {
            ch.close();
        }
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
