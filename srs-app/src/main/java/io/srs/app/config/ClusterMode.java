package io.srs.app.config;

/** {@code cluster.mode}: {@code local} is an origin, {@code remote} an edge of {@code cluster.origin}. */
public enum ClusterMode {
    LOCAL, REMOTE;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
