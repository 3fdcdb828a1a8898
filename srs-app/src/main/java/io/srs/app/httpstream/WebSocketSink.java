package io.srs.app.httpstream;

import io.undertow.server.HttpServerExchange;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.core.protocol.Handshake;
import io.undertow.websockets.core.protocol.version07.Hybi07Handshake;
import io.undertow.websockets.core.protocol.version08.Hybi08Handshake;
import io.undertow.websockets.core.protocol.version13.Hybi13Handshake;
import io.undertow.websockets.spi.AsyncWebSocketHttpServerExchange;
import org.xnio.IoUtils;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * WebSocket-FLV (and -TS, -AAC, -MP3): the live stream as binary messages on a WebSocket opened
 * on the same mount ({@code ws://host:8080/live/livestream.flv}), as mpegts.js and SRS's players
 * read it; message boundaries carry no meaning, the bytes are those of the HTTP response.
 * Undertow does the handshake and the framing.
 *
 * <p>The handshake is only completed in {@link #open}, after security and {@code on_play}
 * accepted the viewer, so a refusal is a plain 403 as for HTTP. Bytes are gathered into this
 * viewer's buffer ({@value #MESSAGE_BYTES} bytes at most, never a shared payload: Undertow may
 * compact a partly written buffer in place) and each {@code flush()} sends them as one binary
 * message, blocking the viewer's thread until they are written.
 *
 * <p>What the peer sends is read on Undertow's IO thread and dropped: pings are answered, a close
 * ends the viewer, a data message over {@value #MAX_INBOUND_BYTES} bytes or a broken frame closes
 * this connection only.
 *
 * <p>Threading as {@link ViewerSink}: the stream is the viewer thread's; {@link #close} and
 * {@link #peerLeft} read the channel through a volatile field.
 */
final class WebSocketSink implements ViewerSink {
    /** The largest binary message sent: a keyframe bigger than this goes out in several. */
    static final int MESSAGE_BYTES = 32 * 1024;
    private static final int MAX_INBOUND_BYTES = 4096;
    /** How long the handshake's upgrade may take once answered. */
    private static final long UPGRADE_SECONDS = 10;
    private static final List<Handshake> HANDSHAKES =
            List.of(new Hybi13Handshake(), new Hybi08Handshake(), new Hybi07Handshake());

    private final HttpServerExchange exchange;
    private final AsyncWebSocketHttpServerExchange facade;
    private final Handshake handshake;
    private volatile WebSocketChannel channel;

    private WebSocketSink(HttpServerExchange exchange, AsyncWebSocketHttpServerExchange facade, Handshake handshake) {
        this.exchange = exchange;
        this.facade = facade;
        this.handshake = handshake;
    }

    /** Whether the request asks for a WebSocket ({@code Upgrade: websocket}), valid or not. */
    static boolean isUpgrade(HttpServerExchange exchange) {
        String upgrade = exchange.getRequestHeaders().getFirst(io.undertow.util.Headers.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /**
     * The sink for a WebSocket request, or empty when its handshake is not one Undertow speaks
     * (RFC 6455 versions 13, 8, 7); the caller answers 400 then.
     */
    static Optional<WebSocketSink> of(HttpServerExchange exchange) {
        // Undertow tracks peers for broadcasts; a viewer has no peers, so the set stays empty.
        AsyncWebSocketHttpServerExchange facade = new AsyncWebSocketHttpServerExchange(exchange, new HashSet<>());
        return HANDSHAKES.stream().filter(h -> h.matches(facade)).findFirst()
                .map(h -> new WebSocketSink(exchange, facade, h));
    }

    @Override
    public BodyOutput open(Runnable peerGone) throws IOException {
        CompletableFuture<WebSocketChannel> upgraded = new CompletableFuture<>();
        exchange.upgradeChannel((connection, ex) -> {
            try {
                upgraded.complete(handshake.createChannel(facade, connection, facade.getBufferPool()));
            } catch (RuntimeException e) {
                upgraded.completeExceptionally(e);
                IoUtils.safeClose(connection);
            }
        });
        handshake.handshake(facade);
        WebSocketChannel ch;
        try {
            ch = upgraded.get(UPGRADE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during the websocket upgrade");
        } catch (ExecutionException | TimeoutException e) {
            IoUtils.safeClose(exchange.getConnection());
            throw new IOException("websocket upgrade failed: " + e, e);
        }
        channel = ch;
        ch.addCloseTask(c -> peerGone.run());
        ch.getReceiveSetter().set(new Discard());
        ch.resumeReceives();
        return new StreamBody(new Messages(ch));
    }

    @Override
    public void close() {
        WebSocketChannel ch = channel;
        if (ch != null) {
            IoUtils.safeClose(ch);
        } else {
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    @Override
    public boolean peerLeft() {
        WebSocketChannel ch = channel;
        return ch != null && !ch.isOpen();
    }

    /** Drops what the viewer sends; Undertow answers pings and closes by itself. */
    private static final class Discard extends AbstractReceiveListener {
        @Override
        protected long getMaxTextBufferSize() {
            return MAX_INBOUND_BYTES;
        }

        @Override
        protected long getMaxBinaryBufferSize() {
            return MAX_INBOUND_BYTES;
        }
    }

    /** Gathers writes into one buffer; a flush, or a full buffer, sends one binary message. */
    private static final class Messages extends OutputStream {
        private final WebSocketChannel channel;
        private final byte[] buffer = new byte[MESSAGE_BYTES];
        private int length;

        Messages(WebSocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            if (length == buffer.length) {
                flush();
            }
            buffer[length++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (length == buffer.length) {
                    flush();
                }
                int n = Math.min(len, buffer.length - length);
                System.arraycopy(b, off, buffer, length, n);
                length += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void flush() throws IOException {
            if (length == 0) {
                return;
            }
            // Returns once the message is on the socket, so the buffer is ours again.
            WebSockets.sendBinaryBlocking(ByteBuffer.wrap(buffer, 0, length), channel);
            length = 0;
        }

        @Override
        public void close() {
            IoUtils.safeClose(channel);
        }
    }
}
