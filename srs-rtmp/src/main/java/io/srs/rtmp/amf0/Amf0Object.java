package io.srs.rtmp.amf0;

import java.util.List;

/**
 * AMF0 anonymous object (marker 0x03): ordered properties closed by the object-end marker.
 * Built by chaining {@code put}, each returning a new object:
 * {@code Amf0Object.of().put("level", "status").put("code", "NetStream.Play.Start")}.
 *
 * <p>Thread-safe (immutable).
 */
public record Amf0Object(List<Amf0Property> properties) implements Amf0Properties {
    private static final Amf0Object EMPTY = new Amf0Object(List.of());

    public Amf0Object {
        properties = PropertyList.normalize(properties);
    }

    /** The empty object. */
    public static Amf0Object of() {
        return EMPTY;
    }

    /** A copy with {@code key} set to {@code value}; an existing entry is removed and re-added at the end. */
    public Amf0Object put(String key, Amf0Value value) {
        return new Amf0Object(PropertyList.with(properties, key, value));
    }

    public Amf0Object put(String key, String value) {
        return put(key, new Amf0String(value));
    }

    public Amf0Object put(String key, double value) {
        return put(key, new Amf0Number(value));
    }

    public Amf0Object put(String key, boolean value) {
        return put(key, Amf0Boolean.of(value));
    }

    public Amf0Object remove(String key) {
        return new Amf0Object(PropertyList.without(properties, key));
    }
}
