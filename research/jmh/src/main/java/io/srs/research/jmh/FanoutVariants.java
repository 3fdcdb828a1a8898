package io.srs.research.jmh;

import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.rtmp.chunk.ChunkHeaders;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Prototypes of the two ideas the benchmark weighs against {@link io.srs.rtmp.chunk.ChunkWriter};
 * they produce the same bytes. Not production code: no error mapping, no limits.
 */
final class FanoutVariants {
    private FanoutVariants() {
    }

    /** The headers of one message, encoded once and shared by every connection. */
    record EncodedHeaders(byte[] fmt0, int fmt0Length, byte[] fmt3, int fmt3Length) {
        static EncodedHeaders of(MediaMessage m, int csid) {
            byte[] h0 = new byte[ChunkHeaders.MAX_HEADER_SIZE];
            int n0 = ChunkHeaders.putFmt0(h0, 0, csid, m.timestamp(), m.size(), m.type(), m.streamId());
            byte[] h3 = new byte[ChunkHeaders.MAX_FMT3_HEADER_SIZE];
            int n3 = ChunkHeaders.putFmt3(h3, 0, csid, m.timestamp());
            return new EncodedHeaders(h0, n0, h3, n3);
        }
    }

    /** Base of both prototypes: a buffered writer like ChunkWriter. */
    abstract static class Buffered {
        final OutputStream out;
        final byte[] buf = new byte[64 * 1024];
        int len;
        int chunkSize = 128;

        Buffered(OutputStream out) {
            this.out = out;
        }

        void append(byte[] src, int off, int n) {
            while (n > 0) {
                if (len == buf.length) {
                    drain();
                }
                int k = Math.min(n, buf.length - len);
                System.arraycopy(src, off, buf, len, k);
                len += k;
                off += k;
                n -= k;
            }
        }

        void drain() {
            if (len > 0) {
                try {
                    out.write(buf, 0, len);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                len = 0;
            }
        }

        void flush() {
            drain();
        }
    }

    /** Copies pre-encoded header bytes instead of encoding the header per connection. */
    static final class HeaderCacheWriter extends Buffered {
        HeaderCacheWriter(OutputStream out) {
            super(out);
        }

        void write(MediaMessage m, EncodedHeaders h) {
            Bytes p = m.payload();
            byte[] src = p.array();
            int off = p.offset();
            int end = off + p.length();
            if (buf.length - len < ChunkHeaders.MAX_HEADER_SIZE) {
                drain();
            }
            System.arraycopy(h.fmt0(), 0, buf, len, h.fmt0Length());
            len += h.fmt0Length();
            int n = Math.min(chunkSize, end - off);
            append(src, off, n);
            off += n;
            while (off < end) {
                if (buf.length - len < ChunkHeaders.MAX_FMT3_HEADER_SIZE) {
                    drain();
                }
                System.arraycopy(h.fmt3(), 0, buf, len, h.fmt3Length());
                len += h.fmt3Length();
                n = Math.min(chunkSize, end - off);
                append(src, off, n);
                off += n;
            }
        }
    }

    /** Writes payload slices of at least {@code threshold} bytes straight to the stream. */
    static final class DirectSliceWriter extends Buffered {
        private final int threshold;

        DirectSliceWriter(OutputStream out, int threshold) {
            super(out);
            this.threshold = threshold;
        }

        void write(MediaMessage m, int csid) {
            Bytes p = m.payload();
            byte[] src = p.array();
            int off = p.offset();
            int end = off + p.length();
            boolean first = true;
            while (off < end) {
                if (buf.length - len < ChunkHeaders.MAX_HEADER_SIZE) {
                    drain();
                }
                len = first
                        ? ChunkHeaders.putFmt0(buf, len, csid, m.timestamp(), m.size(), m.type(), m.streamId())
                        : ChunkHeaders.putFmt3(buf, len, csid, m.timestamp());
                first = false;
                int n = Math.min(chunkSize, end - off);
                if (n >= threshold) {
                    drain();
                    try {
                        out.write(src, off, n);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                } else {
                    append(src, off, n);
                }
                off += n;
            }
        }
    }
}
