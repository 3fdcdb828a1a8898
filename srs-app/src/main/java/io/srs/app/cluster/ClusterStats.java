package io.srs.app.cluster;

import java.util.List;
import java.util.Optional;

/**
 * The cluster's part of one stream, for the HTTP API. Immutable.
 *
 * @param forwards  one entry per forward destination
 * @param edge      the edge pull feeding the stream, if it is pulled
 * @param relayedTo {@code host:port} of the origin an edge publish is relayed to, if any
 */
public record ClusterStats(List<ForwardStats> forwards, Optional<EdgeStats> edge, Optional<String> relayedTo) {
    public ClusterStats {
        forwards = List.copyOf(forwards);
    }
}
