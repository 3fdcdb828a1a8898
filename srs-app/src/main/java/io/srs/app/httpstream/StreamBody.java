package io.srs.app.httpstream;

import io.srs.core.bytes.Bytes;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A {@link BodyOutput} over a blocking stream: an HTTPS response (the TLS engine copies every
 * byte anyway) or a WebSocket's binary messages. Shared slices are written from the payload's
 * array, so the stream's own buffer is the only copy.
 *
 * <p>Not thread-safe: the viewer's thread, except {@link #written()}.
 */
final class StreamBody implements BodyOutput {
    private final OutputStream out;
    private final OutputStream own = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            out.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            put(b, off, len);
        }
    };
    private volatile long written;

    StreamBody(OutputStream out) {
        this.out = out;
    }

    @Override
    public void put(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        written += len;
    }

    @Override
    public void putShared(Bytes payload, int from, int len) throws IOException {
        put(payload.array(), payload.offset() + from, len);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public OutputStream asStream() {
        return own;
    }
}
