package io.srs.app.config;

import java.util.List;

import static io.srs.app.config.Values.preferFalse;
import static io.srs.app.config.Values.preferTrue;
import static io.srs.app.config.Values.string;

/**
 * {@code http_api { enabled; listen; crossdomain; raw_api {…} auth {…} }}. Immutable.
 *
 * @param crossdomain  whether to answer with CORS headers
 * @param allowOrigins {@code allow_origin} (ours): browser origins, besides the API's own and
 *                     the {@code http_server}'s, whose pages may change state ({@code *}: any)
 */
public record HttpApiConfig(boolean enabled, ListenAddress listen, boolean crossdomain, RawApi rawApi, Auth auth,
                            List<String> allowOrigins) {

    public HttpApiConfig {
        allowOrigins = List.copyOf(allowOrigins);
    }

    /** Without {@code allow_origin} (tests). */
    public HttpApiConfig(boolean enabled, ListenAddress listen, boolean crossdomain, RawApi rawApi, Auth auth) {
        this(enabled, listen, crossdomain, rawApi, auth, List.of());
    }

    /** {@code raw_api { enabled; allow_reload; }}: {@code /api/v1/raw} and its reload call. */
    public record RawApi(boolean enabled, boolean allowReload) {
    }

    /** {@code auth { enabled; username; password; }}: HTTP Basic authentication. */
    public record Auth(boolean enabled, String username, String password) {
    }

    static HttpApiConfig of(Directive root) {
        Directive b = root.get("http_api");
        Directive raw = b == null ? null : b.get("raw_api");
        Directive auth = b == null ? null : b.get("auth");
        return new HttpApiConfig(
                preferFalse(b, "enabled", Defaults.HTTP_API_ENABLED),
                SrsConfig.endpoint(b, "listen", Defaults.HTTP_API_LISTEN),
                preferTrue(b, "crossdomain", Defaults.HTTP_API_CROSSDOMAIN),
                new RawApi(preferFalse(raw, "enabled", Defaults.RAW_API_ENABLED),
                        preferFalse(raw, "allow_reload", Defaults.RAW_API_ALLOW_RELOAD)),
                new Auth(preferFalse(auth, "enabled", Defaults.HTTP_API_AUTH_ENABLED),
                        string(auth, "username", Defaults.HTTP_API_AUTH_USERNAME),
                        string(auth, "password", Defaults.HTTP_API_AUTH_PASSWORD)),
                Values.list(b, "allow_origin"));
    }
}
