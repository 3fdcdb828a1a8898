package io.srs.rtmp.amf0;

import java.util.List;
import java.util.Objects;

/**
 * AMF0 typed object (marker 0x10): a class name then properties closed by the object-end
 * marker. SRS does not decode it; we do, so that a client sending one does not break a
 * connect or a metadata message. Thread-safe (immutable).
 */
public record Amf0TypedObject(String className, List<Amf0Property> properties) implements Amf0Properties {
    public Amf0TypedObject {
        Objects.requireNonNull(className, "className");
        properties = PropertyList.normalize(properties);
    }

    public Amf0TypedObject put(String key, Amf0Value value) {
        return new Amf0TypedObject(className, PropertyList.with(properties, key, value));
    }
}
