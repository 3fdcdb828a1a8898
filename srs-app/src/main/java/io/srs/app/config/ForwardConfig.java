package io.srs.app.config;

import java.util.List;

/**
 * {@code vhost.forward { enabled; destination; backend; }} (v1: {@code forward host:port …;}).
 * Immutable.
 *
 * @param destinations {@code host[:port]} (or RTMP URLs) every published stream is pushed to
 * @param backend      URL of the {@code on_forward} hook returning dynamic destinations, or ""
 */
public record ForwardConfig(boolean enabled, List<String> destinations, String backend) {
    public ForwardConfig {
        destinations = List.copyOf(destinations);
    }

    static ForwardConfig of(Directive vhost) {
        Directive b = vhost == null ? null : vhost.get("forward");
        return new ForwardConfig(
                Values.preferFalse(b, "enabled", Defaults.FORWARD_ENABLED),
                Values.list(b, "destination"),
                Values.string(b, "backend", Defaults.FORWARD_BACKEND));
    }
}
