package io.srs.research.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * The input stream the RTMP dialogue (handshake, connect, createStream, play) reads through.
 * Our {@code ChunkReader} reads ahead into its own buffer, so bytes after the play reply would
 * be lost to the lean parser that takes over afterwards. With {@link #exact(boolean)} on, each
 * read returns at most one byte, which makes the chunk reader take exactly what it parses; the
 * bytes come from this stream's own small buffer, so the socket is still read in blocks. After
 * the dialogue, {@link #drainTo} hands the buffered rest to the next reader.
 *
 * <p>Not thread-safe: the client's own thread only.
 */
final class DialogueInput extends InputStream {
    private final ReadableByteChannel ch;
    private final ByteBuffer buf = ByteBuffer.allocate(4096).flip();
    private boolean exact;
    private long total;

    DialogueInput(ReadableByteChannel ch) {
        this.ch = ch;
    }

    void exact(boolean on) {
        exact = on;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buf.get() & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(exact ? 1 : len, buf.remaining());
        buf.get(b, off, n);
        return n;
    }

    private boolean fill() throws IOException {
        if (buf.hasRemaining()) {
            return true;
        }
        buf.clear();
        int n = ch.read(buf);
        buf.flip();
        if (n > 0) {
            total += n;
        }
        return n > 0;
    }

    /** Bytes taken from the channel so far, buffered ones included. */
    long total() {
        return total;
    }

    /** Moves the buffered bytes into {@code dst} (which must have room); returns how many. */
    int drainTo(ByteBuffer dst) {
        int n = buf.remaining();
        dst.put(buf);
        return n;
    }
}
