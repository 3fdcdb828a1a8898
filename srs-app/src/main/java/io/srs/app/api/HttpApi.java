package io.srs.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.srs.app.config.HttpApiConfig;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.stats.Identity;
import io.srs.app.stats.Metrics;
import io.srs.app.stats.ProcStats;
import io.srs.app.stats.Statistics;
import io.srs.app.stats.Summaries;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * SRS's HTTP API as an Undertow handler, independent of the server that binds it (its own
 * listener on {@code http_api.listen}, or a shared one when it equals {@code http_server.listen}).
 * Around the endpoints of {@link ApiEndpoints} it does what SRS's HTTP stack does:
 * <ul>
 * <li>the envelope {@code code, server, service, pid} on every JSON answer, errors included
 *     (with a {@code msg}; never a stack trace);</li>
 * <li>JSONP: {@code ?callback=fn} wraps the JSON as {@code fn(…)} in {@code text/javascript};
 *     unlike SRS, {@code ?method=DELETE} is refused: JSONP reads only ({@link MutationGuard});</li>
 * <li>CORS headers when {@code crossdomain on} and the request has an {@code Origin};
 *     {@code OPTIONS} answers 200 (405 when crossdomain is off);</li>
 * <li>Basic auth for paths under {@code /api/} when {@code http_api.auth} is on (401 with
 *     {@code WWW-Authenticate});</li>
 * <li>405 for methods a resource does not support, 404 for unknown paths.</li>
 * </ul>
 * Settings are read from the configuration at each request, so a reload applies at once.
 *
 * <p>Thread-safe. Requests leave Undertow's IO thread for a virtual thread before any work.
 */
public final class HttpApi implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(HttpApi.class.getName());
    private static final Pattern CALLBACK = Pattern.compile("[A-Za-z0-9._-]*");
    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");

    private final ConfigStore config;
    private final Identity identity;
    private final ApiEndpoints endpoints;
    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param reloader what {@code /api/v1/raw?rpc=reload} runs: the process's reload (the same
     *                 as SIGHUP); it should throw {@link SrsException} when the new configuration
     *                 is rejected so that {@code rpc=reload-fetch} reports it
     */
    /** Adds a read-only GET resource at {@code /api/v1/<name>} (listed in {@code /api/v1/}). */
    public void addResource(String name, String description,
                            java.util.function.Supplier<ObjectNode> data) {
        endpoints.addResource(name, description, data);
    }

    public HttpApi(ConfigStore config, Identity identity, Statistics stats, ProcStats proc, Summaries summaries,
            Metrics metrics, Runnable reloader) {
        this.config = config;
        this.identity = identity;
        this.endpoints = new ApiEndpoints(config, stats, proc, summaries, metrics, new Reloads(reloader));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(executor, this);
            return;
        }
        String callback = "";
        try {
            SrsConfig snapshot = config.current();
            HttpApiConfig cfg = snapshot.httpApi();
            cors(exchange, cfg);
            String method = exchange.getRequestMethod().toString();
            if (method.equals("OPTIONS")) {
                exchange.setStatusCode(cfg.crossdomain() ? 200 : 405);
                exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
                exchange.endExchange();
                return;
            }
            Map<String, String> query = query(exchange);
            callback = query.getOrDefault("callback", "");
            if (!CALLBACK.matcher(callback).matches()) {
                String bad = callback;
                callback = "";
                throw new ApiEndpoints.ApiFailure(400, ErrorCode.HTTP_JSONP.code(),
                        "invalid callback=" + ApiRequest.brief(bad));
            }
            if (!callback.isEmpty() && !query.getOrDefault("method", "").isEmpty()) {
                // SRS's jsonp_method; only GET is honoured (JSONP is a GET any page can send).
                String wanted = query.get("method").toUpperCase(java.util.Locale.ROOT);
                if (!wanted.equals("GET")) {
                    throw new ApiEndpoints.ApiFailure(405, 405, "JSONP is read-only: method="
                            + ApiRequest.brief(wanted) + " needs a real " + ApiRequest.brief(wanted) + " request");
                }
            }
            String path = exchange.getRequestPath();
            if (cfg.auth().enabled() && path.contains("/api/") && !authorized(exchange, cfg.auth())) {
                exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Basic realm=\"SRS\"");
                throw new ApiEndpoints.ApiFailure(401, 401, "authentication required: wrong or missing credentials");
            }
            ApiRequest probe = new ApiRequest(method, path, uri(exchange), query, headers(exchange), null);
            ApiRequest req = new ApiRequest(method, path, probe.uri(), query, probe.headers(),
                    MutationGuard.refusal(probe, !callback.isEmpty(), cfg, snapshot.httpServer()));
            Optional<ApiResult> res = endpoints.route(req);
            respond(exchange, callback, res.orElseGet(() -> new ApiResult.Error(404,
                    ErrorCode.HTTP_HANDLER_MATCH_URL.code(), "no resource at " + ApiRequest.brief(path))));
        } catch (ApiEndpoints.ApiFailure e) {
            respond(exchange, callback, new ApiResult.Error(e.status, e.code, e.getMessage()));
        } catch (SrsException e) {
            int status = e.code() == ErrorCode.REQUEST_DATA ? 400 : 200;
            respond(exchange, callback, new ApiResult.Error(status, e.code().code(), e.describe()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "http api " + exchange.getRequestPath() + " failed", e);
            respond(exchange, callback, new ApiResult.Error(500, ErrorCode.SYSTEM_ASSERT_FAILED.code(),
                    "internal error"));
        }
    }

    private static void cors(HttpServerExchange ex, HttpApiConfig cfg) {
        if (!cfg.crossdomain() || !ex.getRequestHeaders().contains(Headers.ORIGIN)) {
            return;
        }
        var h = ex.getResponseHeaders();
        h.put(ALLOW_ORIGIN, "*");
        h.put(new HttpString("Access-Control-Allow-Headers"), "*");
        h.put(new HttpString("Access-Control-Allow-Methods"), "*");
        h.put(new HttpString("Access-Control-Expose-Headers"), "*");
        h.put(new HttpString("Access-Control-Allow-Credentials"), "false");
        h.put(new HttpString("Access-Control-Request-Private-Network"), "true");
    }

    private static boolean authorized(HttpServerExchange ex, HttpApiConfig.Auth auth) {
        String header = ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String plain;
        try {
            plain = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = plain.indexOf(':');
        if (colon < 0) {
            return false;
        }
        // Both compared in full, so timing does not tell which part was wrong.
        boolean user = MessageDigest.isEqual(plain.substring(0, colon).getBytes(StandardCharsets.UTF_8),
                auth.username().getBytes(StandardCharsets.UTF_8));
        boolean pass = MessageDigest.isEqual(plain.substring(colon + 1).getBytes(StandardCharsets.UTF_8),
                auth.password().getBytes(StandardCharsets.UTF_8));
        return user & pass;
    }

    private static Map<String, String> query(HttpServerExchange ex) {
        Map<String, String> q = new HashMap<>();
        for (Map.Entry<String, Deque<String>> e : ex.getQueryParameters().entrySet()) {
            if (!e.getValue().isEmpty()) {
                q.put(e.getKey(), e.getValue().getFirst());
            }
        }
        return q;
    }

    private static Map<String, String> headers(HttpServerExchange ex) {
        Map<String, String> h = new HashMap<>();
        for (HeaderValues v : ex.getRequestHeaders()) {
            if (!v.getHeaderName().equals(Headers.AUTHORIZATION)) {
                h.put(v.getHeaderName().toString(), v.getFirst());
            }
        }
        return h;
    }

    private static String uri(HttpServerExchange ex) {
        String q = ex.getQueryString();
        return ex.getRequestURI() + (q == null || q.isEmpty() ? "" : "?" + q);
    }

    private void respond(HttpServerExchange ex, String callback, ApiResult res) {
        if (ex.isResponseStarted()) {
            return;
        }
        String body;
        String type;
        int status;
        switch (res) {
            case ApiResult.Text t -> {
                status = t.status();
                type = t.contentType();
                body = t.body();
            }
            case ApiResult.Json j -> {
                status = j.status();
                type = "application/json";
                body = envelope(j.body(), 0, null);
            }
            case ApiResult.Error e -> {
                status = e.status();
                type = "application/json";
                body = envelope(JsonNodeFactory.instance.objectNode(), e.code(), e.message());
            }
        }
        if (!callback.isEmpty() && !(res instanceof ApiResult.Text)) {
            type = "text/javascript";
            body = callback + "(" + body + ")";
        }
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
        ex.getResponseHeaders().put(Headers.SERVER, io.srs.core.Version.SIGNATURE);
        ex.getResponseSender().send(body, StandardCharsets.UTF_8);
    }

    /** Puts {@code code, server, service, pid} first, then the endpoint's fields. */
    private String envelope(ObjectNode fields, int code, String msg) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("code", fields.has("code") ? fields.get("code").asInt() : code);
        o.put("server", identity.serverId());
        o.put("service", identity.serviceId());
        o.put("pid", identity.pid());
        if (msg != null) {
            o.put("msg", msg);
        }
        fields.fieldNames().forEachRemaining(name -> {
            if (!name.equals("code")) {
                o.set(name, fields.get(name));
            }
        });
        try {
            return json.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
