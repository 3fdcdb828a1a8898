package io.srs.rtmp.request;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

/**
 * Splits {@code schema://[userinfo@]host[:port][/path][?query][#fragment]} the way SRS's
 * {@code SrsHttpUri} (built on http_parser) does: query runs from the first {@code ?} to the first
 * {@code #} and may contain more {@code ?}; the fragment is the rest. Spaces, control characters
 * other than tab, an empty host, a bad or empty port all fail. Stateless.
 */
final class UrlParser {
    record ParsedUrl(String schema, String host, int port, String path, String query, String fragment) {
    }

    private UrlParser() {
    }

    static ParsedUrl parse(String url) {
        int sep = url.indexOf("://");
        if (sep <= 0) {
            throw fail(url, "no schema");
        }
        String schema = url.substring(0, sep);
        for (int i = 0; i < schema.length(); i++) {
            if (!isAsciiLetter(schema.charAt(i))) {
                throw fail(url, "bad schema");
            }
        }
        int authStart = sep + 3;
        int authEnd = authStart;
        while (authEnd < url.length() && "/?#".indexOf(url.charAt(authEnd)) < 0) {
            authEnd++;
        }
        String authority = url.substring(authStart, authEnd);
        int at = authority.lastIndexOf('@');
        String hostPort = at >= 0 ? authority.substring(at + 1) : authority;

        String host;
        String portText = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw fail(url, "unclosed ipv6 host");
            }
            host = hostPort.substring(1, close);
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (!(isHex(c) || c == ':' || c == '.' || c == '%')) {
                    throw fail(url, "bad ipv6 host");
                }
            }
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (after.charAt(0) != ':') {
                    throw fail(url, "junk after ipv6 host");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = hostPort.indexOf(':');
            host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
            portText = colon >= 0 ? hostPort.substring(colon + 1) : null;
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (!(isAsciiLetter(c) || isDigit(c) || c == '.' || c == '-' || c == '_')) {
                    throw fail(url, "bad host");
                }
            }
        }
        if (host.isEmpty()) {
            throw fail(url, "empty host");
        }
        int port = 0;
        if (portText != null) {
            if (portText.isEmpty() || portText.length() > 5) {
                throw fail(url, "bad port");
            }
            for (int i = 0; i < portText.length(); i++) {
                if (!isDigit(portText.charAt(i))) {
                    throw fail(url, "bad port");
                }
            }
            port = Integer.parseInt(portText);
            if (port > 0xffff) {
                throw fail(url, "port out of range");
            }
        }
        if (port <= 0) {
            port = defaultPort(schema);
        }

        String rest = url.substring(authEnd);
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\f') || c == ' ' || c == 0x7f) {
                throw fail(url, "bad character in path or query");
            }
        }
        int hash = rest.indexOf('#');
        String fragment = hash >= 0 ? rest.substring(hash + 1) : "";
        String beforeHash = hash >= 0 ? rest.substring(0, hash) : rest;
        int q = beforeHash.indexOf('?');
        String query = q >= 0 ? beforeHash.substring(q + 1) : "";
        String path = q >= 0 ? beforeHash.substring(0, q) : beforeHash;
        return new ParsedUrl(schema, host, port, path, query, fragment);
    }

    /** SRS's defaults: 1935 for rtmp, 443 for https, 6379 for redis, otherwise 80. */
    static int defaultPort(String schema) {
        return switch (schema) {
            case "rtmp" -> RtmpUrls.DEFAULT_PORT;
            case "https" -> 443;
            case "redis" -> 6379;
            default -> 80;
        };
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static SrsException fail(String url, String why) {
        return new SrsException(ErrorCode.RTMP_REQ_TCURL, "parse url " + url + ": " + why);
    }
}
