package io.srs.rtmp.amf0;

import java.util.Objects;

/**
 * AMF0 string: both the short string (marker 0x02, 16-bit length) and the long string (marker
 * 0x0C, 32-bit length). The writer uses the long form only when the UTF-8 encoding exceeds
 * 65535 bytes. Bytes that are not valid UTF-8 are decoded with replacement characters, so such
 * strings do not re-encode byte for byte. Thread-safe (immutable).
 */
public record Amf0String(String value) implements Amf0Value {
    public Amf0String {
        Objects.requireNonNull(value, "value");
    }
}
