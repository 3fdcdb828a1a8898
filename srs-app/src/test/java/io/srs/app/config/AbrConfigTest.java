package io.srs.app.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AbrConfigTest {
    private static SrsConfig parse(String transcodeBody) {
        return SrsConfig.parse("listen 1935;\nvhost v {\n transcode live {\n" + transcodeBody + "\n }\n}\n", "t.conf",
                Path.of("."), Map.of());
    }

    @Test
    void offByDefaultWithTheDefaultMaster() {
        AbrConfig a = AbrConfig.of(parse("enabled on;").exactVhost("v").transcodes().getFirst());
        assertFalse(a.enabled());
        assertEquals(Defaults.ABR_MASTER, a.master());
    }

    @Test
    void readsTheBlock() {
        AbrConfig a = AbrConfig.of(parse("abr { enabled on; master [app]/[stream]/master.m3u8; }")
                .exactVhost("v").transcodes().getFirst());
        assertTrue(a.enabled());
        assertEquals("[app]/[stream]/master.m3u8", a.master());
    }

    @Test
    void refusesAMasterThatLeavesHlsPathOrIsNoPlaylist() {
        for (String bad : new String[] {"../x.m3u8", "/tmp/x.m3u8", "[app]/[stream].ts"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> parse("abr {\n enabled on;\n master " + bad + ";\n}"));
            assertTrue(e.getMessage().contains("t.conf:6"), e.getMessage());
        }
        assertThrows(ConfigException.class, () -> parse("abr { enabeld on; }"), "unknown directive");
    }

    @Test
    void exampleAndFullConfLoad() {
        SrsConfig example = SrsConfig.load(Path.of("..", "conf", "abr.conf"), Map.of());
        AbrConfig a = AbrConfig.of(example.vhost(Defaults.DEFAULT_VHOST).transcodes().getFirst());
        assertTrue(a.enabled());
        assertEquals("[app]/[stream]_abr.m3u8", a.master());
        SrsConfig full = SrsConfig.load(Path.of("..", "conf", "full.conf"), Map.of());
        assertFalse(AbrConfig.of(full.vhost(Defaults.DEFAULT_VHOST).transcodes().getFirst()).enabled());
    }
}
