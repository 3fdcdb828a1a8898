package io.srs.app.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.SourceRegistry;
import io.srs.app.stats.Identity;
import io.srs.app.stats.ProcStats;
import io.srs.app.stats.Statistics;
import io.srs.app.stats.Summaries;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeartbeatTest {
    @Test
    void postsIdentitySummariesAndPortsEveryInterval() throws Exception {
        try (HookReceiver r = new HookReceiver(c -> HookReceiver.Answer.ok("ignored"));
                HookClient client = new HookClient()) {
            ConfigStore store = new ConfigStore(SrsConfig.parse("""
                    listen 1935 19350;
                    http_api { enabled on; listen 1985; }
                    heartbeat { enabled on; interval 1; url %s; device_id dev-7; summaries on; ports on; }
                    vhost __defaultVhost__ { }
                    """.formatted(r.url("/api/v1/servers")), "t.conf", Path.of("."), Map.of()));
            Statistics stats = new Statistics(store, new SourceRegistry());
            Identity id = new Identity("vid-server1", "svc12345", "4242");
            try (Heartbeat hb = new Heartbeat(store, id, new Summaries(new ProcStats(), stats), client,
                    Map.of("SRS_DEVICE_IP", "192.0.2.7"))) {
                hb.start();
                HookReceiver.Call c = r.await(x -> x.path().equals("/api/v1/servers"), 10);
                JsonNode b = c.json();
                assertEquals("POST", c.method());
                assertEquals("dev-7", b.get("device_id").asText());
                assertEquals("192.0.2.7", b.get("ip").asText());
                assertEquals("vid-server1", b.get("server").asText());
                assertEquals("svc12345", b.get("service").asText());
                assertEquals("4242", b.get("pid").asText());
                assertTrue(b.get("summaries").get("data").get("self").has("pid"));
                assertEquals(2, b.get("rtmp").size());
                assertEquals("0.0.0.0:1985", b.get("api").get(0).asText());
                assertFalse(b.has("http"), "http_server is off");
            }
        }
    }
}
