package io.srs.rtmp.amf0;

/**
 * One AMF0 value (Action Message Format 0, Adobe's AMF0 specification). Port of the idea of
 * {@code SrsAmf0Any} in {@code srs_protocol_amf0.hpp}, as a closed family of immutable values
 * so callers can switch over it exhaustively.
 *
 * <p>Short (0x02) and long (0x0C) strings are one type, {@link Amf0String}; the writer picks the
 * marker by UTF-8 length. The object-end marker is not a value: {@link Amf0Reader} consumes it
 * as the terminator of objects, ECMA arrays and typed objects.
 *
 * <p>Thread-safe: every implementation is immutable.
 */
public sealed interface Amf0Value
        permits Amf0Number, Amf0Boolean, Amf0String, Amf0Null, Amf0Undefined, Amf0StrictArray,
        Amf0Date, Amf0Properties {

    static Amf0Number of(double value) {
        return new Amf0Number(value);
    }

    static Amf0Boolean of(boolean value) {
        return Amf0Boolean.of(value);
    }

    static Amf0String of(String value) {
        return new Amf0String(value);
    }
}
