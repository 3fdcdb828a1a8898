package io.srs.app.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.SourceRegistry;
import io.srs.app.stats.ClientSnapshot;
import io.srs.app.stats.FakeClient;
import io.srs.app.stats.Identity;
import io.srs.app.stats.Statistics;
import io.srs.core.SrsException;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.session.ClientKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each event's JSON fields (reference §c) and the calling rules, with a receiver on loopback. */
class HttpHooksTest {
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final HookClient client = new HookClient();
    private final Identity identity = new Identity("vid-server1", "svc12345", "4242");

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        client.close();
    }

    private HookReceiver receiver(java.util.function.Function<HookReceiver.Call, HookReceiver.Answer> f)
            throws IOException {
        HookReceiver r = new HookReceiver(f);
        closing.add(r);
        return r;
    }

    private record Setup(HttpHooks hooks, Statistics stats, ConfigStore config) {
    }

    private Setup setup(String hooksBlock) {
        ConfigStore cfg = new ConfigStore(SrsConfig.parse("listen 1935;\nvhost __defaultVhost__ {\n" + hooksBlock
                + "\n}\n", "t.conf", Path.of("."), Map.of()));
        Statistics stats = new Statistics(cfg, new SourceRegistry(), new SecureRandom(), System::nanoTime);
        return new Setup(new HttpHooks(cfg, identity, stats, client, Duration.ofSeconds(5)), stats, cfg);
    }

    static RtmpRequest request() {
        return RtmpRequest.ofConnect("rtmp://127.0.0.1:1935/live", "http://page/x", "", 0)
                .withStream("livestream?token=abc", -1).withVhost("__defaultVhost__");
    }

    private static Set<String> fields(JsonNode n) {
        Set<String> s = new TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    private static final Set<String> COMMON = Set.of("server_id", "service_id", "action", "client_id", "ip", "vhost",
            "app");

    private static Set<String> with(String... more) {
        Set<String> s = new TreeSet<>(COMMON);
        s.addAll(List.of(more));
        return s;
    }

    @Test
    void everyClientEventCarriesSrsFields() throws Exception {
        HookReceiver r = receiver(c -> HookReceiver.Answer.ok("0"));
        String u = r.url("/api/v1/hooks");
        Setup s = setup("http_hooks { enabled on; on_connect " + u + "; on_close " + u + "; on_publish " + u
                + "; on_unpublish " + u + "; on_play " + u + "; on_stop " + u + "; }");
        FakeClient fc = new FakeClient("cid00001");
        ClientCallbacks events = new ClientCallbacks(s.stats(), s.hooks());
        RtmpRequest req = request();
        events.onConnect(fc, req);
        events.onPublish(fc, req, ClientKind.FMLE_PUBLISH);
        events.onUnpublish(fc, req);
        events.onPlay(fc, req);
        events.onStop(fc, req);
        fc.sent.set(1234);
        fc.received.set(5678);
        events.onClose(fc, req, null);

        JsonNode connect = r.await(HookReceiver.action("on_connect"), 5).json();
        assertEquals(with("stream", "param", "tcUrl", "pageUrl"), fields(connect));
        assertEquals("vid-server1", connect.get("server_id").asText());
        assertEquals("svc12345", connect.get("service_id").asText());
        assertEquals("cid00001", connect.get("client_id").asText());
        assertEquals("10.0.0.9", connect.get("ip").asText());
        assertEquals("__defaultVhost__", connect.get("vhost").asText());
        assertEquals("live", connect.get("app").asText());
        assertEquals("livestream", connect.get("stream").asText());
        assertEquals("?token=abc", connect.get("param").asText());
        assertEquals("rtmp://127.0.0.1:1935/live", connect.get("tcUrl").asText());
        assertEquals("http://page/x", connect.get("pageUrl").asText());

        JsonNode publish = r.await(HookReceiver.action("on_publish"), 5).json();
        assertEquals(with("tcUrl", "stream", "param", "stream_url", "stream_id"), fields(publish));
        assertEquals("/live/livestream", publish.get("stream_url").asText());
        assertTrue(publish.get("stream_id").asText().startsWith("vid-"));

        JsonNode unpublish = r.await(HookReceiver.action("on_unpublish"), 5).json();
        assertEquals(fields(publish), fields(unpublish));

        JsonNode play = r.await(HookReceiver.action("on_play"), 5).json();
        assertEquals(with("stream", "tcUrl", "param", "pageUrl", "stream_url", "stream_id"), fields(play));

        JsonNode stop = r.await(HookReceiver.action("on_stop"), 5).json();
        assertEquals(with("tcUrl", "stream", "param", "stream_url", "stream_id"), fields(stop));

        JsonNode close = r.await(HookReceiver.action("on_close"), 5).json();
        assertEquals(with("send_bytes", "recv_bytes"), fields(close));
        assertEquals(1234, close.get("send_bytes").asLong());
        assertEquals(5678, close.get("recv_bytes").asLong());

        // The background events of one client reach the receiver in order.
        List<String> order = r.calls().stream().map(c -> c.json().get("action").asText()).toList();
        assertTrue(order.indexOf("on_stop") < order.indexOf("on_close"), order.toString());
    }

    @Test
    void urlsAreCalledInOrderAndTheFirstRefusalStops() throws Exception {
        HookReceiver r = receiver(c -> c.path().equals("/no") ? HookReceiver.Answer.ok("{\"code\":403}")
                : HookReceiver.Answer.ok("0"));
        Setup s = setup("http_hooks { enabled on; on_publish " + r.url("/a") + " " + r.url("/no") + " "
                + r.url("/c") + "; on_unpublish " + r.url("/x") + " " + r.url("/no") + " " + r.url("/y") + "; }");
        ClientSnapshot c = new ClientSnapshot("cid", "1.2.3.4", request());
        assertThrows(SrsException.class, () -> s.hooks().onPublish(c));
        assertEquals(List.of("/a", "/no"), r.calls().stream().map(HookReceiver.Call::path).toList());

        // Background events log failures and go on with the next URL.
        s.hooks().onUnpublish(c);
        r.await(x -> x.path().equals("/y"), 5);
        assertEquals(List.of("/a", "/no", "/x", "/no", "/y"), r.calls().stream().map(HookReceiver.Call::path).toList());
    }

    @Test
    void disabledOrAbsentHooksCallNothing() throws Exception {
        HookReceiver r = receiver(c -> HookReceiver.Answer.ok("1"));
        Setup s = setup("http_hooks { enabled off; on_publish " + r.url("/p") + "; }");
        ClientSnapshot c = new ClientSnapshot("cid", "1.2.3.4", request());
        s.hooks().onPublish(c);
        s.hooks().onConnect(c);
        s.hooks().onPlay(c);
        assertEquals(0, r.calls().size());
    }

    /**
     * Publish churn does not grow the publishers remembered for late hooks: each is forgotten
     * a while after it left (here 50 ms); before, they piled up to 4,096 (~4 MB).
     */
    @Test
    void publishersThatLeftAreForgottenAfterAWhile() throws Exception {
        ConfigStore cfg = new ConfigStore(SrsConfig.parse("listen 1935;\nvhost __defaultVhost__ {\n}\n", "t.conf",
                Path.of("."), Map.of()));
        Statistics stats = new Statistics(cfg, new SourceRegistry(), new SecureRandom(), System::nanoTime);
        HttpHooks hooks = new HttpHooks(cfg, identity, stats, client, Duration.ofSeconds(5), Duration.ofMillis(50));
        for (int i = 0; i < 100; i++) {
            ClientSnapshot c = new ClientSnapshot("p" + i, "1.2.3.4", request());
            hooks.onPublish(c);
            hooks.onUnpublish(c);
        }
        ClientSnapshot live = new ClientSnapshot("live", "1.2.3.4", request());
        hooks.onPublish(live);
        assertTrue(hooks.rememberedPublishers() >= 2, "just left, still remembered: " + hooks.rememberedPublishers());
        Thread.sleep(60);
        hooks.onPublish(new ClientSnapshot("next", "1.2.3.4", request()));
        assertEquals(2, hooks.rememberedPublishers(), "only the two still publishing");
    }

    @Test
    void reloadedUrlsApplyToTheNextEvent() throws Exception {
        HookReceiver r = receiver(c -> HookReceiver.Answer.ok("0"));
        Setup s = setup("http_hooks { enabled on; on_connect " + r.url("/old") + "; }");
        ClientSnapshot c = new ClientSnapshot("cid", "1.2.3.4", request());
        s.hooks().onConnect(c);
        s.config().apply(SrsConfig.parse("listen 1935;\nvhost __defaultVhost__ { http_hooks { enabled on; on_connect "
                + r.url("/new") + "; } }", "t.conf", Path.of("."), Map.of()));
        s.hooks().onConnect(c);
        assertEquals(List.of("/old", "/new"), r.calls().stream().map(HookReceiver.Call::path).toList());
    }

    @Test
    void hlsSegmentsAndNotifications() throws Exception {
        HookReceiver r = receiver(c -> HookReceiver.Answer.ok("0"));
        Setup s = setup("http_hooks { enabled on; on_hls " + r.url("/hls") + "; on_dvr " + r.url("/dvr")
                + "; on_hls_notify " + r.url("/notify/[server_id]/[app]/[stream]?ts=[ts_url]&p=[param]") + "; }");
        FakeClient pub = new FakeClient("pub00001");
        s.stats().onClient(pub, request(), ClientKind.FMLE_PUBLISH);
        // The stream's publisher is the one its source accepted.
        s.stats().onPublish(new SourceRegistry().publish("/live/livestream",
                io.srs.app.source.SourceSettings.DEFAULTS, "pub00001").orElseThrow());

        s.hooks().onHls("/live/livestream", new HlsSegment(10.005, "./objs/nginx/html/live/livestream-3.ts",
                "livestream-3.ts", "./objs/nginx/html/live/livestream.m3u8", "live/livestream.m3u8", 3));
        JsonNode hls = r.await(HookReceiver.action("on_hls"), 5).json();
        assertEquals(with("tcUrl", "stream", "param", "duration", "cwd", "file", "url", "m3u8", "m3u8_url", "seq_no",
                "stream_url", "stream_id"), fields(hls));
        assertEquals("pub00001", hls.get("client_id").asText(), "named after the stream's publisher");
        assertEquals(10.005, hls.get("duration").asDouble());
        assertEquals("live/livestream-3.ts", hls.get("url").asText(), "relative to the m3u8's directory");
        assertEquals(3, hls.get("seq_no").asInt());
        assertEquals("./objs/nginx/html/live/livestream.m3u8", hls.get("m3u8").asText());

        s.hooks().onHlsNotify("/live/livestream", "live/livestream-3.ts", 64);
        HookReceiver.Call n = r.await(x -> x.path().startsWith("/notify"), 5);
        assertEquals("GET", n.method());
        assertEquals("/notify/vid-server1/live/livestream?ts=live/livestream-3.ts&p=?token=abc", n.path());

        s.hooks().onDvr("/live/livestream", "./objs/nginx/html/live/livestream.123.flv");
        JsonNode dvr = r.await(HookReceiver.action("on_dvr"), 5).json();
        assertEquals(with("tcUrl", "stream", "param", "cwd", "file", "stream_url", "stream_id"), fields(dvr));
        assertEquals("./objs/nginx/html/live/livestream.123.flv", dvr.get("file").asText());

        // A stream nobody published is named from its url.
        s.hooks().onHls("vhost2/app/cam", new HlsSegment(2, "f.ts", "http://cdn/f.ts", "m.m3u8", "app/m.m3u8", 1));
        JsonNode other = r.await(x -> HookReceiver.action("on_hls").test(x)
                && x.json().get("stream").asText().equals("cam"), 5).json();
        assertEquals("vhost2", other.get("vhost").asText());
        assertEquals("http://cdn/f.ts", other.get("url").asText(), "an http uri is kept as is");
    }
}
