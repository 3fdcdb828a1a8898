package io.srs.research.load;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * The lean receive path of an HTTP-FLV viewer, the counterpart of {@link ChunkCounter}: walks the
 * bytes of a response body in place, through the HTTP chunked framing (when the server uses it)
 * and the FLV tag framing, skipping tag bodies without copying them. It counts audio and video
 * tags and notes when the first video keyframe carrying picture data (not a sequence header)
 * arrives. Only tag headers, chunk-size lines and the first two bytes of video tags until the
 * first frame are looked at. It also notes the header's audio/video flags and can copy the FLV
 * bytes (de-chunked) to a dump channel, to compare what ffprobe reads with what was counted.
 *
 * <p>Not thread-safe: the viewer's own thread only.
 */
final class FlvCounter {
    private static final int MAX_SIZE_LINE = 64;

    private enum Http { SIZE_LINE, DATA, DATA_END, DONE }

    private enum Flv { FILE_HEADER, TAG_HEADER, BODY, PREVIOUS_SIZE }

    private final ClientStats stats;

    private Http http;
    private long chunkLeft;
    private int crlfLeft;
    private long sizeValue;
    private int sizeLineLength;
    private boolean inExtension;

    private Flv flv = Flv.FILE_HEADER;
    private int need = 13;
    private final byte[] tagHeader = new byte[11];
    private int tagType;
    private int peekCount;
    private int peek0;
    private final WritableByteChannel dump;
    private long dumpLeft;

    FlvCounter(boolean chunked, ClientStats stats) {
        this(chunked, stats, null, 0);
    }

    /** @param dump where the first {@code dumpBytes} FLV bytes go, or null */
    FlvCounter(boolean chunked, ClientStats stats, WritableByteChannel dump, long dumpBytes) {
        this.stats = stats;
        this.dump = dump;
        this.dumpLeft = dump == null ? 0 : dumpBytes;
        this.http = chunked ? Http.SIZE_LINE : Http.DATA;
        this.chunkLeft = chunked ? 0 : Long.MAX_VALUE;
    }

    /** Walks {@code buf[from, to)}. */
    void feed(ByteBuffer buf, int from, int to) {
        int p = from;
        while (p < to) {
            switch (http) {
                case SIZE_LINE -> p = sizeLine(buf, p, to);
                case DATA -> {
                    int n = (int) Math.min(chunkLeft, to - p);
                    flv(buf, p, p + n);
                    p += n;
                    chunkLeft -= n;
                    if (chunkLeft == 0) {
                        // The FLV state carries over: tags span chunks.
                        http = Http.DATA_END;
                        crlfLeft = 2;
                    }
                }
                case DATA_END -> {
                    int n = Math.min(crlfLeft, to - p);
                    p += n;
                    crlfLeft -= n;
                    if (crlfLeft == 0) {
                        http = Http.SIZE_LINE;
                    }
                }
                case DONE -> throw new SrsException(ErrorCode.SOCKET_CLOSED, "server ended the stream");
            }
        }
    }

    private int sizeLine(ByteBuffer buf, int p, int to) {
        while (p < to) {
            int b = buf.get(p++) & 0xff;
            if (b == '\n') {
                if (sizeLineLength == 0) {
                    throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "empty chunk size line");
                }
                if (sizeValue == 0) {
                    http = Http.DONE;
                    return p;
                }
                chunkLeft = sizeValue;
                sizeValue = 0;
                sizeLineLength = 0;
                inExtension = false;
                http = Http.DATA;
                return p;
            }
            if (++sizeLineLength > MAX_SIZE_LINE) {
                throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "chunk size line too long");
            }
            if (b == ';') {
                inExtension = true;
            } else if (!inExtension && b != '\r') {
                int d = Character.digit(b, 16);
                if (d < 0 || sizeValue > (Long.MAX_VALUE >> 4)) {
                    throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "bad chunk size");
                }
                sizeValue = sizeValue << 4 | d;
            }
        }
        return p;
    }

    /** FLV framing over {@code buf[p, to)}, which is body data. */
    private void flv(ByteBuffer buf, int p, int to) {
        if (dumpLeft > 0) {
            dump(buf, p, (int) Math.min(dumpLeft, to - p));
        }
        while (p < to) {
            int n = Math.min(need, to - p);
            switch (flv) {
                case FILE_HEADER, PREVIOUS_SIZE -> {
                    int at = 13 - need;
                    if (flv == Flv.FILE_HEADER && at <= 4 && at + n > 4) {
                        stats.flvFlags = buf.get(p + 4 - at) & 0xff;
                    }
                    p += n;
                    need -= n;
                    if (need == 0) {
                        flv = Flv.TAG_HEADER;
                        need = 11;
                    }
                }
                case TAG_HEADER -> {
                    buf.get(p, tagHeader, 11 - need, n);
                    p += n;
                    need -= n;
                    if (need == 0) {
                        tagType = tagHeader[0] & 0x1f;
                        need = (tagHeader[1] & 0xff) << 16 | (tagHeader[2] & 0xff) << 8 | (tagHeader[3] & 0xff);
                        peekCount = 0;
                        if (tagType == 9) {
                            stats.videoFrames++;
                        } else if (tagType == 8) {
                            stats.audioFrames++;
                        }
                        flv = Flv.BODY;
                        if (need == 0) {
                            flv = Flv.PREVIOUS_SIZE;
                            need = 4;
                        }
                    }
                }
                case BODY -> {
                    if (tagType == 9 && stats.firstFrameAt == 0) {
                        for (int i = 0; i < n && peekCount < 2; i++, peekCount++) {
                            int b = buf.get(p + i) & 0xff;
                            if (peekCount == 0) {
                                peek0 = b;
                            } else if (ChunkCounter.isKeyframe(peek0, b)) {
                                stats.firstFrameAt = System.nanoTime();
                            }
                        }
                    }
                    p += n;
                    need -= n;
                    if (need == 0) {
                        flv = Flv.PREVIOUS_SIZE;
                        need = 4;
                    }
                }
            }
        }
    }

    private void dump(ByteBuffer buf, int p, int n) {
        ByteBuffer b = buf.slice(p, n);
        try {
            while (b.hasRemaining()) {
                dump.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dumpLeft -= n;
    }
}
