package io.srs.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.Version;
import io.srs.rtmp.request.RtmpRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks {@code forward.backend} where to push a stream: POSTs the {@code on_forward} hook and
 * reads {@code {"code":0,"data":{"urls":["rtmp://..."]}}}. Port of
 * {@code SrsHttpHooks::on_forward_backend}: status 200/201, a non-empty JSON object with
 * {@code code} 0, then {@code data.urls} (empty strings skipped).
 *
 * <p>Blocking; called on a forward set's own thread. Thread-safe.
 */
final class ForwardBackend {
    /** SRS_HTTP_CLIENT_TIMEOUT. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final java.util.function.Supplier<javax.net.ssl.SSLContext> tls;
    /** Built at the first call: a server without forward backends keeps no HTTP client. */
    private HttpClient http;

    /** @param tls gives the context for {@code https://} backends (system store plus tls_ca_file) */
    ForwardBackend(java.util.function.Supplier<javax.net.ssl.SSLContext> tls) {
        this.tls = tls;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(TIMEOUT).sslContext(tls.get()).build();
        }
        return http;
    }

    /** The hook's request body (field order as SRS sends it). */
    static String body(String serverId, String serviceId, String clientId, String ip, RtmpRequest req) {
        ObjectNode o = JSON.createObjectNode();
        o.put("action", "on_forward");
        o.put("server_id", serverId);
        o.put("service_id", serviceId);
        o.put("client_id", clientId);
        o.put("ip", ip);
        o.put("vhost", req.vhost());
        o.put("app", req.app());
        o.put("tcUrl", req.tcUrl());
        o.put("stream", req.stream());
        o.put("param", req.param());
        return o.toString();
    }

    List<String> urls(String backend, String body) {
        HttpResponse<String> res;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(backend)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", Version.SIGNATURE)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            res = http().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new SrsException(ErrorCode.HTTP_PARSE_URI, "forward backend " + backend + ": " + e.getMessage());
        } catch (IOException e) {
            throw new SrsException(ErrorCode.SOCKET_CONNECT, "forward backend " + backend + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SrsException(ErrorCode.SOCKET_CLOSED, "forward backend " + backend + " interrupted");
        }
        return parse(res.statusCode(), res.body());
    }

    /** Reads the backend's answer; anything but a well-formed success is an SrsException. */
    static List<String> parse(int status, String body) {
        if (status != 200 && status != 201) {
            throw new SrsException(ErrorCode.HTTP_STATUS_INVALID, "forward backend status " + status);
        }
        if (body == null || body.isEmpty()) {
            throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "forward backend: empty response");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "forward backend: not json: " + abbreviate(body));
        }
        if (root == null || !root.isObject()) {
            throw new SrsException(ErrorCode.SYSTEM_FORWARD_LOOP, "forward backend: not an object: " + abbreviate(body));
        }
        JsonNode code = root.get("code");
        if (code == null || !code.isIntegralNumber()) {
            throw new SrsException(ErrorCode.RESPONSE_CODE, "forward backend: no code: " + abbreviate(body));
        }
        if (code.asLong() != 0) {
            throw new SrsException(ErrorCode.RESPONSE_CODE, "forward backend: code " + code.asLong());
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new SrsException(ErrorCode.SYSTEM_FORWARD_LOOP, "forward backend: no data: " + abbreviate(body));
        }
        JsonNode urls = data.get("urls");
        if (urls == null || !urls.isArray()) {
            throw new SrsException(ErrorCode.SYSTEM_FORWARD_LOOP, "forward backend: no urls: " + abbreviate(body));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode u : urls) {
            if (u.isTextual() && !u.asText().isEmpty()) {
                out.add(u.asText());
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
