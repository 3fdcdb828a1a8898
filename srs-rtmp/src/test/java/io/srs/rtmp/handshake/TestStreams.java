package io.srs.rtmp.handshake;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/** Input shapes for feeding decoders: piecewise reads and lazily produced peer replies. */
final class TestStreams {
    private TestStreams() {
    }

    /** Returns at most one byte per read call. */
    static InputStream oneBytePieces(byte[] data) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    /** The first read stops at {@code split}; later reads return the rest. */
    static InputStream splitAt(byte[] data, int split) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            private int pos;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int limit = pos < split ? Math.min(len, split - pos) : len;
                int n = super.read(b, off, limit);
                if (n > 0) {
                    pos += n;
                }
                return n;
            }
        };
    }

    /**
     * Serves {@code first}, then whatever {@code then} returns when it is first needed: lets a
     * test compute C2 from the S1 the code under test has already written.
     */
    static InputStream thenLazily(byte[] first, Supplier<byte[]> then) {
        return new InputStream() {
            private InputStream current = new ByteArrayInputStream(first);
            private boolean switched;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int n = current.read(b, off, len);
                if (n < 0 && !switched) {
                    switched = true;
                    current = new ByteArrayInputStream(then.get());
                    n = current.read(b, off, len);
                }
                return n;
            }
        };
    }
}
