package io.srs.research.load;

import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny ordered JSON object writer for the summary line. Not thread-safe. */
final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Json put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    Map<String, Object> fields() {
        return fields;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        write(b, this);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v) {
        switch (v) {
            case null -> b.append("null");
            case Json j -> {
                b.append('{');
                boolean first = true;
                for (Map.Entry<String, Object> e : j.fields.entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    string(b, e.getKey());
                    b.append(':');
                    write(b, e.getValue());
                }
                b.append('}');
            }
            case Iterable<?> it -> {
                b.append('[');
                boolean first = true;
                for (Object o : it) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    write(b, o);
                }
                b.append(']');
            }
            case Double d when d.isNaN() || d.isInfinite() -> b.append("null");
            case Double d -> b.append(Math.round(d * 1000) / 1000.0);
            case Number n -> b.append(n);
            case Boolean x -> b.append(x);
            default -> string(b, v.toString());
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
