package io.srs.app.cluster;

import java.util.List;

/**
 * Picks servers in turn. Port of {@code SrsLbRoundRobin}: the n-th pick is
 * {@code servers[n % size]}, so a failed origin is followed by the next one, and a list changed
 * by a reload is simply walked from where the count stands.
 *
 * <p>Used by one thread (the owning ingester or relay).
 */
final class RoundRobin {
    private long count;

    String select(List<String> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no servers");
        }
        return servers.get((int) (count++ % servers.size()));
    }
}
