package io.srs.rtmp.amf0;

/** AMF0 null (marker 0x05). Thread-safe (a singleton). */
public enum Amf0Null implements Amf0Value {
    INSTANCE
}
