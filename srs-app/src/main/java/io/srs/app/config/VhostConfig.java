package io.srs.app.config;

import java.util.List;

/**
 * One {@code vhost <name> {…}} block with every setting resolved to its typed value or default
 * (reference §a.4). Immutable; {@link #raw()} gives the block itself for anything not typed.
 *
 * @param chunkSize  the vhost's {@code chunk_size}, else the global one
 * @param minLatency realtime mode ({@code min_latency})
 * @param inAckSize  acknowledgement window we expect from the peer (0: none)
 * @param outAckSize acknowledgement window we announce
 * @param ingests    the raw {@code ingest <id> {…}} blocks, in order
 * @param transcodes the raw {@code transcode [scope] {…}} blocks, in order
 */
public record VhostConfig(String name, boolean enabled, int chunkSize, boolean minLatency, boolean tcpNodelay,
        int inAckSize, int outAckSize, PlayConfig play, PublishConfig publish, ClusterConfig cluster,
        ForwardConfig forward, ReferConfig refer, SecurityConfig security, HttpHooksConfig httpHooks,
        HlsConfig hls, DvrConfig dvr, HttpStaticConfig httpStatic, HttpRemuxConfig httpRemux, ExecConfig exec,
        List<Directive> ingests, List<Directive> transcodes, Directive raw) {
    public VhostConfig {
        ingests = List.copyOf(ingests);
        transcodes = List.copyOf(transcodes);
        transcodes.forEach(AbrConfig::of); // refuses a bad abr block at load, with its line
    }

    /** Whether this is the {@code __defaultVhost__} block. */
    public boolean isDefault() {
        return name.equals(Defaults.DEFAULT_VHOST);
    }

    static VhostConfig of(Directive v, int globalChunkSize) {
        boolean minLatency = Values.preferFalse(v, "min_latency", Defaults.MIN_LATENCY);
        return new VhostConfig(
                v.arg0(),
                Values.preferTrue(v, "enabled", Defaults.VHOST_ENABLED),
                Values.integer(v, "chunk_size", globalChunkSize, Defaults.MIN_CHUNK_SIZE, Defaults.MAX_CHUNK_SIZE),
                minLatency,
                Values.preferFalse(v, "tcp_nodelay", Defaults.TCP_NODELAY),
                Values.integer(v, "in_ack_size", Defaults.IN_ACK_SIZE, 0, Integer.MAX_VALUE),
                Values.integer(v, "out_ack_size", Defaults.OUT_ACK_SIZE, 0, Integer.MAX_VALUE),
                PlayConfig.of(v, minLatency),
                PublishConfig.of(v),
                ClusterConfig.of(v),
                ForwardConfig.of(v),
                ReferConfig.of(v),
                SecurityConfig.of(v),
                HttpHooksConfig.of(v),
                HlsConfig.of(v),
                DvrConfig.of(v),
                HttpStaticConfig.of(v),
                HttpRemuxConfig.of(v),
                ExecConfig.of(v),
                v.getAll("ingest"),
                v.getAll("transcode"),
                v);
    }
}
