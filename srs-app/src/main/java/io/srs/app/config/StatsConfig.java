package io.srs.app.config;

import java.util.List;

/**
 * {@code stats { enabled; network; disk; }}: system sampling for {@code /api/v1/summaries}.
 * Immutable.
 *
 * @param network index of the local network interface to sample
 * @param disks   device names for disk IO statistics (empty: disabled)
 */
public record StatsConfig(boolean enabled, int network, List<String> disks) {
    public StatsConfig {
        disks = List.copyOf(disks);
    }

    static StatsConfig of(Directive root) {
        Directive b = root.get("stats");
        return new StatsConfig(
                Values.preferTrue(b, "enabled", Defaults.STATS_ENABLED),
                Values.integer(b, "network", Defaults.STATS_NETWORK, 0, 1024),
                Values.list(b, "disk"));
    }
}
