package io.srs.app.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code vhost.http_hooks {…}}: the URLs called for each event, in order. Immutable.
 *
 * @param timeout per-request timeout; SRS has no directive for it and uses its HTTP client's
 *                fixed {@link Defaults#HTTP_CLIENT_TIMEOUT} (30 s), so neither do we
 */
public record HttpHooksConfig(boolean enabled, List<String> onConnect, List<String> onClose,
        List<String> onPublish, List<String> onUnpublish, List<String> onPlay, List<String> onStop,
        List<String> onDvr, List<String> onHls, List<String> onHlsNotify, Duration timeout) {
    public HttpHooksConfig {
        onConnect = List.copyOf(onConnect);
        onClose = List.copyOf(onClose);
        onPublish = List.copyOf(onPublish);
        onUnpublish = List.copyOf(onUnpublish);
        onPlay = List.copyOf(onPlay);
        onStop = List.copyOf(onStop);
        onDvr = List.copyOf(onDvr);
        onHls = List.copyOf(onHls);
        onHlsNotify = List.copyOf(onHlsNotify);
    }

    static HttpHooksConfig of(Directive vhost) {
        Directive b = vhost == null ? null : vhost.get("http_hooks");
        return new HttpHooksConfig(Values.preferFalse(b, "enabled", Defaults.HTTP_HOOKS_ENABLED),
                Values.list(b, "on_connect"), Values.list(b, "on_close"), Values.list(b, "on_publish"),
                Values.list(b, "on_unpublish"), Values.list(b, "on_play"), Values.list(b, "on_stop"),
                Values.list(b, "on_dvr"), Values.list(b, "on_hls"), Values.list(b, "on_hls_notify"),
                Defaults.HTTP_CLIENT_TIMEOUT);
    }
}
