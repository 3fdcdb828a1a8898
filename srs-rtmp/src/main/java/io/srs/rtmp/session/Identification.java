package io.srs.rtmp.session;

/**
 * The result of {@link RtmpServerSession#identify}: the kind of client, the stream name it asked
 * for (query included, as sent) and, for players, the requested duration.
 *
 * @param durationMillis play duration, -1 when none (live)
 */
public record Identification(ClientKind kind, String streamName, long durationMillis) {
}
