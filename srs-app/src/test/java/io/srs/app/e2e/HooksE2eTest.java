package io.srs.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.srs.app.hooks.HookReceiver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP hooks with real FFmpeg clients and a hook receiver on loopback. */
@Tag("e2e")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HooksE2eTest {
    private static final Set<String> COMMON = Set.of("server_id", "service_id", "action", "client_id", "ip", "vhost",
            "app");

    private static Set<String> fields(String... more) {
        Set<String> s = new TreeSet<>(COMMON);
        s.addAll(List.of(more));
        return s;
    }

    private static Set<String> fieldsOf(JsonNode n) {
        Set<String> s = new TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    private static String hooks(String events, String url) {
        StringBuilder sb = new StringBuilder("http_hooks { enabled on;");
        for (String e : events.split(" ")) {
            sb.append(' ').append(e).append(' ').append(url).append(';');
        }
        return sb.append(" }").toString();
    }

    @Test
    void everyEventReachesTheReceiverWithSrsFields() throws Exception {
        Path clip = Tools.clip(4);
        try (HookReceiver r = new HookReceiver(c -> HookReceiver.Answer.ok("{\"code\":0}"));
                TestServer srs = TestServer.start(hooks("on_connect on_close on_publish on_unpublish on_play on_stop",
                        r.url("/hooks")), "")) {
            CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/hooked");
            try (Tools.Running pub = LiveOriginE2eTest.publish(clip, srs.url("live/hooked?token=t1"))) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                try (TestPlayer player = TestPlayer.play(srs.port, "live", "hooked")) {
                    assertTrue(player.awaitFirstVideo(10));
                }
                Tools.Result ff = Tools.run(30, "ffmpeg", "-hide_banner", "-v", "error", "-i",
                        srs.url("live/hooked"), "-t", "1", "-f", "null", "-");
                assertEquals(0, ff.exit(), ff.err());
                assertEquals(0, pub.await(30).exit());
            }
            String port = Integer.toString(srs.port);
            JsonNode publish = r.await(HookReceiver.action("on_publish"), 10).json();
            assertEquals(fields("tcUrl", "stream", "param", "stream_url", "stream_id"), fieldsOf(publish));
            assertEquals("127.0.0.1", publish.get("ip").asText());
            assertEquals("__defaultVhost__", publish.get("vhost").asText());
            assertEquals("live", publish.get("app").asText());
            assertEquals("hooked", publish.get("stream").asText());
            assertEquals("?token=t1", publish.get("param").asText());
            assertEquals("rtmp://127.0.0.1:" + port + "/live", publish.get("tcUrl").asText());
            assertEquals("/live/hooked", publish.get("stream_url").asText());
            assertTrue(publish.get("stream_id").asText().matches("vid-[a-z0-9]{7}"));
            assertEquals(srs.app.control().identity().serverId(), publish.get("server_id").asText());
            assertEquals(srs.app.control().identity().serviceId(), publish.get("service_id").asText());
            String publisher = publish.get("client_id").asText();

            JsonNode unpublish = r.await(HookReceiver.action("on_unpublish"), 10).json();
            assertEquals(fieldsOf(publish), fieldsOf(unpublish));
            assertEquals(publisher, unpublish.get("client_id").asText());

            List<HookReceiver.Call> connects = r.actions("on_connect");
            r.await(c -> r.actions("on_close").size() >= 3, 10);
            assertEquals(3, connects.size(), "FFmpeg publisher, our player, FFmpeg player");
            for (HookReceiver.Call c : connects) {
                assertEquals(fields("stream", "param", "tcUrl", "pageUrl"), fieldsOf(c.json()));
                assertEquals("hooked", c.json().get("stream").asText());
            }
            List<HookReceiver.Call> plays = r.actions("on_play");
            assertEquals(2, plays.size());
            for (HookReceiver.Call c : plays) {
                assertEquals(fields("stream", "tcUrl", "param", "pageUrl", "stream_url", "stream_id"), fieldsOf(c.json()));
                assertEquals(publish.get("stream_id").asText(), c.json().get("stream_id").asText());
                assertNotEquals(publisher, c.json().get("client_id").asText());
            }
            r.await(c -> r.actions("on_stop").size() >= 2, 10);
            for (HookReceiver.Call c : r.actions("on_stop")) {
                assertEquals(fields("tcUrl", "stream", "param", "stream_url", "stream_id"), fieldsOf(c.json()));
            }
            Map<String, JsonNode> closes = new java.util.HashMap<>();
            for (HookReceiver.Call c : r.actions("on_close")) {
                assertEquals(fields("send_bytes", "recv_bytes"), fieldsOf(c.json()));
                closes.put(c.json().get("client_id").asText(), c.json());
            }
            long clipBytes = java.nio.file.Files.size(clip);
            assertTrue(closes.get(publisher).get("recv_bytes").asLong() > clipBytes * 9 / 10,
                    closes.get(publisher) + " vs clip " + clipBytes);
            for (HookReceiver.Call c : plays) {
                JsonNode close = closes.get(c.json().get("client_id").asText());
                assertTrue(close.get("send_bytes").asLong() > 1000, close + " " + closes);
            }
            for (HookReceiver.Call c : r.calls()) {
                assertEquals("POST", c.method());
                assertTrue(c.userAgent().startsWith("SRS/"), c.userAgent());
            }
        }
    }

    /**
     * A second publisher refused with "stream busy" must not lend its identity to the real
     * publisher's on_hls; the last on_hls, sent after on_unpublish, still names the publisher.
     */
    @Test
    void onHlsNamesTheRealPublisherNeverARefusedOneEvenAfterUnpublish(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path clip = Tools.clip(4);
        try (HookReceiver r = new HookReceiver(c -> HookReceiver.Answer.ok("{\"code\":0}"));
             TestServer srs = TestServer.start("hls { enabled on; hls_fragment 1; hls_path " + dir + "; } "
                     + hooks("on_publish on_unpublish on_hls", r.url("/hooks")), "")) {
            CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/hk");
            try (Tools.Running pub = LiveOriginE2eTest.publish(clip, srs.url("live/hk?who=real"))) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                try (RawClient c = RawClient.connected(srs.port, "live")) {
                    org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                            () -> c.session.publishFmle("hk?who=refused"));
                }
                assertEquals(0, pub.await(30).exit());
            }
            JsonNode publish = r.await(c -> HookReceiver.action("on_publish").test(c)
                    && c.json().get("param").asText().equals("?who=real"), 10).json();
            String publisher = publish.get("client_id").asText();
            r.await(HookReceiver.action("on_unpublish"), 10);
            // The last segment is closed after the unpublish.
            int unpublishAt = r.calls().indexOf(r.actions("on_unpublish").getFirst());
            r.await(c -> r.calls().size() > unpublishAt + 1
                    && r.calls().subList(unpublishAt + 1, r.calls().size()).stream()
                            .anyMatch(HookReceiver.action("on_hls")), 15);
            List<HookReceiver.Call> hls = r.actions("on_hls");
            assertTrue(hls.size() >= 2, "segments " + hls.size());
            for (HookReceiver.Call c : hls) {
                assertEquals(publisher, c.json().get("client_id").asText(), c.body());
                assertEquals("?who=real", c.json().get("param").asText(), c.body());
            }
        }
    }

    @Test
    void aRefusedPublishFailsAndNothingBecomesPlayable() throws Exception {
        Path clip = Tools.clip(4);
        Map<String, HookReceiver.Answer> answers = Map.of(
                "code1", HookReceiver.Answer.ok("{\"code\":1}"),
                "one", HookReceiver.Answer.ok("1"),
                "html", HookReceiver.Answer.ok("<html><body>denied</body></html>"),
                "status500", new HookReceiver.Answer(500, "0"),
                "empty", HookReceiver.Answer.ok(""));
        try (HookReceiver r = new HookReceiver(c -> answers.get(c.json().get("stream").asText()));
                TestServer srs = TestServer.start(hooks("on_publish on_unpublish", r.url("/hooks")), "")) {
            for (String stream : answers.keySet()) {
                long start = System.nanoTime();
                Tools.Result ff = Tools.run(30, "ffmpeg", "-hide_banner", "-v", "error", "-i", clip.toString(),
                        "-c", "copy", "-f", "flv", srs.url("live/" + stream));
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertNotEquals(0, ff.exit(), stream + ": FFmpeg's publish must fail");
                assertTrue(ms < 10_000, stream + " took " + ms + " ms");
                assertFalse(srs.app.sources().find("/live/" + stream).map(s -> s.isPublishing()).orElse(false));
                assertTrue(srs.app.control().stats().streamId("/live/" + stream).isEmpty(), stream);
            }
            // Nothing to play: a player waits and gets no media.
            try (TestPlayer p = TestPlayer.play(srs.port, "live", "code1")) {
                assertFalse(p.awaitFirstVideo(1));
            }
            assertEquals(5, r.actions("on_publish").size());
            assertEquals(0, r.actions("on_unpublish").size(), "a refused publish never started");
        }
    }

    @Test
    void aHungReceiverDoesNotDelayAnotherStream() throws Exception {
        Path clip = Tools.clip(10);
        try (HookReceiver r = new HookReceiver(c -> c.json().get("stream").asText().equals("stuck") ? null
                : HookReceiver.Answer.ok("0"));
                TestServer srs = TestServer.start(hooks("on_publish on_play", r.url("/hooks")), "")) {
            try (Tools.Running stuck = LiveOriginE2eTest.publish(clip, srs.url("live/stuck"))) {
                r.await(c -> c.json().get("stream").asText().equals("stuck"), 20);
                long start = System.nanoTime();
                CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/free");
                try (Tools.Running free = LiveOriginE2eTest.publish(clip, srs.url("live/free"))) {
                    assertTrue(live.await(10, TimeUnit.SECONDS));
                    try (TestPlayer p = TestPlayer.play(srs.port, "live", "free")) {
                        assertTrue(p.awaitFirstVideo(10));
                        long ms = (System.nanoTime() - start) / 1_000_000;
                        // The stuck hook waits up to its 30 s timeout; the other stream must not notice.
                        assertTrue(ms < 5000, "second stream live and playing after " + ms + " ms");
                    }
                }
                assertFalse(srs.app.sources().find("/live/stuck").map(s -> s.isPublishing()).orElse(false));
                assertTrue(stuck.process().isAlive(), "the stuck publisher is still waiting for its hook");
            }
        }
    }
}
