package io.srs.app.config;

import java.util.List;

/**
 * {@code vhost.refer { enabled; all; play; publish; }} (v1: {@code refer}, {@code refer_play},
 * {@code refer_publish}): allowed pageUrl domain suffixes. Immutable.
 */
public record ReferConfig(boolean enabled, List<String> all, List<String> play, List<String> publish) {
    public ReferConfig {
        all = List.copyOf(all);
        play = List.copyOf(play);
        publish = List.copyOf(publish);
    }

    static ReferConfig of(Directive vhost) {
        Directive b = vhost == null ? null : vhost.get("refer");
        return new ReferConfig(Values.preferFalse(b, "enabled", Defaults.REFER_ENABLED),
                Values.list(b, "all"), Values.list(b, "play"), Values.list(b, "publish"));
    }
}
