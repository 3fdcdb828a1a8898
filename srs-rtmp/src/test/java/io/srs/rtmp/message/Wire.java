package io.srs.rtmp.message;

import io.srs.core.bytes.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Hand-rolled AMF0 encodings straight from the AMF0 specification, independent of the codec
 * under test, for building expected wire bytes.
 */
final class Wire {
    private static final HexFormat HEX = HexFormat.of();

    private Wire() {
    }

    static String str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return "02" + String.format("%04x", b.length) + HEX.formatHex(b);
    }

    static String key(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return String.format("%04x", b.length) + HEX.formatHex(b);
    }

    static String num(double d) {
        return "00" + String.format("%016x", Double.doubleToRawLongBits(d));
    }

    static String bool(boolean b) {
        return b ? "0101" : "0100";
    }

    static String nul() {
        return "05";
    }

    static String undef() {
        return "06";
    }

    /** An object from alternating keys and already-encoded values. */
    static String obj(String... keyValues) {
        return "03" + props(keyValues);
    }

    static String ecma(String... keyValues) {
        return "08" + String.format("%08x", keyValues.length / 2) + props(keyValues);
    }

    private static String props(String... keyValues) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            sb.append(key(keyValues[i])).append(keyValues[i + 1]);
        }
        return sb.append("000009").toString();
    }

    static Bytes bytes(String... parts) {
        return Bytes.fromHex(String.join("", parts));
    }
}
