package io.srs.app.rtmp;

import io.srs.app.config.SrsConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.source.JitterAlgorithm;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A player's {@code time_jitter=...} query overrides the vhost's play.time_jitter for itself. */
class PlayJitterParamTest {
    @Test
    void queryOverridesTheVhostsJitter() {
        VhostConfig v = SrsConfig.parse("listen 1935; vhost __defaultVhost__ { }", "t.conf", Path.of("."), Map.of())
                .vhost("__defaultVhost__");
        assertEquals(JitterAlgorithm.FULL, RtmpService.settings(v, "").jitter());
        assertEquals(JitterAlgorithm.OFF, RtmpService.settings(v, "?vhost=__defaultVhost__&time_jitter=off").jitter());
        assertEquals(JitterAlgorithm.ZERO, RtmpService.settings(v, "?time_jitter=zero").jitter());
        assertEquals(JitterAlgorithm.FULL, RtmpService.settings(v, "?time_jitter=bogus").jitter());
    }
}
