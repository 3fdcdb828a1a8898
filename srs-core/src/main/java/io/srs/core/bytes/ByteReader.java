package io.srs.core.bytes;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.nio.charset.StandardCharsets;

/**
 * A big-endian read cursor over a byte range, like SRS's {@code SrsBuffer}. Reading past the
 * end throws {@link SrsException} with the reader's error code (set per use, e.g.
 * {@link ErrorCode#RTMP_AMF0_DECODE}) instead of an unchecked JDK exception, so bad input
 * always ends as one protocol error.
 *
 * <p>Not thread-safe; one reader per parse.
 */
public final class ByteReader {
    private final byte[] array;
    private final int start;
    private final int end;
    private int pos;
    private ErrorCode errorCode = ErrorCode.SYSTEM_PACKET_INVALID;

    public ByteReader(byte[] array, int offset, int length) {
        this.array = array;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
    }

    public ByteReader(byte[] array) {
        this(array, 0, array.length);
    }

    /** The code used for underflow errors from now on. */
    public ByteReader errorCode(ErrorCode code) {
        this.errorCode = code;
        return this;
    }

    public int position() {
        return pos - start;
    }

    public void position(int position) {
        if (position < 0 || start + position > end) {
            throw new SrsException(errorCode, "position " + position + " out of " + (end - start));
        }
        pos = start + position;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    public boolean require(int n) {
        return n >= 0 && end - pos >= n;
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw new SrsException(errorCode, "need " + n + " bytes, only " + (end - pos) + " left");
        }
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }

    public int peekU8() {
        need(1);
        return array[pos] & 0xff;
    }

    public int readU8() {
        need(1);
        return array[pos++] & 0xff;
    }

    public int readU16() {
        need(2);
        int v = ((array[pos] & 0xff) << 8) | (array[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public int readU24() {
        need(3);
        int v = ((array[pos] & 0xff) << 16) | ((array[pos + 1] & 0xff) << 8) | (array[pos + 2] & 0xff);
        pos += 3;
        return v;
    }

    /** Signed 24-bit, as FLV composition times are. */
    public int readS24() {
        int v = readU24();
        return (v << 8) >> 8;
    }

    public long readU32() {
        return readS32() & 0xffffffffL;
    }

    public int readS32() {
        need(4);
        int v = ((array[pos] & 0xff) << 24) | ((array[pos + 1] & 0xff) << 16)
                | ((array[pos + 2] & 0xff) << 8) | (array[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** Little-endian 32-bit, used by the RTMP message stream id. */
    public int readS32LE() {
        need(4);
        int v = (array[pos] & 0xff) | ((array[pos + 1] & 0xff) << 8)
                | ((array[pos + 2] & 0xff) << 16) | ((array[pos + 3] & 0xff) << 24);
        pos += 4;
        return v;
    }

    public long readS64() {
        long hi = readU32();
        long lo = readU32();
        return (hi << 32) | lo;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readS64());
    }

    public void readBytes(byte[] dst, int off, int len) {
        need(len);
        System.arraycopy(array, pos, dst, off, len);
        pos += len;
    }

    /** A shared (zero-copy) slice of the next {@code len} bytes. */
    public Bytes readSlice(int len) {
        need(len);
        Bytes b = Bytes.wrap(array, pos, len);
        pos += len;
        return b;
    }

    public String readUtf8(int len) {
        need(len);
        String s = new String(array, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }
}
