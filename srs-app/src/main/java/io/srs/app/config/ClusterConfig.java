package io.srs.app.config;

import static io.srs.app.config.Values.preferFalse;

import java.util.List;
import java.util.Locale;

/**
 * {@code vhost.cluster {…}} (v1: {@code mode}, {@code origin}, {@code token_traverse},
 * {@code vhost}, {@code debug_srs_upnode} directly in the vhost). Immutable.
 *
 * @param origins       upstream servers {@code host[:port]} of an edge, tried round-robin
 * @param vhost         vhost requested at the origin; {@code [vhost]} means the same
 * @param coworkers     {@code host:api_port} of the other origins in an origin cluster
 * @param protocol      edge upstream protocol: {@code rtmp}, {@code flv} or {@code flvs}
 */
public record ClusterConfig(ClusterMode mode, List<String> origins, boolean tokenTraverse, String vhost,
        boolean debugSrsUpnode, boolean originCluster, List<String> coworkers, String protocol,
        boolean followClient) {
    public ClusterConfig {
        origins = List.copyOf(origins);
        coworkers = List.copyOf(coworkers);
    }

    /** {@link #protocol} as a value. */
    public EdgeProtocol upstreamProtocol() {
        return EdgeProtocol.valueOf(protocol.toUpperCase(Locale.ROOT));
    }

    /** Whether this vhost is an edge ({@code mode remote}). */
    public boolean isEdge() {
        return mode == ClusterMode.REMOTE;
    }

    static ClusterConfig of(Directive vhost) {
        Directive b = vhost == null ? null : vhost.get("cluster");
        String mode = Values.oneOf(b, "mode", Defaults.CLUSTER_MODE.value(), List.of("local", "remote"));
        ClusterConfig c = new ClusterConfig(
                ClusterMode.valueOf(mode.toUpperCase(Locale.ROOT)),
                Values.list(b, "origin"),
                preferFalse(b, "token_traverse", Defaults.TOKEN_TRAVERSE),
                Values.string(b, "vhost", Defaults.CLUSTER_VHOST),
                Values.preferTrue(b, "debug_srs_upnode", Defaults.DEBUG_SRS_UPNODE),
                preferFalse(b, "origin_cluster", Defaults.ORIGIN_CLUSTER),
                Values.list(b, "coworkers"),
                Values.oneOf(b, "protocol", Defaults.CLUSTER_PROTOCOL, List.of("rtmp", "flv", "flvs")),
                preferFalse(b, "follow_client", Defaults.FOLLOW_CLIENT));
        if (c.isEdge() && c.origins.isEmpty()) {
            throw ConfigException.at(b.get("mode"), "edge vhost " + vhost.arg0()
                    + " has no origin (expected 'origin host[:port] ...;' in cluster)");
        }
        return c;
    }
}
