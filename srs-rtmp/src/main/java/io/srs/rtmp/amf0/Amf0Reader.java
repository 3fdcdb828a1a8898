package io.srs.rtmp.amf0;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.ByteReader;
import io.srs.core.bytes.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes AMF0 values from a {@link ByteReader}. Port of the read half of
 * {@code srs_protocol_amf0.cpp}, with limits SRS lacks: every count and length from the wire is
 * checked against the bytes left and against {@link Limits} before anything is allocated, and
 * nesting is bounded so hostile input cannot exhaust the stack.
 *
 * <p>Errors: truncated or malformed input throws {@link SrsException} with
 * {@link ErrorCode#RTMP_AMF0_DECODE}; a marker AMF0 cannot carry here (movieclip, reference,
 * unsupported, recordset, XML document, the AMF3 switch 0x11, or an unknown byte) throws
 * {@link ErrorCode#RTMP_AMF0_INVALID}, SRS's code for an unknown marker.
 *
 * <p>SRS leniency kept on purpose: an object, ECMA array or typed object that runs to the very
 * end of the input without its object-end marker is accepted (SRS loops "while not empty"),
 * and the ECMA array count is only a hint. A duplicate key replaces the earlier one.
 *
 * <p>Not thread-safe: one reader per parse, on the caller's thread.
 */
public final class Amf0Reader {
    /**
     * Caps applied while decoding.
     *
     * @param maxDepth       deepest nesting of objects/arrays (the top-level value is depth 0)
     * @param maxProperties  most properties in one object, ECMA array or typed object
     * @param maxArrayLength most elements in one strict array
     */
    public record Limits(int maxDepth, int maxProperties, int maxArrayLength) {
        /** 32 levels, 65536 properties, 1 Mi elements: far above what encoders send. */
        public static final Limits DEFAULT = new Limits(32, 65536, 1 << 20);
    }

    private final ByteReader in;
    private final Limits limits;

    public Amf0Reader(ByteReader in) {
        this(in, Limits.DEFAULT);
    }

    /** Reads from {@code in}, whose underflow error code is switched to RTMP_AMF0_DECODE. */
    public Amf0Reader(ByteReader in, Limits limits) {
        this.in = in.errorCode(ErrorCode.RTMP_AMF0_DECODE);
        this.limits = limits;
    }

    public Amf0Reader(Bytes bytes) {
        this(bytes.reader());
    }

    public boolean hasRemaining() {
        return in.hasRemaining();
    }

    public int remaining() {
        return in.remaining();
    }

    /** The underlying cursor, positioned after the last value read. */
    public ByteReader input() {
        return in;
    }

    /** The marker of the next value without consuming it. */
    public int peekMarker() {
        return in.peekU8();
    }

    /** Reads one value of any supported type. */
    public Amf0Value read() {
        return read(0);
    }

    /** Reads every value up to the end of the input. */
    public List<Amf0Value> readAll() {
        List<Amf0Value> values = new ArrayList<>();
        while (in.hasRemaining()) {
            values.add(read(0));
        }
        return values;
    }

    /** Reads a string (short or long form); any other type is an error. */
    public String readString() {
        int marker = in.readU8();
        return switch (marker) {
            case Amf0Marker.STRING -> readUtf8();
            case Amf0Marker.LONG_STRING -> readLongUtf8();
            default -> throw unexpected(marker, "string");
        };
    }

    public double readNumber() {
        expect(Amf0Marker.NUMBER, "number");
        return readDoubleBits();
    }

    public boolean readBoolean() {
        expect(Amf0Marker.BOOLEAN, "boolean");
        return in.readU8() != 0;
    }

    public void readNull() {
        expect(Amf0Marker.NULL, "null");
    }

    public void readUndefined() {
        expect(Amf0Marker.UNDEFINED, "undefined");
    }

    public Amf0Object readObject() {
        expect(Amf0Marker.OBJECT, "object");
        return new Amf0Object(readProperties(1));
    }

    private void expect(int wanted, String what) {
        int marker = in.readU8();
        if (marker != wanted) {
            throw unexpected(marker, what);
        }
    }

    private static SrsException unexpected(int marker, String what) {
        return new SrsException(ErrorCode.RTMP_AMF0_DECODE,
                "expect " + what + ", got marker " + hex(marker) + " (" + Amf0Marker.name(marker) + ")");
    }

    private Amf0Value read(int depth) {
        int marker = in.readU8();
        return switch (marker) {
            case Amf0Marker.NUMBER -> new Amf0Number(readDoubleBits());
            case Amf0Marker.BOOLEAN -> Amf0Boolean.of(in.readU8() != 0);
            case Amf0Marker.STRING -> new Amf0String(readUtf8());
            case Amf0Marker.LONG_STRING -> new Amf0String(readLongUtf8());
            case Amf0Marker.NULL -> Amf0Null.INSTANCE;
            case Amf0Marker.UNDEFINED -> Amf0Undefined.INSTANCE;
            case Amf0Marker.OBJECT -> new Amf0Object(readProperties(nested(depth)));
            case Amf0Marker.ECMA_ARRAY -> {
                in.skip(4); // the count: a hint only, see the class comment
                yield new Amf0EcmaArray(readProperties(nested(depth)));
            }
            case Amf0Marker.TYPED_OBJECT -> {
                String className = readUtf8();
                yield new Amf0TypedObject(className, readProperties(nested(depth)));
            }
            case Amf0Marker.STRICT_ARRAY -> readStrictArray(nested(depth));
            case Amf0Marker.DATE -> {
                double millis = readDoubleBits();
                yield new Amf0Date(millis, (short) in.readU16());
            }
            case Amf0Marker.OBJECT_END -> throw new SrsException(ErrorCode.RTMP_AMF0_DECODE,
                    "object-end marker outside an object");
            default -> throw new SrsException(ErrorCode.RTMP_AMF0_INVALID,
                    "unsupported amf0 marker " + hex(marker) + " (" + Amf0Marker.name(marker) + ")");
        };
    }

    private int nested(int depth) {
        if (depth + 1 > limits.maxDepth()) {
            throw new SrsException(ErrorCode.RTMP_AMF0_DECODE, "amf0 nesting deeper than " + limits.maxDepth());
        }
        return depth + 1;
    }

    /** Properties until the object-end marker (0x00 0x00 0x09) or the end of the input. */
    private List<Amf0Property> readProperties(int depth) {
        List<Amf0Property> properties = new ArrayList<>();
        while (in.hasRemaining()) {
            if (atObjectEnd()) {
                in.skip(3);
                return properties;
            }
            if (properties.size() >= limits.maxProperties()) {
                throw new SrsException(ErrorCode.RTMP_AMF0_DECODE,
                        "more than " + limits.maxProperties() + " properties in one object");
            }
            String key = readUtf8();
            properties.add(new Amf0Property(key, read(depth)));
        }
        return properties;
    }

    private boolean atObjectEnd() {
        if (!in.require(3)) {
            return false;
        }
        int at = in.position();
        boolean end = in.readU16() == 0 && in.readU8() == Amf0Marker.OBJECT_END;
        in.position(at);
        return end;
    }

    private Amf0StrictArray readStrictArray(int depth) {
        long count = in.readU32();
        // Every element takes at least one byte, so a count above what is left is a lie.
        if (count > limits.maxArrayLength() || count > in.remaining()) {
            throw new SrsException(ErrorCode.RTMP_AMF0_DECODE, "strict array of " + count
                    + " elements, " + in.remaining() + " bytes left, limit " + limits.maxArrayLength());
        }
        int n = (int) count;
        List<Amf0Value> values = new ArrayList<>(Math.min(n, 256));
        for (int i = 0; i < n; i++) {
            values.add(read(depth));
        }
        return new Amf0StrictArray(values);
    }

    private double readDoubleBits() {
        return Double.longBitsToDouble(in.readS64());
    }

    private String readUtf8() {
        int len = in.readU16();
        return in.readUtf8(len);
    }

    private String readLongUtf8() {
        long len = in.readU32();
        if (len > in.remaining()) {
            throw new SrsException(ErrorCode.RTMP_AMF0_DECODE,
                    "long string of " + len + " bytes, only " + in.remaining() + " left");
        }
        return in.readUtf8((int) len);
    }

    private static String hex(int marker) {
        return String.format("0x%02x", marker);
    }
}
