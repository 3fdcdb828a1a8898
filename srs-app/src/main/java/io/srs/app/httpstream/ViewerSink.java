package io.srs.app.httpstream;

import java.io.IOException;

/**
 * Where one live viewer's bytes go: a chunked HTTP response ({@link ResponseSink}) or a
 * WebSocket of binary messages ({@link WebSocketSink}). The viewer, its consumer, accounting
 * and hooks are the same for both; only the framing differs.
 *
 * <p>Until {@link #open} the request is a plain HTTP exchange (a refusal is a 403 on it, for
 * both). Threading: {@link #open} and {@link #end} run on the viewer's thread; the returned
 * output is used by that thread only. {@link #close} and {@link #peerLeft} may be called from
 * any thread.
 */
interface ViewerSink {
    /**
     * Accepts the viewer: answers 200 (or completes the WebSocket handshake) at once, so a
     * viewer waiting for the publisher knows it is accepted.
     *
     * @param peerGone called from another thread when the sink learns by itself that the peer
     *                 left (a WebSocket close); a response learns it through {@link #peerLeft}
     * @return where the encoder puts the bytes; {@code flush()} sends a batch
     */
    BodyOutput open(Runnable peerGone) throws IOException;

    /** The viewer is done (after {@link #open}): whatever the sink must do to end the response. */
    default void end() {
    }

    /** Ends the connection; a write blocked on the peer fails soon after. */
    void close();

    /** Whether the peer hung up, found without blocking while no media flows to it. */
    boolean peerLeft();
}
