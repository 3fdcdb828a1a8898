package io.srs.app.api;

import io.srs.app.config.SrsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example configs in conf/ for the API, hooks, heartbeat and exporter load and mean what they say. */
class ConfExamplesTest {
    private static SrsConfig load(String name) {
        return SrsConfig.load(Path.of("..", "conf", name), Map.of());
    }

    @Test
    void examplesLoad() {
        SrsConfig api = load("http.api.conf");
        assertTrue(api.httpApi().enabled());
        assertEquals(1985, api.httpApi().listen().port());

        SrsConfig raw = load("http.api.raw.conf");
        assertTrue(raw.httpApi().rawApi().enabled() && raw.httpApi().rawApi().allowReload());

        SrsConfig hooks = load("http.hooks.callback.conf");
        var h = hooks.vhost("__defaultVhost__").httpHooks();
        assertTrue(h.enabled());
        assertEquals(2, h.onPublish().size());
        assertEquals(1, h.onHlsNotify().size());

        SrsConfig exporter = load("exporter.conf");
        assertTrue(exporter.exporter().enabled());
        assertEquals(9972, exporter.exporter().listen().port());
        assertEquals("cn-beijing", exporter.exporter().label());

        SrsConfig hb = load("heartbeat.conf");
        assertTrue(hb.heartbeat().enabled() && hb.heartbeat().summaries());
        assertEquals(10, hb.heartbeat().interval().toSeconds());
    }

    @Test
    void tlsExamplesLoad() {
        SrsConfig rtmps = load("rtmps.conf");
        assertTrue(rtmps.rtmps().enabled());
        assertEquals(1443, rtmps.rtmps().listen().getFirst().port());
        assertEquals("./conf/server.key", rtmps.rtmps().key());

        SrsConfig https = load("https.conf");
        assertTrue(https.httpApiHttps().enabled() && https.httpServerHttps().enabled());
        assertEquals(1990, https.httpApiHttps().listen().getFirst().port());
        assertEquals(8088, https.httpServerHttps().listen().getFirst().port());

        SrsConfig full = load("full.conf");
        assertTrue(!full.rtmps().enabled() && !full.httpApiHttps().enabled() && !full.httpServerHttps().enabled());
        assertEquals("", full.tlsCaFile());
    }
}
