package io.srs.app.cluster;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.rtmp.request.RtmpUrls;

/**
 * An upstream server as the config names it: {@code host[:port]}, {@code [v6]:port}, the port
 * defaulting to 1935 (80 for HTTP-FLV). Port of {@code srs_parse_hostport}, stricter: a bad port is an error, not
 * a silent default. Immutable.
 */
public record Endpoint(String host, int port, boolean tls) {
    /** Port rtmps:// implies, as FFmpeg and OBS assume. */
    static final int RTMPS_DEFAULT_PORT = 443;
    private static final String RTMPS = "rtmps://";

    /** A plain RTMP upstream. */
    public Endpoint(String host, int port) {
        this(host, port, false);
    }

    public Endpoint {
        if (host == null || host.isEmpty()) {
            throw new SrsException(ErrorCode.EDGE_PORT_INVALID, "empty upstream host");
        }
        if (port <= 0 || port > 65535) {
            throw new SrsException(ErrorCode.EDGE_PORT_INVALID, "invalid upstream port " + port);
        }
    }

    /** Reads {@code host}, {@code host:port}, {@code [::1]} or {@code [::1]:port}. */
    public static Endpoint parse(String hostPort) {
        return parse(hostPort, RtmpUrls.DEFAULT_PORT);
    }

    /** The same, with another default port (80 for an HTTP origin). */
    public static Endpoint parse(String hostPort, int defaultPort) {
        String s = hostPort.strip();
        // Ours: rtmps://host[:port] makes the upstream connection TLS (default port 443).
        boolean tls = s.regionMatches(true, 0, RTMPS, 0, RTMPS.length());
        if (tls) {
            s = s.substring(RTMPS.length());
            if (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        String host = s;
        String port = "";
        boolean colon = false;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw new SrsException(ErrorCode.EDGE_PORT_INVALID, "bad upstream address " + hostPort);
            }
            host = s.substring(1, end);
            String rest = s.substring(end + 1);
            if (rest.startsWith(":")) {
                colon = true;
                port = rest.substring(1);
            } else if (!rest.isEmpty()) {
                throw new SrsException(ErrorCode.EDGE_PORT_INVALID, "bad upstream address " + hostPort);
            }
        } else {
            int at = s.lastIndexOf(':');
            // A bare IPv6 address has several colons and no port.
            if (at >= 0 && s.indexOf(':') == at) {
                colon = true;
                host = s.substring(0, at);
                port = s.substring(at + 1);
            }
        }
        int p = tls ? RTMPS_DEFAULT_PORT : defaultPort;
        if (colon && port.isEmpty()) {
            throw new SrsException(ErrorCode.EDGE_PORT_INVALID, "empty upstream port in " + hostPort);
        }
        if (!port.isEmpty()) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new SrsException(ErrorCode.EDGE_PORT_INVALID, "bad upstream port in " + hostPort);
            }
        }
        return new Endpoint(host, p, tls);
    }

    @Override
    public String toString() {
        return (tls ? RTMPS : "") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
