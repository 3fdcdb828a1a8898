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
                }
                """);
        assertEquals(4, w.size(), w.toString());
        assertTrue(w.getFirst().startsWith("vhost a.com: dvr"), w.getFirst());
        assertTrue(w.stream().anyMatch(s -> s.contains("ingest cam")));
    }
}
