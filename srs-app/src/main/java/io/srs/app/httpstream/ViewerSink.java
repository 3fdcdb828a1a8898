package io.srs.app.httpstream;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where one live viewer's bytes go: a chunked HTTP response ({@link ResponseSink}) or a
 * WebSocket of binary messages ({@link WebSocketSink}). The viewer, its consumer, accounting
 * and hooks are the same for both; only the framing differs.
 *
 * <p>Threading: {@link #refuse} and {@link #open} run on the viewer's thread, before and
 * instead of any write; the returned stream is used by that thread only. {@link #close} and
 * {@link #peerLeft} may be called from any thread.
 */
interface ViewerSink {
    /** Answers 403 before any media: security or {@code on_play} refused the viewer. */
    void refuse();

    /**
     * Accepts the viewer: answers 200 (or completes the WebSocket handshake) at once, so a
     * viewer waiting for the publisher knows it is accepted.
     *
     * @param peerGone called from another thread when the sink learns by itself that the peer
     *                 left (a WebSocket close); a response learns it through {@link #peerLeft}
     * @return the stream the encoder writes to; {@code flush()} sends what was written
     */
    OutputStream open(Runnable peerGone) throws IOException;

    /** Ends the connection; a write blocked on the peer fails soon after. */
    void close();

    /** Whether the peer hung up, found without blocking while no media flows to it. */
    boolean peerLeft();
}
