package io.srs.rtmp.amf0;

/**
 * AMF0 date (marker 0x0B): milliseconds since the Unix epoch as a double, then a signed 16-bit
 * time zone that the specification says to write as 0 and ignore. Thread-safe (immutable).
 *
 * @param millis   milliseconds since 1970-01-01T00:00Z
 * @param timeZone the reserved signed 16-bit field, kept so that decoding and re-encoding
 *                 reproduces the input
 */
public record Amf0Date(double millis, int timeZone) implements Amf0Value {
    public Amf0Date {
        if (timeZone < Short.MIN_VALUE || timeZone > Short.MAX_VALUE) {
            throw new IllegalArgumentException("time zone " + timeZone + " is not a signed 16-bit value");
        }
    }

    public Amf0Date(double millis) {
        this(millis, 0);
    }
}
