package io.srs.app.hooks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.srs.app.config.HttpHooksConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.stats.ClientSnapshot;
import io.srs.app.stats.Identity;
import io.srs.app.stats.Statistics;
import io.srs.core.SrsException;
import io.srs.core.log.Context;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.request.RtmpUrls;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * SRS's HTTP callbacks ({@code srs_app_http_hooks.cpp}, callers in srs_app_rtmp_conn.cpp,
 * srs_app_hls.cpp, srs_app_dvr.cpp). Each event POSTs SRS's JSON fields to every URL the
 * client's vhost lists for it, in order. The URLs and timeout are read from the configuration
 * at each event, so a reload applies to the next event.
 *
 * <p>Events that may refuse ({@link #onConnect}, {@link #onPublish}, {@link #onPlay}) run on
 * the caller's thread and throw on the first failure. The others ({@link #onClose},
 * {@link #onUnpublish}, {@link #onStop}, {@link #onDvr}, {@link #onHls}, {@link #onHlsNotify})
 * return at once: they run on a virtual thread, one lane per client (or stream for HLS/DVR) so
 * a receiver still sees a client's events in order; failures are logged.
 *
 * <p>Thread-safe.
 */
public final class HttpHooks {
    private static final System.Logger LOG = System.getLogger(HttpHooks.class.getName());
    /** SRS's SRS_HLS_NOTIFY_TIMEOUT. */
    static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(10);

    private final ConfigStore config;
    /**
     * Publishers by connection id, so hooks sent after a publisher left (the last on_hls after
     * on_unpublish) still carry its identity: each is forgotten {@link #FORGET_AFTER} after it
     * left (or was refused), and never more than the most recent {@value #REMEMBERED_PUBLISHERS}
     * are kept. Without the time bound, publish churn grew the heap by about 1 KB per publish
     * up to the cap (4 MB; the one-hour soak's origin, research/README.md).
     */
    private final Map<String, ClientSnapshot> publishers = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ClientSnapshot> eldest) {
                    return size() > REMEMBERED_PUBLISHERS;
                }
            });
    static final int REMEMBERED_PUBLISHERS = 4096;
    /** Long past the last on_hls of a publish: its HLS session ends when its queue drains. */
    static final Duration FORGET_AFTER = Duration.ofMinutes(2);
    private final long forgetAfterNanos;
    /** Publishers that left, oldest first: (connection id, when). */
    private final java.util.concurrent.ConcurrentLinkedQueue<Left> left = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private record Left(String id, long atNanos) {
    }
    private final Identity identity;
    private final Statistics stats;
    private final HookClient client;
    private final Duration timeoutOverride;
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    /**
     * @param timeoutOverride a timeout for every hook call instead of the vhost's
     *                        {@code http_hooks} timeout, or null (tests use a short one)
     */
    public HttpHooks(ConfigStore config, Identity identity, Statistics stats, HookClient client,
            Duration timeoutOverride) {
        this(config, identity, stats, client, timeoutOverride, FORGET_AFTER);
    }

    HttpHooks(ConfigStore config, Identity identity, Statistics stats, HookClient client,
            Duration timeoutOverride, Duration forgetAfter) {
        this.forgetAfterNanos = forgetAfter.toNanos();
        this.config = config;
        this.identity = identity;
        this.stats = stats;
        this.client = client;
        this.timeoutOverride = timeoutOverride;
    }

    public HttpHooks(ConfigStore config, Identity identity, Statistics stats, HookClient client) {
        this(config, identity, stats, client, null);
    }

    // ---- Events that may refuse: caller's thread ----

    /** {@code on_connect}; throws to refuse the client. */
    public void onConnect(ClientSnapshot c) {
        RtmpRequest r = c.request();
        callAll("on_connect", r.vhost(), HttpHooksConfig::onConnect, () -> {
            ObjectNode o = common("on_connect", c.id(), c.ip(), r);
            o.put("stream", r.stream());
            o.put("param", r.param());
            o.put("tcUrl", r.tcUrl());
            o.put("pageUrl", r.pageUrl());
            return o;
        });
    }

    /** {@code on_publish}; throws to refuse the publish. */
    public void onPublish(ClientSnapshot c) {
        // Keyed by connection id: a refused publisher's entry is never looked up for a stream.
        forgetLeftPublishers();
        publishers.put(c.id(), c);
        try {
            callAll("on_publish", c.request().vhost(), HttpHooksConfig::onPublish,
                    () -> publishFields("on_publish", c));
        } catch (RuntimeException refused) {
            left.add(new Left(c.id(), System.nanoTime()));
            throw refused;
        }
    }

    private void forgetLeftPublishers() {
        long now = System.nanoTime();
        for (Left l = left.peek(); l != null && now - l.atNanos() >= forgetAfterNanos; l = left.peek()) {
            if (left.remove(l)) {
                publishers.remove(l.id());
            }
        }
    }

    /** Publishers remembered now (for tests). */
    int rememberedPublishers() {
        return publishers.size();
    }

    /** {@code on_play}; throws to refuse the player. */
    public void onPlay(ClientSnapshot c) {
        RtmpRequest r = c.request();
        callAll("on_play", r.vhost(), HttpHooksConfig::onPlay, () -> {
            ObjectNode o = common("on_play", c.id(), c.ip(), r);
            o.put("stream", r.stream());
            o.put("tcUrl", r.tcUrl());
            o.put("param", r.param());
            o.put("pageUrl", r.pageUrl());
            streamFields(o, r);
            return o;
        });
    }

    // ---- Events that never wait: a virtual thread per lane ----

    /** {@code on_close} with the connection's byte counts. */
    public void onClose(ClientSnapshot c, long sendBytes, long recvBytes) {
        RtmpRequest r = c.request();
        later(c.id(), "on_close", r.vhost(), HttpHooksConfig::onClose, () -> {
            ObjectNode o = common("on_close", c.id(), c.ip(), r);
            o.put("send_bytes", sendBytes);
            o.put("recv_bytes", recvBytes);
            return o;
        });
    }

    /** {@code on_unpublish}: the fields of {@code on_publish}. */
    public void onUnpublish(ClientSnapshot c) {
        left.add(new Left(c.id(), System.nanoTime()));
        forgetLeftPublishers();
        ObjectNode o = publishFields("on_unpublish", c);
        later(c.id(), "on_unpublish", c.request().vhost(), HttpHooksConfig::onUnpublish, () -> o);
    }

    /** {@code on_stop}: the fields of {@code on_play} without pageUrl. */
    public void onStop(ClientSnapshot c) {
        ObjectNode o = publishFields("on_stop", c);
        later(c.id(), "on_stop", c.request().vhost(), HttpHooksConfig::onStop, () -> o);
    }

    /**
     * {@code on_dvr}: a DVR file of the stream at {@code streamUrl} (a LiveSource url such as
     * {@code /live/livestream}) was closed.
     */
    public void onDvr(String streamUrl, String file) {
        onDvr(publisherOf(streamUrl), streamUrl, file);
    }

    /**
     * {@code on_dvr} naming the publisher seen when the file was opened: a session's file closes
     * after its publisher left statistics.
     */
    public void onDvr(ClientSnapshot c, String streamUrl, String file) {
        ObjectNode o = publishFields("on_dvr", c);
        o.put("cwd", cwd());
        o.put("file", file);
        later("stream:" + streamUrl, "on_dvr", c.request().vhost(), HttpHooksConfig::onDvr, () -> o);
    }

    /**
     * {@code on_hls}: a segment of the stream at {@code streamUrl} was closed and kept. Call it
     * from the HLS muxer's own thread; it returns at once.
     */
    public void onHls(String streamUrl, HlsSegment seg) {
        onHls(streamUrl, null, seg);
    }

    /**
     * {@code on_hls} naming the publisher {@code publisherId} (the one whose session wrote the
     * segment), known from its {@code on_publish} even after it left; else the stream's.
     */
    public void onHls(String streamUrl, String publisherId, HlsSegment seg) {
        ClientSnapshot known = publisherId == null ? null : publishers.get(publisherId);
        ClientSnapshot c = known != null ? known : publisherOf(streamUrl);
        RtmpRequest r = c.request();
        String tsUrl = seg.url();
        int slash = seg.m3u8Url().lastIndexOf('/');
        if (slash > 0 && !isHttp(tsUrl)) {
            // The segment's uri is relative to the playlist's directory.
            tsUrl = seg.m3u8Url().substring(0, slash) + "/" + tsUrl;
        }
        ObjectNode o = common("on_hls", c.id(), c.ip(), r);
        o.put("tcUrl", r.tcUrl());
        o.put("stream", r.stream());
        o.put("param", r.param());
        o.put("duration", seg.durationSeconds());
        o.put("cwd", cwd());
        o.put("file", seg.file());
        o.put("url", tsUrl);
        o.put("m3u8", seg.m3u8());
        o.put("m3u8_url", seg.m3u8Url());
        o.put("seq_no", seg.seqNo());
        streamFields(o, r);
        later("stream:" + streamUrl, "on_hls", r.vhost(), HttpHooksConfig::onHls, () -> o);
    }

    /**
     * {@code on_hls_notify}: GET each notify URL template with {@code [server_id]},
     * {@code [service_id]}, {@code [app]}, {@code [stream]}, {@code [ts_url]} and
     * {@code [param]} replaced (an http {@code tsUrl} replaces the template), reading at most
     * {@code nbNotify} bytes; the answer is ignored.
     */
    public void onHlsNotify(String streamUrl, String tsUrl, int nbNotify) {
        ClientSnapshot c = publisherOf(streamUrl);
        RtmpRequest r = c.request();
        VhostConfig v = config.current().vhost(r.vhost());
        if (v == null || !v.httpHooks().enabled() || v.httpHooks().onHlsNotify().isEmpty()) {
            return;
        }
        List<String> urls = v.httpHooks().onHlsNotify();
        lane("stream:" + streamUrl).submit(c.id(), () -> {
            for (String template : urls) {
                String url = isHttp(tsUrl) ? tsUrl : template;
                url = url.replace("[server_id]", identity.serverId()).replace("[service_id]", identity.serviceId())
                        .replace("[app]", r.app()).replace("[stream]", r.stream()).replace("[ts_url]", tsUrl)
                        .replace("[param]", r.param());
                long start = System.nanoTime();
                try {
                    int status = client.get(url, nbNotify, NOTIFY_TIMEOUT);
                    LOG.log(Level.INFO, "http: on_hls_notify ok, client_id={0}, url={1}, code={2}, spent={3}ms",
                            c.id(), url, status, (System.nanoTime() - start) / 1_000_000);
                } catch (SrsException e) {
                    LOG.log(Level.WARNING, "http: ignore on_hls_notify failed, client_id={0}, url={1}, spent={2}ms: {3}",
                            c.id(), url, (System.nanoTime() - start) / 1_000_000, e.describe());
                }
            }
        });
    }

    // ---- Shared machinery ----

    /** The fields of on_publish/on_unpublish/on_stop/on_dvr: common, tcUrl, stream, param, stream_url, stream_id. */
    private ObjectNode publishFields(String action, ClientSnapshot c) {
        RtmpRequest r = c.request();
        ObjectNode o = common(action, c.id(), c.ip(), r);
        o.put("tcUrl", r.tcUrl());
        o.put("stream", r.stream());
        o.put("param", r.param());
        streamFields(o, r);
        return o;
    }

    private ObjectNode common(String action, String cid, String ip, RtmpRequest r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("server_id", identity.serverId());
        o.put("service_id", identity.serviceId());
        o.put("action", action);
        o.put("client_id", cid);
        o.put("ip", ip);
        o.put("vhost", r.vhost());
        o.put("app", r.app());
        return o;
    }

    private void streamFields(ObjectNode o, RtmpRequest r) {
        String url = r.streamUrl();
        o.put("stream_url", url);
        stats.streamId(url).ifPresent(id -> o.put("stream_id", id));
    }

    private interface Body {
        ObjectNode build();
    }

    private void callAll(String action, String vhost, Function<HttpHooksConfig, List<String>> event, Body body) {
        HttpHooksConfig h = hooksOf(vhost);
        if (h == null) {
            return;
        }
        List<String> urls = event.apply(h);
        if (urls.isEmpty()) {
            return;
        }
        String data = body.build().toString();
        Duration timeout = timeoutOverride != null ? timeoutOverride : h.timeout();
        for (String url : urls) {
            post(action, url, data, timeout, true);
        }
    }

    private void later(String laneKey, String action, String vhost, Function<HttpHooksConfig, List<String>> event,
            Body body) {
        HttpHooksConfig h = hooksOf(vhost);
        if (h == null || event.apply(h).isEmpty()) {
            return;
        }
        List<String> urls = event.apply(h);
        Duration timeout = timeoutOverride != null ? timeoutOverride : h.timeout();
        String data = body.build().toString();
        lane(laneKey).submit(Context.current(), () -> {
            for (String url : urls) {
                try {
                    post(action, url, data, timeout, false);
                } catch (SrsException e) {
                    // Logged by post; the next URL is still called, as in SRS.
                }
            }
        });
    }

    private void post(String action, String url, String data, Duration timeout, boolean refuses) {
        long start = System.nanoTime();
        try {
            HookClient.Answer a = client.post(url, data, timeout);
            LOG.log(Level.INFO, "http: {0} ok, url={1}, request={2}, response={3}, spent={4}ms", action, url, data,
                    a.body(), (System.nanoTime() - start) / 1_000_000);
        } catch (SrsException e) {
            long spent = (System.nanoTime() - start) / 1_000_000;
            LOG.log(Level.WARNING, "http: {0} {1}, url={2}, request={3}, spent={4}ms: {5}", action,
                    refuses ? "failed" : "failed (ignored)", url, data, spent, e.describe());
            throw SrsException.wrap(e, "http hook " + action + " " + url);
        }
    }

    private HttpHooksConfig hooksOf(String vhost) {
        VhostConfig v = config.current().vhost(vhost);
        return v == null || !v.httpHooks().enabled() ? null : v.httpHooks();
    }

    /** The publisher of a stream, or a snapshot naming only the stream when none is on record. */
    public ClientSnapshot publisherOf(String streamUrl) {
        Optional<ClientSnapshot> p = stats.publisher(streamUrl);
        if (p.isPresent()) {
            return p.get();
        }
        // No publisher on record: name the stream from its url ("vhost/app/stream", default vhost omitted).
        int first = streamUrl.indexOf('/');
        int last = streamUrl.lastIndexOf('/');
        String vhost = first <= 0 ? RtmpUrls.DEFAULT_VHOST : streamUrl.substring(0, first);
        String app = last > first ? streamUrl.substring(first + 1, last) : "";
        RtmpRequest r = new RtmpRequest("", "", "", 0, "rtmp", vhost, vhost, app, streamUrl.substring(last + 1),
                1935, "", -1);
        return new ClientSnapshot("", "", r);
    }

    private static boolean isHttp(String s) {
        return s.startsWith("http://") || s.startsWith("https://");
    }

    private static String cwd() {
        return System.getProperty("user.dir");
    }

    private Lane lane(String key) {
        return lanes.computeIfAbsent(key, k -> new Lane(k));
    }

    /**
     * A queue of background hook calls that run one after another on a virtual thread, which
     * exists only while there is work. Forgotten when empty.
     */
    private final class Lane {
        private final String key;
        private final ReentrantLock lock = new ReentrantLock();
        private final java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();
        private boolean running;

        Lane(String key) {
            this.key = key;
        }

        void submit(String cid, Runnable task) {
            lock.lock();
            try {
                tasks.add(task);
                if (running) {
                    return;
                }
                running = true;
            } finally {
                lock.unlock();
            }
            Thread.ofVirtual().name("hooks-" + key).start(() -> ScopedValue.where(Context.CID, cid).run(this::drain));
        }

        private void drain() {
            while (true) {
                Runnable t;
                lock.lock();
                try {
                    t = tasks.poll();
                    if (t == null) {
                        running = false;
                        lanes.remove(key, this);
                        return;
                    }
                } finally {
                    lock.unlock();
                }
                try {
                    t.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "http hook task failed", e);
                }
            }
        }
    }
}
