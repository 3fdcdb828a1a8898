package io.srs.app.config;

import java.time.Duration;

import static io.srs.app.config.Values.integer;
import static io.srs.app.config.Values.seconds;

/**
 * {@code http_limits { ... }}: what one HTTP client may cost every HTTP listener ({@code
 * http_server}, {@code http_api}, {@code exporter}). Not in SRS, whose HTTP stack has fixed
 * limits; without these, a peer could hold memory with endless headers or hold slots with
 * requests that never finish. Immutable.
 *
 * @param maxConnections      HTTP connections open at once across all HTTP listeners; more are closed at accept
 * @param maxConnectionsPerIp HTTP connections open at once from one address
 * @param maxHeaderSize       bytes of request line plus headers; a longer head is refused
 * @param maxBodySize         bytes of a request body
 * @param maxHeaders          header lines in one request
 * @param maxParameters       query parameters in one request
 * @param headerTimeout       time to receive a complete request head once its first byte has
 *                            arrived, however the bytes trickle in (the slowloris deadline)
 * @param idleTimeout         time a connection may stay without a request (before the first one
 *                            and between keep-alive requests) or without any I/O
 */
public record HttpLimitsConfig(int maxConnections, int maxConnectionsPerIp, int maxHeaderSize, long maxBodySize,
                               int maxHeaders, int maxParameters, Duration headerTimeout, Duration idleTimeout) {

    public static final HttpLimitsConfig DEFAULTS = new HttpLimitsConfig(Defaults.HTTP_LIMITS_MAX_CONNECTIONS,
            Defaults.HTTP_LIMITS_MAX_CONNECTIONS_PER_IP, Defaults.HTTP_LIMITS_MAX_HEADER_SIZE,
            Defaults.HTTP_LIMITS_MAX_BODY_SIZE, Defaults.HTTP_LIMITS_MAX_HEADERS, Defaults.HTTP_LIMITS_MAX_PARAMETERS,
            Defaults.HTTP_LIMITS_HEADER_TIMEOUT, Defaults.HTTP_LIMITS_IDLE_TIMEOUT);

    static HttpLimitsConfig of(Directive root) {
        Directive b = root.get("http_limits");
        return new HttpLimitsConfig(
                integer(b, "max_connections", Defaults.HTTP_LIMITS_MAX_CONNECTIONS, 1, 1_000_000),
                integer(b, "max_connections_per_ip", Defaults.HTTP_LIMITS_MAX_CONNECTIONS_PER_IP, 1, 1_000_000),
                integer(b, "max_header_size", Defaults.HTTP_LIMITS_MAX_HEADER_SIZE, 1024, 1 << 20),
                integer(b, "max_body_size", (int) Defaults.HTTP_LIMITS_MAX_BODY_SIZE, 0, 1 << 30),
                integer(b, "max_headers", Defaults.HTTP_LIMITS_MAX_HEADERS, 1, 10_000),
                integer(b, "max_parameters", Defaults.HTTP_LIMITS_MAX_PARAMETERS, 1, 10_000),
                atLeastMilli(seconds(b, "header_timeout", Defaults.HTTP_LIMITS_HEADER_TIMEOUT)),
                atLeastMilli(seconds(b, "idle_timeout", Defaults.HTTP_LIMITS_IDLE_TIMEOUT)));
    }

    /** Undertow takes milliseconds and reads 0 as "no limit": a limit is never switched off by rounding. */
    private static Duration atLeastMilli(Duration d) {
        return d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d;
    }
}
