package io.srs.app.config;

/**
 * How an edge pulls from its origin ({@code cluster.protocol}), with the port an origin
 * address without one means.
 */
public enum EdgeProtocol {
    /** RTMP play. */
    RTMP(1935),
    /** HTTP-FLV: {@code GET /app/stream.flv}. */
    FLV(80),
    /** HTTPS-FLV: the same over TLS. */
    FLVS(443);

    private final int defaultPort;

    EdgeProtocol(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
