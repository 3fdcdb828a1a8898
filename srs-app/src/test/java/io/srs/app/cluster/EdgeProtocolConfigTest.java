package io.srs.app.cluster;

import io.srs.app.config.EdgeProtocol;
import io.srs.app.config.NotImplemented;
import io.srs.app.config.SrsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cluster.protocol}: the example loads, origin ports default by protocol, follow_client is said to be missing. */
class EdgeProtocolConfigTest {
    private static SrsConfig parse(String cluster) {
        return SrsConfig.parse("listen 1935; vhost __defaultVhost__ { cluster { mode remote; origin 127.0.0.1; "
                + cluster + " } }", "t.conf", Path.of("."), Map.of());
    }

    @Test
    void theFlvEdgeExampleLoadsWithNothingMissing() {
        SrsConfig c = SrsConfig.load(Path.of("..", "conf", "edge.flv.conf"), Map.of());
        var cluster = c.vhost("__defaultVhost__").cluster();
        assertTrue(cluster.isEdge());
        assertEquals(EdgeProtocol.FLV, cluster.upstreamProtocol());
        assertEquals(List.of(), NotImplemented.in(c));
    }

    @Test
    void theDefaultPortFollowsTheProtocol() {
        assertEquals(EdgeProtocol.RTMP, parse("").vhost("x").cluster().upstreamProtocol());
        assertEquals(80, Endpoint.parse("127.0.0.1", EdgeProtocol.FLV.defaultPort()).port());
        assertEquals(8080, Endpoint.parse("127.0.0.1:8080", EdgeProtocol.FLV.defaultPort()).port());
        assertEquals(1935, Endpoint.parse("127.0.0.1").port());
    }

    @Test
    void followClientIsReportedAsNotImplemented() {
        assertEquals(List.of(), NotImplemented.in(parse("protocol flv;")));
        assertEquals(List.of(), NotImplemented.in(parse("protocol flvs;")));
        assertEquals(443, Endpoint.parse("origin.example", EdgeProtocol.FLVS.defaultPort()).port());
        assertTrue(NotImplemented.in(parse("follow_client on;")).get(0).contains("follow_client"));
    }
}
