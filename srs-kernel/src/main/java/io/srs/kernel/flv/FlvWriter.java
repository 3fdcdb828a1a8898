package io.srs.kernel.flv;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.kernel.media.MediaMessage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an FLV file or stream: header, then each tag followed by its PreviousTagSize. Port of
 * {@code SrsFlvTransmuxer} (srs_kernel_flv.cpp). Payloads are written from the message's shared
 * array without copying; only the 11-byte tag header and 4-byte trailer come from a reused
 * scratch buffer.
 *
 * <p>Not thread-safe: one writer thread. The writer neither buffers nor closes the stream; wrap
 * a file in a {@link java.io.BufferedOutputStream}.
 */
public final class FlvWriter {
    public static final int TAG_HEADER_SIZE = 11;

    private final OutputStream out;
    private final byte[] scratch = new byte[TAG_HEADER_SIZE];

    public FlvWriter(OutputStream out) {
        this.out = out;
    }

    /** The 9-byte header (version 1) and PreviousTagSize0. */
    public void writeHeader(boolean hasAudio, boolean hasVideo) {
        byte[] h = {'F', 'L', 'V', 1, (byte) ((hasAudio ? 0x04 : 0) | (hasVideo ? 0x01 : 0)), 0, 0, 0, 9, 0, 0, 0, 0};
        write(h, 0, h.length);
    }

    /** One tag: header, the message payload, PreviousTagSize. The message stream id is written as 0. */
    public void write(MediaMessage msg) {
        int size = msg.size();
        if (size > FlvReader.MAX_TAG_SIZE) {
            throw new SrsException(ErrorCode.SYSTEM_FILE_WRITE, "flv tag too large: " + size);
        }
        writeTagHeader(scratch, 0, msg.type(), size, msg.timestamp());
        write(scratch, 0, TAG_HEADER_SIZE);
        write(msg.payload().array(), msg.payload().offset(), size);
        writeU32(scratch, 0, TAG_HEADER_SIZE + size);
        write(scratch, 0, 4);
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new SrsException(ErrorCode.SYSTEM_FILE_WRITE, "flush flv", e);
        }
    }

    /**
     * Writes an 11-byte FLV tag header into {@code dst} (for HTTP-FLV and other zero-copy
     * writers): type, 24-bit size, timestamp as 24 bits plus the extended upper 8 bits, and a
     * zero stream id.
     */
    public static void writeTagHeader(byte[] dst, int off, int type, int size, long timestamp) {
        dst[off] = (byte) type;
        dst[off + 1] = (byte) (size >> 16);
        dst[off + 2] = (byte) (size >> 8);
        dst[off + 3] = (byte) size;
        dst[off + 4] = (byte) (timestamp >> 16);
        dst[off + 5] = (byte) (timestamp >> 8);
        dst[off + 6] = (byte) timestamp;
        dst[off + 7] = (byte) (timestamp >> 24);
        dst[off + 8] = 0;
        dst[off + 9] = 0;
        dst[off + 10] = 0;
    }

    /** Big-endian 32-bit, as PreviousTagSize is written. */
    public static void writeU32(byte[] dst, int off, int v) {
        dst[off] = (byte) (v >>> 24);
        dst[off + 1] = (byte) (v >>> 16);
        dst[off + 2] = (byte) (v >>> 8);
        dst[off + 3] = (byte) v;
    }

    private void write(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new SrsException(ErrorCode.SYSTEM_FILE_WRITE, "write flv", e);
        }
    }
}
