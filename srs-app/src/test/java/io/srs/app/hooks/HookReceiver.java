package io.srs.app.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A hook receiver on loopback (the JDK's HttpServer): records every request and answers with
 * what the test's function says. An answer of {@code null} means "never answer" (a hung
 * receiver); it is released when the receiver closes.
 */
public final class HookReceiver implements AutoCloseable {
    /** One received request. */
    public record Call(String method, String path, String userAgent, String contentType, String body, JsonNode json) {
    }

    /** What to answer. */
    public record Answer(int status, String body) {
        public static Answer ok(String body) {
            return new Answer(200, body);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<Call> calls = new ArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    public HookReceiver(Function<Call, Answer> answers) throws IOException {
        this(answers, null);
    }

    /** Over HTTPS with {@code tls} (the server side of a test certificate), or plain when null. */
    public HookReceiver(Function<Call, Answer> answers, javax.net.ssl.SSLContext tls) throws IOException {
        if (tls != null) {
            com.sun.net.httpserver.HttpsServer https =
                    com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            server = https;
        } else {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> handle(ex, answers));
        server.start();
    }

    private void handle(HttpExchange ex, Function<Call, Answer> answers) throws IOException {
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonNode json = null;
        try {
            json = body.isEmpty() ? null : JSON.readTree(body);
        } catch (IOException e) {
            // Not JSON: recorded as text only.
        }
        String path = ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
        Call call = new Call(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("User-Agent"),
                ex.getRequestHeaders().getFirst("Content-Type"), body, json);
        lock.lock();
        try {
            calls.add(call);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        Answer a = answers.apply(call);
        if (a == null) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return;
        }
        byte[] b = a.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(a.status(), b.length == 0 ? -1 : b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    public String url(String path) {
        String scheme = server instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Call> calls() {
        lock.lock();
        try {
            return List.copyOf(calls);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a call matching {@code p} arrived; returns it, or throws after {@code seconds}. */
    public Call await(Predicate<Call> p, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        lock.lock();
        try {
            while (true) {
                for (Call c : calls) {
                    if (p.test(c)) {
                        return c;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no such hook call in " + seconds + " s; got " + calls);
                }
                arrived.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Calls whose JSON {@code action} is {@code action}. */
    public List<Call> actions(String action) {
        return calls().stream().filter(c -> c.json() != null && action.equals(c.json().path("action").asText()))
                .toList();
    }

    public static Predicate<Call> action(String action) {
        return c -> c.json() != null && action.equals(c.json().path("action").asText());
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
