package io.srs.kernel.mp4;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds ISO BMFF boxes (ISO/IEC 14496-12) into a growable byte array: {@link #begin} opens a
 * box with a placeholder size that {@link #end} fills in, so nested boxes need no size
 * precomputation. Big-endian throughout.
 *
 * <p>Not thread-safe: one writer thread.
 */
public final class BoxWriter {
    private byte[] buf = new byte[256];
    private int len;
    private int[] open = new int[16];
    private int depth;

    /** Opens a box: 32-bit size (filled by {@link #end}) and its four-character type. */
    public BoxWriter begin(String type) {
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = len;
        u32(0);
        return fourCc(type);
    }

    /** Opens a full box: a box with an 8-bit version and 24-bit flags. */
    public BoxWriter beginFull(String type, int version, int flags) {
        begin(type);
        u8(version);
        return u24(flags);
    }

    /** Closes the innermost open box, writing its size. */
    public BoxWriter end() {
        int at = open[--depth];
        putU32(at, len - at);
        return this;
    }

    public BoxWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public BoxWriter u16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public BoxWriter u24(int v) {
        ensure(3);
        buf[len++] = (byte) (v >> 16);
        buf[len++] = (byte) (v >> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public BoxWriter u32(long v) {
        ensure(4);
        putU32(len, v);
        len += 4;
        return this;
    }

    public BoxWriter u64(long v) {
        u32(v >>> 32);
        return u32(v);
    }

    /** {@code n} zero bytes (reserved fields). */
    public BoxWriter zeros(int n) {
        ensure(n);
        Arrays.fill(buf, len, len + n, (byte) 0);
        len += n;
        return this;
    }

    public BoxWriter bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public BoxWriter fourCc(String type) {
        byte[] b = type.getBytes(StandardCharsets.US_ASCII);
        if (b.length != 4) {
            throw new IllegalArgumentException("four-character code expected: " + type);
        }
        return bytes(b, 0, 4);
    }

    /** Bytes written so far (also the offset of whatever is written next). */
    public int position() {
        return len;
    }

    /** Overwrites 4 bytes already written (data offsets known only later). */
    public void putU32(int at, long v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    /** The internal array; valid up to {@link #position()}. */
    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " boxes still open");
        }
        return Arrays.copyOf(buf, len);
    }

    /** Empties the writer for reuse (the array is kept). */
    public void reset() {
        len = 0;
        depth = 0;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
