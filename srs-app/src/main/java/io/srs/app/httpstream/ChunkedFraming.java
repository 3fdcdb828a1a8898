package io.srs.app.httpstream;

import io.srs.rtmp.chunk.GatheringOutput;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 chunked transfer coding (RFC 9112 7.1) around each write of a {@link GatherBody}:
 * the size in hex and CRLF before, CRLF after, as Undertow (and SRS) frame a live response.
 * The last chunk is never sent: a live response ends when the connection closes.
 *
 * <p>Not thread-safe: the viewer's thread.
 */
final class ChunkedFraming implements GatheringOutput.Framing {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final ByteBuffer head = ByteBuffer.allocateDirect(18);
    private final ByteBuffer tail = ByteBuffer.allocateDirect(2).put((byte) '\r').put((byte) '\n').flip();

    @Override
    public ByteBuffer head(long length) {
        head.clear();
        int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(length)) / 4);
        for (int i = digits - 1; i >= 0; i--) {
            head.put(HEX[(int) (length >>> (i * 4)) & 0xf]);
        }
        return head.put((byte) '\r').put((byte) '\n').flip();
    }

    @Override
    public ByteBuffer tail() {
        return tail.rewind();
    }
}
