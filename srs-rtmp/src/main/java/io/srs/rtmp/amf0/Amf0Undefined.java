package io.srs.rtmp.amf0;

/** AMF0 undefined (marker 0x06). Thread-safe (a singleton). */
public enum Amf0Undefined implements Amf0Value {
    INSTANCE
}
