package io.srs.rtmp.amf0;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.ByteWriter;

import java.nio.charset.StandardCharsets;

/**
 * Encodes AMF0 values into a {@link ByteWriter}. Port of the write half of
 * {@code srs_protocol_amf0.cpp}. Strings longer than 65535 UTF-8 bytes are written as long
 * strings (0x0C); a property key that long cannot be encoded and throws {@link SrsException}
 * with {@link ErrorCode#RTMP_AMF0_ENCODE}. ECMA arrays and strict arrays carry their real count.
 *
 * <p>Not thread-safe: it appends to one writer owned by the caller.
 */
public final class Amf0Writer {
    private static final int MAX_SHORT_STRING = 0xffff;

    private final ByteWriter out;

    public Amf0Writer(ByteWriter out) {
        this.out = out;
    }

    public ByteWriter output() {
        return out;
    }

    public Amf0Writer write(Amf0Value value) {
        switch (value) {
            case Amf0Number n -> writeNumber(n.value());
            case Amf0Boolean b -> writeBoolean(b.value());
            case Amf0String s -> writeString(s.value());
            case Amf0Null ignored -> writeNull();
            case Amf0Undefined ignored -> writeUndefined();
            case Amf0Object o -> {
                out.writeU8(Amf0Marker.OBJECT);
                writeProperties(o);
            }
            case Amf0EcmaArray a -> {
                out.writeU8(Amf0Marker.ECMA_ARRAY);
                out.writeS32(a.size());
                writeProperties(a);
            }
            case Amf0TypedObject t -> {
                out.writeU8(Amf0Marker.TYPED_OBJECT);
                writeUtf8(t.className());
                writeProperties(t);
            }
            case Amf0StrictArray a -> {
                out.writeU8(Amf0Marker.STRICT_ARRAY);
                out.writeS32(a.size());
                for (Amf0Value v : a.values()) {
                    write(v);
                }
            }
            case Amf0Date d -> {
                out.writeU8(Amf0Marker.DATE);
                out.writeS64(Double.doubleToRawLongBits(d.millis()));
                out.writeU16(d.timeZone());
            }
        }
        return this;
    }

    public Amf0Writer writeNumber(double value) {
        out.writeU8(Amf0Marker.NUMBER);
        out.writeS64(Double.doubleToRawLongBits(value));
        return this;
    }

    public Amf0Writer writeBoolean(boolean value) {
        out.writeU8(Amf0Marker.BOOLEAN);
        out.writeU8(value ? 1 : 0);
        return this;
    }

    /** A short string (0x02), or a long string (0x0C) above 65535 UTF-8 bytes. */
    public Amf0Writer writeString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_SHORT_STRING) {
            out.writeU8(Amf0Marker.LONG_STRING);
            out.writeS32(utf8.length);
        } else {
            out.writeU8(Amf0Marker.STRING);
            out.writeU16(utf8.length);
        }
        out.writeBytes(utf8);
        return this;
    }

    public Amf0Writer writeNull() {
        out.writeU8(Amf0Marker.NULL);
        return this;
    }

    public Amf0Writer writeUndefined() {
        out.writeU8(Amf0Marker.UNDEFINED);
        return this;
    }

    private void writeProperties(Amf0Properties holder) {
        for (Amf0Property p : holder.properties()) {
            writeUtf8(p.key());
            write(p.value());
        }
        out.writeU16(0);
        out.writeU8(Amf0Marker.OBJECT_END);
    }

    private void writeUtf8(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_SHORT_STRING) {
            throw new SrsException(ErrorCode.RTMP_AMF0_ENCODE,
                    "key or class name of " + utf8.length + " bytes exceeds 65535");
        }
        out.writeU16(utf8.length);
        out.writeBytes(utf8);
    }
}
