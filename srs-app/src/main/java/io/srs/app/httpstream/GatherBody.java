package io.srs.app.httpstream;

import io.srs.core.bytes.Bytes;
import io.srs.rtmp.chunk.ChunkedPayload;
import io.srs.rtmp.chunk.DirectSlabs;
import io.srs.rtmp.chunk.GatheringOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A {@link BodyOutput} that sends each batch with one gathering write, as RTMP players do
 * ({@link GatheringOutput}): the viewer's own bytes (FLV tag headers, the HTTP chunk framing)
 * in its small direct buffer, between read-only views of the shared payloads' direct memory.
 * No payload byte is copied per viewer, in user space or by the JDK.
 *
 * <p>The shared direct form of a payload lives on its {@link Bytes} ({@link Bytes#derive}): the
 * RTMP chunked form when RTMP players made one (its pieces are the payload, between chunk
 * headers that a view skips), else a plain direct copy made by the first viewer that sends the
 * payload, cut from the server's {@link DirectSlabs} like RTMP's forms. A plain copy never
 * replaces an RTMP form, so mixed audiences do not rebuild forms.
 *
 * <p>{@link #written()} counts the body bytes (what the encoder produced), not the HTTP chunk
 * framing around them: the same count as a {@link StreamBody} under HTTPS or a WebSocket, where
 * the framing is Undertow's and not seen by the viewer.
 *
 * <p>Not thread-safe: the viewer's thread, except {@link #written()}.
 */
final class GatherBody implements BodyOutput {
    private final GatheringOutput out;
    private final DirectSlabs memory;
    private final OutputStream own = new OutputStream() {
        private final byte[] one = new byte[1];

        @Override
        public void write(int b) throws IOException {
            one[0] = (byte) b;
            out.put(one, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.put(b, off, len);
        }
    };

    GatherBody(GatheringOutput out, DirectSlabs memory) {
        this.out = out;
        this.memory = memory;
    }

    @Override
    public void put(byte[] b, int off, int len) throws IOException {
        out.put(b, off, len);
    }

    @Override
    public void putShared(Bytes payload, int from, int len) {
        if (len == 0) {
            return;
        }
        if (payload.derived() instanceof ChunkedPayload c && c.isFormOf(payload)) {
            int cs = c.chunkSize();
            int end = from + len;
            for (int k = from / cs; k * cs < end; k++) {
                ByteBuffer piece = c.piece(k);
                int start = k * cs;
                piece.limit(Math.min(piece.limit(), end - start)).position(Math.max(0, from - start));
                out.putShared(piece);
            }
            return;
        }
        ByteBuffer direct = payload.derived() instanceof Direct d && d.bytes.limit() == payload.length()
                ? d.bytes : derive(payload);
        out.putShared(direct.slice(from, len));
    }

    /** The plain direct form; kept on the payload unless an RTMP form got there first. */
    private ByteBuffer derive(Bytes payload) {
        ByteBuffer b = memory.allocate(payload.length());
        b.put(payload.array(), payload.offset(), payload.length()).flip();
        Direct d = new Direct(b.asReadOnlyBuffer());
        if (!(payload.derived() instanceof ChunkedPayload)) {
            payload.derive(d);
        }
        return d.bytes;
    }

    @Override
    public void flush() throws IOException {
        out.drain();
    }

    @Override
    public long written() {
        return out.drained();
    }

    @Override
    public OutputStream asStream() {
        return own;
    }

    /** A payload's plain copy in direct memory, read-only; shared by every viewer. */
    private record Direct(ByteBuffer bytes) {
    }
}
