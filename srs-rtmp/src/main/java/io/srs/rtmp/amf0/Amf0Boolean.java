package io.srs.rtmp.amf0;

/** AMF0 boolean (marker 0x01); any non-zero byte reads as true. Thread-safe (immutable). */
public record Amf0Boolean(boolean value) implements Amf0Value {
    public static final Amf0Boolean TRUE = new Amf0Boolean(true);
    public static final Amf0Boolean FALSE = new Amf0Boolean(false);

    public static Amf0Boolean of(boolean value) {
        return value ? TRUE : FALSE;
    }
}
