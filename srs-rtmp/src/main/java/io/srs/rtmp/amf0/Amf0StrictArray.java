package io.srs.rtmp.amf0;

import java.util.List;

/**
 * AMF0 strict array (marker 0x0A): a 32-bit count then exactly that many values.
 * Thread-safe (immutable; the list is an unmodifiable copy).
 */
public record Amf0StrictArray(List<Amf0Value> values) implements Amf0Value {
    public Amf0StrictArray {
        values = List.copyOf(values);
    }

    public static Amf0StrictArray of(Amf0Value... values) {
        return new Amf0StrictArray(List.of(values));
    }

    public int size() {
        return values.size();
    }

    public Amf0Value get(int index) {
        return values.get(index);
    }
}
