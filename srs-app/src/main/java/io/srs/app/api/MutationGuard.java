package io.srs.app.api;

import io.srs.app.config.HttpApiConfig;
import io.srs.app.config.HttpServerConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether an API request may change state (kick a client, reload). SRS lets a plain GET
 * do both (JSONP {@code ?method=DELETE}, {@code /api/v1/raw?rpc=reload}), so any page an operator
 * opens can kick publishers with an {@code <img>} tag, remembered Basic credentials included.
 * Here a mutation needs a request no page can send without the API's consent:
 * <ul>
 * <li>a method other than GET/HEAD, never a JSONP override; a POST must say
 *     {@code Content-Type: application/json}, which makes it a CORS "non-simple" request that a
 *     browser preflights instead of sending;</li>
 * <li>when a browser sends {@code Origin} (it always does on such requests), an allowed origin:
 *     the API's own ({@code Host}), the {@code http_server}'s on the same host (SRS's console is
 *     served there and calls the API across ports), or one listed in {@code http_api.allow_origin}
 *     ({@code *} allows any, SRS's behaviour).</li>
 * </ul>
 * Non-browser clients (curl, scripts) send no {@code Origin} and only need the method.
 *
 * <p>Thread-safe: stateless.
 */
final class MutationGuard {
    private MutationGuard() {
    }

    /** Null when {@code r} may mutate, else why not (the API's error message). */
    static String refusal(ApiRequest r, boolean jsonp, HttpApiConfig api, HttpServerConfig http) {
        if (jsonp || r.method().equals("GET") || r.method().equals("HEAD")) {
            return "a GET or JSONP request never changes state: use " + (r.path().startsWith("/api/v1/raw") ? "POST" : "DELETE")
                    + " (JSONP is read-only)";
        }
        Map<String, String> h = lowerCase(r.headers());
        if (r.method().equals("POST")) {
            String type = h.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
            if (!type.startsWith("application/json")) {
                return "a POST that changes state needs Content-Type: application/json";
            }
        }
        String origin = h.get("origin");
        if (origin != null && !allowed(origin, h.getOrDefault("host", ""), api, http)) {
            return "origin " + ApiRequest.brief(origin) + " may not change state (http_api.allow_origin)";
        }
        return null;
    }

    static boolean allowed(String origin, String host, HttpApiConfig api, HttpServerConfig http) {
        for (String o : api.allowOrigins()) {
            if (o.equals("*") || o.equalsIgnoreCase(origin)) {
                return true;
            }
        }
        Endpoint from = Endpoint.ofOrigin(origin);
        Endpoint self = Endpoint.ofHost(host);
        if (from == null || self == null || !from.host.equals(self.host)) {
            return false;
        }
        if (from.port == self.port) {
            return true;
        }
        return http.enabled() && from.port == http.listen().port();
    }

    private static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> m = new java.util.HashMap<>();
        headers.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        return m;
    }

    /** A host and port, lower-cased, with the scheme's default port filled in. */
    private record Endpoint(String host, int port) {
        static Endpoint ofOrigin(String origin) {
            try {
                URI u = new URI(origin);
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if (u.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                    return null; // "null" (sandboxed pages, file://) and anything odd
                }
                int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
                return new Endpoint(u.getHost().toLowerCase(Locale.ROOT), port);
            } catch (URISyntaxException e) {
                return null;
            }
        }

        static Endpoint ofHost(String host) {
            return host.isEmpty() ? null : ofOrigin("http://" + host);
        }
    }
}
