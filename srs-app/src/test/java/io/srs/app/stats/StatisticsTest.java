package io.srs.app.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceRegistry;
import io.srs.app.source.SourceSettings;
import io.srs.app.source.JitterAlgorithm;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.session.ClientKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatisticsTest {
    private static final long S = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(100 * S);
    private final SourceRegistry sources = new SourceRegistry();
    private final Statistics stats = new Statistics(new ConfigStore(SrsConfig.parse("""
            listen 1935;
            vhost __defaultVhost__ { hls { enabled on; hls_fragment 4; } }
            vhost other { }
            """, "t.conf", Path.of("."), Map.of())), sources, new SecureRandom(), clock::get);

    static RtmpRequest request(String vhost, String stream) {
        return RtmpRequest.ofConnect("rtmp://127.0.0.1/live", "http://page", "http://swf", 0)
                .withStream(stream, -1).withVhost(vhost);
    }

    static SourceSettings settings() {
        return new SourceSettings(true, 2500, 30_000, JitterAlgorithm.FULL, false, false, false, false);
    }

    @Test
    void publisherAndPlayersAreCountedPerStreamAndVhost() {
        FakeClient pub = new FakeClient("pub00001");
        FakeClient p1 = new FakeClient("ply00001");
        FakeClient p2 = new FakeClient("ply00002");
        RtmpRequest r = request("__defaultVhost__", "livestream");
        stats.onClient(pub, r, ClientKind.FMLE_PUBLISH);
        LiveSource src = sources.publish(r.streamUrl(), settings(), pub.id()).orElseThrow();
        stats.onClient(p1, r, ClientKind.PLAY);
        stats.onClient(p2, r, ClientKind.PLAY);

        JsonNode s = stats.dumpStreams(0, 10).get(0);
        assertTrue(s.get("id").asText().matches("vid-[a-z0-9]{7}"), s.toString());
        assertEquals("livestream", s.get("name").asText());
        assertEquals("live", s.get("app").asText());
        assertEquals("/live/livestream", s.get("url").asText());
        assertEquals("rtmp://127.0.0.1/live", s.get("tcUrl").asText());
        assertEquals(3, s.get("clients").asInt(), "SRS counts the publisher as a client of its stream");
        assertTrue(s.get("publish").get("active").asBoolean());
        assertEquals("pub00001", s.get("publish").get("cid").asText());
        assertTrue(s.get("video").isNull());

        JsonNode v = stats.dumpVhosts().get(0);
        assertEquals(s.get("vhost").asText(), v.get("id").asText());
        assertEquals("__defaultVhost__", v.get("name").asText());
        assertEquals(3, v.get("clients").asInt());
        assertEquals(1, v.get("streams").asInt());
        assertTrue(v.get("hls").get("enabled").asBoolean());
        assertEquals(4.0, v.get("hls").get("fragment").asDouble());

        ArrayNode clients = stats.dumpClients(0, 10);
        assertEquals(3, clients.size());
        Set<String> types = new HashSet<>();
        clients.forEach(c -> types.add(c.get("type").asText() + "/" + c.get("publish").asBoolean()));
        assertEquals(Set.of("fmle-publish/true", "rtmp-play/false"), types);
        JsonNode c = stats.dumpClient("ply00001").orElseThrow();
        assertEquals(s.get("id").asText(), c.get("stream").asText());
        assertEquals("10.0.0.9", c.get("ip").asText());
        assertEquals("http://page", c.get("pageUrl").asText());
        assertEquals("http://swf", c.get("swfUrl").asText());
        assertEquals("livestream", c.get("name").asText());

        assertEquals(new Statistics.Totals(0, 0, 1, 3, 3, 0, 0, 0), stats.totals());

        src.unpublish();
        stats.onDisconnect("pub00001", new SrsException(ErrorCode.SOCKET_READ, "peer closed"));
        stats.onDisconnect("ply00001", null);
        JsonNode after = stats.dumpStream(s.get("id").asText()).orElseThrow();
        assertFalse(after.get("publish").get("active").asBoolean());
        assertEquals(1, after.get("clients").asInt());
        assertEquals(0, stats.dumpVhosts().get(0).get("streams").asInt());

        stats.onDisconnect("ply00002", new SrsException(ErrorCode.RTMP_AMF0_DECODE, "bad"));
        assertTrue(stats.dumpStream(s.get("id").asText()).isEmpty(), "a stream with nobody left is forgotten");
        assertEquals(0, stats.dumpStreams(0, 10).size());
        Statistics.Totals t = stats.totals();
        assertEquals(0, t.clients());
        assertEquals(3, t.totalClients());
        assertEquals(1, t.errors(), "graceful closes are not errors, a decode failure is");
    }

    @Test
    void bytesFlowFromConnectionsToStreamVhostAndServerWithThirtySecondRates() {
        FakeClient pub = new FakeClient("pub00001");
        FakeClient ply = new FakeClient("ply00001");
        RtmpRequest r = request("other", "cam");
        stats.onClient(pub, r, ClientKind.FMLE_PUBLISH);
        stats.onClient(ply, r, ClientKind.PLAY);
        for (int i = 1; i <= 5; i++) {
            pub.received.addAndGet(250_000);
            ply.sent.addAndGet(125_000);
            clock.addAndGet(S);
            stats.sample();
        }
        JsonNode s = stats.dumpStreams(0, 10).get(0);
        assertEquals(1_250_000, s.get("recv_bytes").asLong());
        assertEquals(625_000, s.get("send_bytes").asLong());
        assertEquals(2000, s.get("kbps").get("recv_30s").asInt());
        assertEquals(1000, s.get("kbps").get("send_30s").asInt());
        JsonNode c = stats.dumpClient("ply00001").orElseThrow();
        assertEquals(625_000, c.get("send_bytes").asLong());
        assertEquals(0, c.get("recv_bytes").asLong());
        assertEquals(1000, c.get("kbps").get("send_30s").asInt());
        assertEquals(5.0, c.get("alive").asDouble(), 0.001);
        JsonNode v = stats.dumpVhost(s.get("vhost").asText()).orElseThrow();
        assertEquals("other", v.get("name").asText());
        assertEquals(1_250_000, v.get("recv_bytes").asLong());
        assertFalse(v.get("hls").get("enabled").asBoolean());
        assertFalse(v.get("hls").has("fragment"));

        // Bytes not yet sampled still count when the client leaves.
        ply.sent.addAndGet(1000);
        stats.onDisconnect("ply00001", null);
        assertEquals(626_000, stats.totals().sendBytes());
    }

    @Test
    void aClientThatPlaysAnotherStreamMovesWithoutDoubleCounting() {
        FakeClient c = new FakeClient("c0000001");
        stats.onClient(c, request("__defaultVhost__", "a"), ClientKind.PLAY);
        stats.onClient(c, request("__defaultVhost__", "b"), ClientKind.PLAY);
        ArrayNode streams = stats.dumpStreams(0, 10);
        assertEquals(1, streams.size(), "stream a had nobody left");
        assertEquals("b", streams.get(0).get("name").asText());
        assertEquals(1, streams.get(0).get("clients").asInt());
        assertEquals(1, stats.dumpVhosts().get(0).get("clients").asInt());
    }

    @Test
    void aClientThatPlaysTheSameStreamAgainKeepsItsStream() {
        FakeClient c = new FakeClient("c0000001");
        stats.onClient(c, request("__defaultVhost__", "a"), ClientKind.FMLE_PUBLISH);
        String id = stats.streamId("/live/a").orElseThrow();
        stats.onClient(c, request("__defaultVhost__", "a"), ClientKind.PLAY);
        assertEquals(id, stats.streamId("/live/a").orElseThrow());
        assertEquals(id, stats.dumpClient("c0000001").orElseThrow().get("stream").asText());
        assertEquals(1, stats.dumpStream(id).orElseThrow().get("clients").asInt());
    }

    @Test
    void pagingWalksStreamsInIdOrder() {
        for (int i = 0; i < 25; i++) {
            stats.onClient(new FakeClient("c" + i), request("__defaultVhost__", "s" + i), ClientKind.PLAY);
        }
        Set<String> seen = new HashSet<>();
        for (int start = 0; start < 25; start += 10) {
            stats.dumpStreams(start, 10).forEach(s -> seen.add(s.get("name").asText()));
        }
        assertEquals(25, seen.size());
        assertEquals(5, stats.dumpStreams(20, 10).size());
        assertEquals(0, stats.dumpStreams(30, 10).size());
        assertEquals(3, stats.dumpClients(22, 1000).size());
    }

    @Test
    void aStreamPublishedWithoutAClientIsNamedFromItsUrl() {
        LiveSource src = sources.publish("other/app/sub/cam", settings(), "edge0001").orElseThrow();
        JsonNode s = stats.dumpStreams(0, 10).get(0);
        assertEquals("cam", s.get("name").asText());
        assertEquals("app/sub", s.get("app").asText());
        assertTrue(s.get("publish").get("active").asBoolean());
        assertEquals("other", stats.dumpVhost(s.get("vhost").asText()).orElseThrow().get("name").asText());
        src.unpublish();
        assertEquals(0, stats.dumpStreams(0, 10).size());
    }

    @Test
    void unknownIdsAreEmpty() {
        assertTrue(stats.dumpStream("vid-nothere").isEmpty());
        assertTrue(stats.dumpClient("nope").isEmpty());
        assertTrue(stats.dumpVhost("").isEmpty());
        assertTrue(stats.client("nope").isEmpty());
    }
}
