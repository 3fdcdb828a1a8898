package io.srs.app.config;

import static io.srs.app.config.Values.preferFalse;
import static io.srs.app.config.Values.preferTrue;
import static io.srs.app.config.Values.string;

/**
 * {@code http_server { enabled; listen; dir; crossdomain; }} (v1: {@code http_stream}): the
 * embedded HTTP server for files, HLS and HTTP-FLV. Immutable.
 */
public record HttpServerConfig(boolean enabled, ListenAddress listen, String dir, boolean crossdomain) {

    static HttpServerConfig of(Directive root) {
        Directive b = root.get("http_server");
        return new HttpServerConfig(
                preferFalse(b, "enabled", Defaults.HTTP_SERVER_ENABLED),
                SrsConfig.endpoint(b, "listen", Defaults.HTTP_SERVER_LISTEN),
                string(b, "dir", Defaults.HTTP_SERVER_DIR),
                preferTrue(b, "crossdomain", Defaults.HTTP_SERVER_CROSSDOMAIN));
    }
}
