package io.srs.app.config;

import static io.srs.app.config.Values.string;

/**
 * {@code exporter { enabled; listen; label; tag; }}: the Prometheus {@code /metrics} endpoint.
 * Immutable.
 */
public record ExporterConfig(boolean enabled, ListenAddress listen, String label, String tag) {

    static ExporterConfig of(Directive root) {
        Directive b = root.get("exporter");
        return new ExporterConfig(
                Values.preferFalse(b, "enabled", Defaults.EXPORTER_ENABLED),
                SrsConfig.endpoint(b, "listen", Defaults.EXPORTER_LISTEN),
                string(b, "label", Defaults.EXPORTER_LABEL),
                string(b, "tag", Defaults.EXPORTER_TAG));
    }
}
