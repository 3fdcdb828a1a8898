package io.srs.app.config;

import java.time.Duration;

import static io.srs.app.config.Values.integer;
import static io.srs.app.config.Values.seconds;

/**
 * {@code rtmp_limits { ... }}: what one RTMP peer may cost before and after it has earned trust
 * (published or played). Not in SRS, which trusts announced lengths and has per-read timeouts
 * only; without these a peer could reserve memory by announcing large messages, hold a slot by
 * dribbling bytes, or take every slot from one address. Immutable.
 *
 * @param partialBytes        bytes one connection may hold in unfinished messages (grown with
 *                            the bytes that arrived); room for two 8 MiB messages interleaved
 * @param preauthBytes        bytes all connections that have not yet published or played may
 *                            hold together in unfinished messages; past it the newest of them
 *                            are closed first
 * @param connectTimeout      from accept to a publish or play (handshake, connect and the
 *                            identification commands), however the bytes trickle in
 * @param messageTimeout      a message whose first byte arrived must be complete within this
 * @param maxConnectionsPerIp RTMP connections from one address; 0 means half of
 *                            {@code max_connections}
 */
public record RtmpLimitsConfig(int partialBytes, int preauthBytes, Duration connectTimeout, Duration messageTimeout,
                               int maxConnectionsPerIp) {

    public static final RtmpLimitsConfig DEFAULTS = new RtmpLimitsConfig(Defaults.RTMP_LIMITS_PARTIAL_BYTES,
            Defaults.RTMP_LIMITS_PREAUTH_BYTES, Defaults.RTMP_LIMITS_CONNECT_TIMEOUT,
            Defaults.RTMP_LIMITS_MESSAGE_TIMEOUT, Defaults.RTMP_LIMITS_MAX_CONNECTIONS_PER_IP);

    static RtmpLimitsConfig of(Directive root) {
        Directive b = root.get("rtmp_limits");
        return new RtmpLimitsConfig(
                integer(b, "partial_bytes", Defaults.RTMP_LIMITS_PARTIAL_BYTES, 64 * 1024, 1 << 30),
                integer(b, "preauth_bytes", Defaults.RTMP_LIMITS_PREAUTH_BYTES, 64 * 1024, 1 << 30),
                atLeastMilli(seconds(b, "connect_timeout", Defaults.RTMP_LIMITS_CONNECT_TIMEOUT)),
                atLeastMilli(seconds(b, "message_timeout", Defaults.RTMP_LIMITS_MESSAGE_TIMEOUT)),
                integer(b, "max_connections_per_ip", Defaults.RTMP_LIMITS_MAX_CONNECTIONS_PER_IP, 0, Integer.MAX_VALUE));
    }

    /** The per-address cap in effect under {@code max_connections}. */
    public int maxConnectionsPerIp(int maxConnections) {
        return maxConnectionsPerIp > 0 ? maxConnectionsPerIp : Math.max(1, maxConnections / 2);
    }

    private static Duration atLeastMilli(Duration d) {
        return d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d;
    }
}
