package io.srs.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.srs.app.config.ConfigDiff.Global;
import io.srs.app.config.ConfigDiff.VhostSection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {
    private static final String BASE = "listen 1935;\nmax_connections 100;\nhttp_api { enabled on; }\n"
            + "vhost __defaultVhost__ {}\nvhost a { hls { enabled on; } }\nvhost b { play { gop_cache on; } }\n";

    private static SrsConfig parse(String text) {
        return SrsConfigTest.parse(text);
    }

    private static ConfigDiff diff(String a, String b) {
        return ConfigDiff.between(parse(a), parse(b));
    }

    @Test
    void identicalConfigsHaveNoDiff() {
        ConfigDiff d = diff(BASE, BASE);
        assertTrue(d.isEmpty());
        assertEquals(Set.of(), d.global());
    }

    @Test
    void formattingCommentsAndExplicitDefaultsAreNotChanges() {
        String reformatted = "# reload me\n\n" + BASE.replace("max_connections 100;", "max_connections   100; daemon on;")
                .replace("vhost b {", "vhost b {\n  enabled on;\n  play { gop_cache_max_frames 2500; }\n");
        assertTrue(diff(BASE, reformatted).isEmpty(), diff(BASE, reformatted).toString());
    }

    @Test
    void topLevelChangesAreReported() {
        String next = BASE.replace("listen 1935;", "listen 1936;").replace("max_connections 100;",
                "max_connections 200; srs_log_level warn; chunk_size 4096;").replace("http_api { enabled on; }",
                "http_api { enabled on; listen 1990; } exporter { enabled on; } heartbeat { enabled on; }");
        ConfigDiff d = diff(BASE, next);
        assertEquals(EnumSet.of(Global.LISTEN, Global.MAX_CONNECTIONS, Global.LOGGING, Global.CHUNK_SIZE,
                Global.HTTP_API, Global.EXPORTER, Global.HEARTBEAT), d.global());
        // The global chunk size is every vhost's fallback.
        assertEquals(Set.of(VhostSection.CHUNK_SIZE), d.vhostChanges("a"));
    }

    @Test
    void untypedTopLevelDirectivesAreComparedRaw() {
        ConfigDiff d = diff(BASE, BASE + "rtc_server { enabled on; }\nin_docker on;\n");
        assertEquals(EnumSet.of(Global.RTC_SERVER, Global.OTHER), d.global());
    }

    @Test
    void addedAndRemovedVhostsAreListedInOrder() {
        ConfigDiff d = diff(BASE, BASE.replace("vhost a { hls { enabled on; } }\n", "") + "vhost c {}\nvhost d {}\n");
        assertEquals(List.of("c", "d"), d.addedVhosts());
        assertEquals(List.of("a"), d.removedVhosts());
        assertEquals(Map.of(), d.changedVhosts());
    }

    @Test
    void changedVhostSectionsAreReported() {
        String next = BASE.replace("vhost a { hls { enabled on; } }",
                "vhost a { hls { enabled on; hls_fragment 5; } dvr { enabled on; } security { enabled on; allow play all; } }")
                .replace("vhost b { play { gop_cache on; } }",
                        "vhost b { play { gop_cache off; } publish { mr on; } cluster { mode remote; origin o; }"
                                + " forward { enabled on; destination x; } refer { enabled on; }"
                                + " http_hooks { enabled on; } http_static { enabled on; } http_remux { enabled on; }"
                                + " exec { enabled on; } ingest i {} transcode {} rtc { enabled on; }"
                                + " enabled off; tcp_nodelay on; min_latency on; in_ack_size 10; }");
        ConfigDiff d = diff(BASE, next);
        assertEquals(Set.of(), d.global());
        assertEquals(EnumSet.of(VhostSection.HLS, VhostSection.DVR, VhostSection.SECURITY), d.vhostChanges("a"));
        assertEquals(EnumSet.of(VhostSection.PLAY, VhostSection.PUBLISH, VhostSection.CLUSTER, VhostSection.FORWARD,
                VhostSection.REFER, VhostSection.HTTP_HOOKS, VhostSection.HTTP_STATIC, VhostSection.HTTP_REMUX,
                VhostSection.EXEC, VhostSection.INGEST, VhostSection.TRANSCODE, VhostSection.OTHER,
                VhostSection.ENABLED, VhostSection.TCP_NODELAY, VhostSection.MIN_LATENCY, VhostSection.ACK_SIZE),
                d.vhostChanges("b"));
        assertEquals(Set.of(), d.vhostChanges("__defaultVhost__"));
        assertEquals(List.of("a", "b"), List.copyOf(d.changedVhosts().keySet()));
    }

    @Test
    void envOverridesTakePartInTheDiff() {
        SrsConfig a = SrsConfig.parse(BASE, "srs.conf", SrsConfigTest.NOWHERE, Map.of());
        SrsConfig b = SrsConfig.parse(BASE, "srs.conf", SrsConfigTest.NOWHERE, Map.of("SRS_VHOST_HLS_HLS_WINDOW", "30"));
        ConfigDiff d = ConfigDiff.between(a, b);
        assertEquals(Set.of(VhostSection.HLS), d.vhostChanges("a"));
        assertEquals(Set.of(VhostSection.HLS), d.vhostChanges("b"));
    }

    @Test
    void aFailedReloadLeavesTheOldSnapshotUntouched() {
        SrsConfig old = parse(BASE);
        String before = old.toString();
        assertThrows(ConfigException.class, () -> parse(BASE + "vhost a {}\n"));
        assertEquals(before, old.toString());
        assertEquals(100, old.maxConnections());
    }

    @Test
    void diffSetsAreImmutable() {
        ConfigDiff d = diff(BASE, BASE.replace("listen 1935;", "listen 1936;"));
        assertThrows(UnsupportedOperationException.class, () -> d.global().add(Global.PID));
        assertThrows(UnsupportedOperationException.class, () -> d.addedVhosts().add("x"));
    }
}
