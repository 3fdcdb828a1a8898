package io.srs.app.cluster;

/**
 * One forwarder as the HTTP API shows it. Immutable.
 *
 * @param stream      the local stream url ({@code /app/stream})
 * @param destination {@code rtmp://host:port/app/stream}
 * @param connections connections that reached publishing
 * @param reconnects  connections after the first
 * @param failures    failed attempts and broken connections
 * @param messages    messages sent
 * @param lastError   the last failure, or empty
 */
public record ForwardStats(String stream, String destination, Forwarder.State state, long connections,
                           long reconnects, long failures, long messages, String lastError) {
}
