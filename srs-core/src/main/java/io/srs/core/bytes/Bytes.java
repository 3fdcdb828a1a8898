package io.srs.core.bytes;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable view of a byte range. Slicing shares the array; nothing writes into it after
 * construction, so one payload can be handed to every player, the GOP cache and HLS at once.
 *
 * <p>Thread-safe by immutability: whoever builds a Bytes from an array must not touch that
 * array afterwards.
 */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);

    private final byte[] array;
    private final int offset;
    private final int length;
    /**
     * One form an encoder derived from these bytes (RTMP's chunked copy in direct memory), kept
     * here so every consumer of a shared payload uses the same one. The bytes never change, so a
     * derived form never goes stale; it lives exactly as long as this object. Plain volatile:
     * two threads deriving at once both get a correct form, and the last one stays.
     */
    private volatile Object derived;

    private Bytes(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** Takes ownership of {@code array}; the caller must not modify it afterwards. */
    public static Bytes wrap(byte[] array) {
        return new Bytes(array, 0, array.length);
    }

    /** Takes ownership of the range; the caller must not modify it afterwards. */
    public static Bytes wrap(byte[] array, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, array.length);
        return new Bytes(array, offset, length);
    }

    /** A private copy of the range. */
    public static Bytes copyOf(byte[] array, int offset, int length) {
        return new Bytes(Arrays.copyOfRange(array, offset, offset + length), 0, length);
    }

    public static Bytes fromHex(String hex) {
        return wrap(HexFormat.of().parseHex(hex.replaceAll("\\s+", "")));
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** Unsigned byte at {@code index}. */
    public int get(int index) {
        Objects.checkIndex(index, length);
        return array[offset + index] & 0xff;
    }

    public Bytes slice(int from, int len) {
        Objects.checkFromIndexSize(from, len, length);
        return new Bytes(array, offset + from, len);
    }

    public Bytes slice(int from) {
        return slice(from, length - from);
    }

    /**
     * The backing array, for zero-copy writes and parsing. Read only between {@link #offset()}
     * and {@code offset() + length()}; never write into it.
     */
    public byte[] array() {
        return array;
    }

    public int offset() {
        return offset;
    }

    /** See {@link #derive}; null until an encoder stored something. */
    public Object derived() {
        return derived;
    }

    /**
     * Stores a form derived from exactly these bytes (e.g. an encoding of them), replacing the
     * previous one. Does not change what this object holds, so it stays thread-safe.
     */
    public void derive(Object form) {
        this.derived = form;
    }

    public byte[] toArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    public void copyTo(byte[] dst, int dstOffset) {
        System.arraycopy(array, offset, dst, dstOffset, length);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(array, offset, length);
    }

    public ByteReader reader() {
        return new ByteReader(array, offset, length);
    }

    public String toHex() {
        return HexFormat.of().formatHex(array, offset, offset + length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b
                && Arrays.equals(array, offset, offset + length, b.array, b.offset, b.offset + b.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "Bytes[" + length + "]";
    }
}
