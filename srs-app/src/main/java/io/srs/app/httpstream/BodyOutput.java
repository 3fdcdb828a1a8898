package io.srs.app.httpstream;

import io.srs.core.bytes.Bytes;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a viewer's encoder puts its bytes, batch by batch: the viewer's own bytes (FLV tag
 * headers, ADTS headers, muxed TS) and slices of shared payloads. A {@link GatherBody} sends the
 * shared slices from the payloads' shared direct memory without copying them per viewer; a
 * {@link StreamBody} writes them to a stream (TLS and WebSocket, where the bytes are copied
 * into an encryption or framing buffer anyway).
 *
 * <p>Not thread-safe: the viewer's thread, except {@link #written()}.
 */
interface BodyOutput {
    /** Appends the viewer's own bytes; they are copied, so the caller may reuse the array. */
    void put(byte[] b, int off, int len) throws IOException;

    default void put(byte[] b) throws IOException {
        put(b, 0, b.length);
    }

    /** Appends {@code len} bytes of a shared payload from {@code from}; never modified, kept until {@link #flush}. */
    void putShared(Bytes payload, int from, int len) throws IOException;

    /** Sends what the batch put, blocking until the connection took it. */
    void flush() throws IOException;

    /**
     * Body bytes sent so far: what the encoder put, without the transfer framing (HTTP chunks,
     * WebSocket frames) or the response head, whichever path carries them. Any thread.
     */
    long written();

    /** The same output as a stream of own bytes (for the TS muxer); its {@code flush()} does nothing. */
    OutputStream asStream();
}
