package io.srs.app.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.regex.Pattern;

/**
 * One listen endpoint: {@code port}, {@code ip:port} or {@code [ipv6]:port}, as parsed by SRS's
 * {@code srs_parse_endpoint}. The host must be an IP literal (SRS checks it with inet_pton);
 * a bare port listens on {@link Defaults#ANY_HOST}.
 *
 * <p>Immutable.
 *
 * @param host an IPv4 or IPv6 literal, without brackets
 * @param port 1..65535
 */
public record ListenAddress(String host, int port) {
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Parses one endpoint, reporting problems at {@code where}. */
    public static ListenAddress parse(String endpoint, Directive where) {
        String host = Defaults.ANY_HOST;
        String port = endpoint;
        int colon = endpoint.lastIndexOf(':');
        if (colon >= 0) {
            host = endpoint.substring(0, colon);
            port = endpoint.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]") && host.length() >= 2) {
                host = host.substring(1, host.length() - 1);
            } else if (host.indexOf(':') >= 0) {
                throw ConfigException.at(where, where.name() + " '" + endpoint
                        + "' is not a valid endpoint (expected [ipv6]:port with brackets)");
            }
            if (!isIpLiteral(host)) {
                throw ConfigException.at(where, where.name() + " ip '" + host + "' of '" + endpoint
                        + "' is not an IP address (expected port, ip:port or [ipv6]:port)");
            }
        }
        int p = PORT.matcher(port).matches() ? Integer.parseInt(port) : -1;
        if (p < 1 || p > 65535) {
            throw ConfigException.at(where, where.name() + " port '" + port + "' of '" + endpoint
                    + "' is invalid (expected a port in 1..65535)");
        }
        return new ListenAddress(host, p);
    }

    private static boolean isIpLiteral(String host) {
        try {
            if (host.indexOf(':') >= 0) {
                return Inet6Address.ofLiteral(host) != null;
            }
            // inet_pton accepts only the dotted quad, not the short forms Java also knows.
            return IPV4.matcher(host).matches() && Inet4Address.ofLiteral(host) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code host:port}, with brackets around an IPv6 host. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
