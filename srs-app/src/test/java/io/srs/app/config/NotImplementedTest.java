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
        assertEquals("t.conf:4: vhost a.com: http_remux (HTTP-FLV/TS live) is not implemented yet", w.getFirst());
        assertTrue(w.contains("t.conf:6: vhost a.com: ingest cam is not implemented yet"), w.toString());
        assertTrue(w.stream().anyMatch(s -> s.startsWith("t.conf:5: ") && s.contains("exec")), w.toString());
    }

    @Test
    void aSwitchFromTheEnvironmentNamesItsVariable() {
        List<String> w = NotImplemented.in(SrsConfig.parse("listen 1935; vhost __defaultVhost__ { }", "t.conf",
                Path.of("."), Map.of("SRS_VHOST_DVR_ENABLED", "on")));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.getFirst().startsWith("env:SRS_VHOST_DVR_ENABLED: vhost __defaultVhost__: dvr"), w.getFirst());
    }

    @Test
    void workDirIsImplementedNow() {
        assertEquals(List.of(), of("work_dir ./objs; listen 1935; vhost __defaultVhost__ { }"));
    }
}
