package io.srs.core.bytes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte sink for building messages. Not thread-safe.
 * {@link #toBytes()} hands over a view of the internal array, after which the writer must not
 * be used again (or call {@link #reset()} only if the result was copied).
 */
public final class ByteWriter {
    private byte[] buf;
    private int pos;

    public ByteWriter() {
        this(256);
    }

    public ByteWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    public int size() {
        return pos;
    }

    public void reset() {
        pos = 0;
    }

    public ByteWriter writeU8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public ByteWriter writeU16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public ByteWriter writeU24(int v) {
        ensure(3);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public ByteWriter writeS32(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public ByteWriter writeS32LE(int v) {
        ensure(4);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 24);
        return this;
    }

    public ByteWriter writeS64(long v) {
        writeS32((int) (v >>> 32));
        return writeS32((int) v);
    }

    public ByteWriter writeDouble(double v) {
        return writeS64(Double.doubleToLongBits(v));
    }

    public ByteWriter writeBytes(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, pos, len);
        pos += len;
        return this;
    }

    public ByteWriter writeBytes(byte[] src) {
        return writeBytes(src, 0, src.length);
    }

    public ByteWriter writeBytes(Bytes b) {
        return writeBytes(b.array(), b.offset(), b.length());
    }

    public ByteWriter writeUtf8(String s) {
        return writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A view of what was written; the writer must not be reused unless reset after a copy. */
    public Bytes toBytes() {
        return Bytes.wrap(buf, 0, pos);
    }

    public byte[] toArray() {
        return Arrays.copyOf(buf, pos);
    }
}
