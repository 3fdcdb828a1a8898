package io.srs.rtmp.amf0;

import io.srs.core.bytes.ByteReader;
import io.srs.core.bytes.ByteWriter;
import io.srs.core.bytes.Bytes;

import java.util.List;

/**
 * Shortcuts over {@link Amf0Reader} and {@link Amf0Writer} with the default limits.
 * Thread-safe (stateless).
 */
public final class Amf0 {
    private Amf0() {
    }

    /** Reads one value; see {@link Amf0Reader} for errors and limits. */
    public static Amf0Value read(ByteReader in) {
        return new Amf0Reader(in).read();
    }

    /** Decodes every value in {@code bytes}. */
    public static List<Amf0Value> readAll(Bytes bytes) {
        return new Amf0Reader(bytes).readAll();
    }

    public static void write(ByteWriter out, Amf0Value value) {
        new Amf0Writer(out).write(value);
    }

    /** The concatenated encodings of {@code values}. */
    public static Bytes encode(Amf0Value... values) {
        ByteWriter out = new ByteWriter();
        Amf0Writer w = new Amf0Writer(out);
        for (Amf0Value v : values) {
            w.write(v);
        }
        return out.toBytes();
    }
}
