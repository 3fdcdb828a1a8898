package io.srs.rtmp.amf0;

import java.util.Objects;

/** One key/value pair of an object, ECMA array or typed object. Thread-safe (immutable). */
public record Amf0Property(String key, Amf0Value value) {
    public Amf0Property {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
