package io.srs.app.cluster;

/**
 * One edge pull as the HTTP API shows it. Immutable.
 *
 * @param stream        the local stream url
 * @param origin        {@code host:port} currently connected, or empty
 * @param attempts      connections attempted
 * @param connections   upstream connections that delivered media
 * @param reconnects    such connections after the first
 * @param failovers     times the stream resumed from another origin
 * @param failures      failed attempts and broken connections
 * @param redirects     RTMP 302 or HTTP redirects followed
 * @param messages      media messages pulled
 * @param lastError     the last failure, or empty
 */
public record EdgeStats(String stream, EdgeIngester.State state, String origin, long attempts, long connections,
                        long reconnects, long failovers, long failures, long redirects, long messages,
                        String lastError) {
}
