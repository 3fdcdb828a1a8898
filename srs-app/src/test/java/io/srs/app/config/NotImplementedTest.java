package io.srs.app.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotImplementedTest {
    private static List<String> of(String text) {
        return NotImplemented.in(SrsConfig.parse(text, "t.conf", Path.of("."), Map.of()));
    }

    @Test
    void aPlainConfigHasNothingToReport() {
        assertEquals(List.of(), of("listen 1935; vhost __defaultVhost__ { hls { enabled on; } dvr { enabled off; } }"));
    }

    @Test
    void enabledMissingFeaturesAreNamedWithTheirVhost() {
        List<String> w = of("""
                listen 1935;
                vhost a.com {
                    dvr { enabled on; }
                    http_remux { enabled on; }
                    exec { enabled on; publish ./x; }
                    ingest cam { enabled on; }
                    transcode { enabled on; }
                    http_static { enabled on; }
                }
                """);
        // dvr, http_remux, exec, ingest and transcode are implemented: only http_static is left.
        assertEquals(List.of("t.conf:8: vhost a.com: http_static is not implemented; use http_server's dir"), w);
    }

    @Test
    void aSwitchFromTheEnvironmentNamesItsVariable() {
        List<String> w = NotImplemented.in(SrsConfig.parse("listen 1935; vhost __defaultVhost__ { }", "t.conf",
                Path.of("."), Map.of("SRS_VHOST_HTTP_STATIC_ENABLED", "on")));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.getFirst().startsWith("env:SRS_VHOST_HTTP_STATIC_ENABLED: vhost __defaultVhost__: http_static"),
                w.getFirst());
    }

    @Test
    void workDirIsImplementedNow() {
        assertEquals(List.of(), of("work_dir ./objs; listen 1935; vhost __defaultVhost__ { }"));
    }
}
