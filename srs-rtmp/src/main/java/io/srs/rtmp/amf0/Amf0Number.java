package io.srs.rtmp.amf0;

/**
 * AMF0 number (marker 0x00): an IEEE-754 double. Written with its raw bits, so NaN payloads
 * survive a round trip. Thread-safe (immutable).
 */
public record Amf0Number(double value) implements Amf0Value {
}
