package io.srs.rtmp.amf0;

import java.util.List;

/**
 * AMF0 ECMA array (marker 0x08): an associative array. On the wire a 32-bit count precedes the
 * properties, but like SRS the reader treats it only as a hint and reads until the object-end
 * marker (encoders get the count wrong in the wild). The writer writes the real count.
 *
 * <p>Thread-safe (immutable).
 */
public record Amf0EcmaArray(List<Amf0Property> properties) implements Amf0Properties {
    private static final Amf0EcmaArray EMPTY = new Amf0EcmaArray(List.of());

    public Amf0EcmaArray {
        properties = PropertyList.normalize(properties);
    }

    public static Amf0EcmaArray of() {
        return EMPTY;
    }

    public Amf0EcmaArray put(String key, Amf0Value value) {
        return new Amf0EcmaArray(PropertyList.with(properties, key, value));
    }

    public Amf0EcmaArray put(String key, String value) {
        return put(key, new Amf0String(value));
    }

    public Amf0EcmaArray put(String key, double value) {
        return put(key, new Amf0Number(value));
    }

    public Amf0EcmaArray put(String key, boolean value) {
        return put(key, Amf0Boolean.of(value));
    }

    public Amf0EcmaArray remove(String key) {
        return new Amf0EcmaArray(PropertyList.without(properties, key));
    }

    /** The same properties as an anonymous object, as SRS converts ECMA-array metadata. */
    public Amf0Object toObject() {
        return new Amf0Object(properties);
    }
}
