package io.srs.core.log;

/**
 * Makes a peer-supplied string (app, stream, param, tcUrl, page url, HTTP path...) safe for one
 * log line: control and invisible format characters and backslashes are escaped, so a newline
 * cannot forge a line and an escape sequence cannot repaint a terminal; very long values are
 * cut, so one field cannot drown the line. The result is for reading, not for parsing back.
 *
 * <p>Stateless; thread-safe.
 */
public final class PeerText {
    /** Characters of a value kept before it is cut. */
    public static final int MAX_CHARS = 512;

    private PeerText() {
    }

    /** The escaped value, cut at {@value #MAX_CHARS} characters; {@code null} becomes {@code "null"}. */
    public static String escape(Object value) {
        return escape(value, MAX_CHARS);
    }

    /**
     * Escapes control and format characters only (backslashes stay), never cuts: for a whole
     * log message whose parameters were already escaped.
     */
    public static String escapeControls(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (unsafe(s.charAt(i))) {
                StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
                for (int j = i; j < s.length(); j++) {
                    appendEscaped(b, s.charAt(j), false);
                }
                return b.toString();
            }
        }
        return s;
    }

    private static String escape(Object value, int max) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        int n = Math.min(s.length(), max);
        if (n == s.length() && clean(s)) {
            return s;
        }
        StringBuilder b = new StringBuilder(n + 16);
        for (int i = 0; i < n; i++) {
            appendEscaped(b, s.charAt(i), true);
        }
        if (n < s.length()) {
            b.append("...(").append(s.length()).append(" chars)");
        }
        return b.toString();
    }

    private static void appendEscaped(StringBuilder b, char c, boolean backslash) {
        switch (c) {
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            case '\\' -> b.append(backslash ? "\\\\" : "\\");
            default -> {
                if (unsafe(c)) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
    }

    private static boolean clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || unsafe(c)) {
                return false;
            }
        }
        return true;
    }

    /** Controls (C0, DEL, C1), line/paragraph separators, bidi and other format characters. */
    private static boolean unsafe(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                || Character.getType(c) == Character.FORMAT;
    }
}
