package io.srs.app.config;

/**
 * {@code vhost.http_static { enabled; mount; dir; }} (v1: {@code vhost.http {}}): serve a
 * directory under a mount point. Immutable.
 */
public record HttpStaticConfig(boolean enabled, String mount, String dir) {

    static HttpStaticConfig of(Directive vhost) {
        Directive b = vhost == null ? null : vhost.get("http_static");
        return new HttpStaticConfig(Values.preferFalse(b, "enabled", Defaults.HTTP_STATIC_ENABLED),
                Values.string(b, "mount", Defaults.HTTP_STATIC_MOUNT),
                Values.string(b, "dir", Defaults.HTTP_STATIC_DIR));
    }
}
