package io.srs.app.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.Version;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP side of SRS's hooks ({@code SrsHttpHooks::do_post}) on the JDK's HTTP client:
 * POST a JSON body with SRS's User-Agent and accept the answer only when the status is 200 or
 * 201 and the body is exactly {@code 0} or a JSON object whose integer {@code code} is 0.
 * Every other outcome (bad URL, refused, timeout, other status, empty, HTML, {@code 1},
 * {@code {"code":1}}, no {@code code}) is an {@link SrsException} with SRS's error code.
 *
 * <p>Thread-safe; calls block the calling thread (meant to be virtual) for at most the timeout.
 */
public final class HookClient implements AutoCloseable {
    /** A hook answer larger than this is not an answer SRS would understand either. */
    static final long MAX_BODY = 64 * 1024;

    private final java.util.concurrent.ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final java.util.function.Supplier<javax.net.ssl.SSLContext> tls;
    /** Built at the first call: an idle server without hooks keeps no HTTP client (its selector thread, TLS). */
    private HttpClient http;
    private boolean closed;
    private final ObjectMapper json = new ObjectMapper();

    /** Over the JDK's default TLS (system trust store). */
    public HookClient() {
        this((javax.net.ssl.SSLContext) null);
    }

    /** @param tls the context for {@code https://} receivers (system store plus tls_ca_file), or null */
    public HookClient(javax.net.ssl.SSLContext tls) {
        this(() -> tls);
    }

    /** @param tls gives the context for {@code https://} receivers (or null) when the first call is made */
    public HookClient(java.util.function.Supplier<javax.net.ssl.SSLContext> tls) {
        this.tls = tls;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            if (closed) {
                throw new SrsException(ErrorCode.THREAD_INTERRUPTED, "http: hook client closed");
            }
            HttpClient.Builder b = HttpClient.newBuilder();
            javax.net.ssl.SSLContext context = tls.get();
            if (context != null) {
                b.sslContext(context);
            }
            http = b
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(executor)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        }
        return http;
    }

    /** What the receiver said, for logs. Immutable. */
    public record Answer(int status, String body) {
    }

    /**
     * Posts {@code body} to {@code url} and checks the answer by SRS's rule.
     *
     * @throws SrsException when the call fails or the answer is not a success
     */
    public Answer post(String url, String body, Duration timeout) {
        HttpRequest req = HttpRequest.newBuilder(uri(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", Version.SIGNATURE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> res = send(req, HttpResponse.BodyHandlers.limiting(
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), MAX_BODY), timeout, url);
        Answer a = new Answer(res.statusCode(), res.body() == null ? "" : res.body());
        check(a);
        return a;
    }

    /**
     * GETs {@code url} and reads at most {@code maxBytes} of the body, ignoring what it says
     * (SRS's {@code on_hls_notify}, which only warms a CDN).
     *
     * @return the status code
     */
    public int get(String url, int maxBytes, Duration timeout) {
        HttpRequest req = HttpRequest.newBuilder(uri(url)).timeout(timeout)
                .header("User-Agent", Version.SIGNATURE).GET().build();
        return send(req, info -> new Prefix(Math.max(0, maxBytes)), timeout, url).statusCode();
    }

    /** Reads the first {@code max} bytes of a body, then stops reading (the rest is never fetched). */
    private static final class Prefix implements HttpResponse.BodySubscriber<Long> {
        private final long max;
        private final CompletableFuture<Long> result = new CompletableFuture<>();
        private long read;
        private java.util.concurrent.Flow.Subscription subscription;

        Prefix(long max) {
            this.max = max;
        }

        @Override
        public java.util.concurrent.CompletionStage<Long> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            subscription = s;
            if (max == 0) {
                result.complete(0L);
                s.cancel();
                return;
            }
            s.request(1);
        }

        @Override
        public void onNext(java.util.List<java.nio.ByteBuffer> items) {
            for (java.nio.ByteBuffer b : items) {
                read += b.remaining();
            }
            if (read >= max) {
                result.complete(Math.min(read, max));
                subscription.cancel();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(read);
        }
    }

    /** Applies SRS's success rule to an answer. */
    void check(Answer a) {
        if (a.status() != 200 && a.status() != 201) {
            throw new SrsException(ErrorCode.HTTP_STATUS_INVALID, "http: status " + a.status());
        }
        String body = a.body();
        if (body.isEmpty()) {
            throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "http: empty response");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || node.isMissingNode()) {
            throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "http: not json " + brief(body));
        }
        if (!node.isObject()) {
            if (body.equals("0")) {
                return;
            }
            throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "http: response number code " + brief(body));
        }
        JsonNode code = node.get("code");
        if (code == null || !code.isIntegralNumber()) {
            throw new SrsException(ErrorCode.RESPONSE_CODE, "http: response object no code " + brief(body));
        }
        if (code.asLong() != 0) {
            throw new SrsException(ErrorCode.RESPONSE_CODE, "http: response object code " + code.asLong() + " "
                    + brief(body));
        }
    }

    private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler, Duration timeout,
            String url) {
        CompletableFuture<HttpResponse<T>> f = http().sendAsync(req, handler);
        try {
            // The request timeout covers the headers; this bounds the body too.
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new SrsException(ErrorCode.SOCKET_TIMEOUT, "http: no answer from " + url + " in "
                    + timeout.toMillis() + "ms");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new SrsException(ErrorCode.THREAD_INTERRUPTED, "http: interrupted calling " + url);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof HttpConnectTimeoutException) {
                throw new SrsException(ErrorCode.SOCKET_TIMEOUT, "http: connect to " + url + " timed out", c);
            }
            if (c instanceof HttpTimeoutException) {
                throw new SrsException(ErrorCode.SOCKET_TIMEOUT, "http: no answer from " + url + " in "
                        + timeout.toMillis() + "ms", c);
            }
            throw new SrsException(ErrorCode.SOCKET_CONNECT, "http: " + url + ": " + c, c);
        }
    }

    private static URI uri(String url) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || u.getHost() == null) {
                throw new SrsException(ErrorCode.HTTP_PARSE_URI, "http: not an http(s) url: " + url);
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new SrsException(ErrorCode.HTTP_PARSE_URI, "http: invalid url " + url + ": " + e.getMessage());
        }
    }

    private static String brief(String body) {
        String b = body.length() > 200 ? body.substring(0, 200) + "..." : body;
        return b.replace('\n', ' ').replace('\r', ' ');
    }

    @Override
    public void close() {
        // Calls still waiting on a hung receiver fail now instead of at their timeout.
        synchronized (this) {
            closed = true;
            if (http != null) {
                http.shutdownNow();
            }
        }
        executor.shutdownNow();
    }
}
