package io.srs.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvOverridesTest {
    private static final String BASE = "listen 1935;\ndaemon on;\nvhost __defaultVhost__ {}\nvhost a.com {\n"
            + "    hls { enabled off; hls_fragment 10; }\n}\n";

    private static SrsConfig withEnv(Map<String, String> env) {
        return SrsConfig.parse(BASE, "srs.conf", Path.of("/nonexistent"), env);
    }

    @Test
    void variableNameIsUpperCasedDottedPath() {
        assertEquals("SRS_LISTEN", EnvOverrides.variable("listen"));
        assertEquals("SRS_HTTP_API_RAW_API_ENABLED", EnvOverrides.variable("http_api.raw_api.enabled"));
        assertEquals("SRS_VHOST_HLS_HLS_FRAGMENT", EnvOverrides.variable("vhost.hls.hls_fragment"));
    }

    @Test
    void everyPathHasItsOwnVariable() {
        Set<String> seen = new HashSet<>();
        for (String p : EnvOverrides.paths()) {
            assertTrue(seen.add(EnvOverrides.variable(p)), p);
        }
        assertTrue(EnvOverrides.paths().containsAll(List.of("listen", "daemon", "http_api.enabled",
                "http_api.auth.password", "exporter.listen", "vhost.hls.hls_fragment", "vhost.play.gop_cache",
                "vhost.http_hooks.on_publish", "vhost.chunk_size")));
        assertFalse(EnvOverrides.paths().contains("vhost.security.allow"));
        assertFalse(EnvOverrides.paths().contains("http_api.raw_api"));
    }

    @Test
    void topLevelValuesAreOverridden() {
        SrsConfig c = withEnv(Map.of("SRS_LISTEN", " 1936  127.0.0.1:1937 ", "SRS_DAEMON", "off",
                "SRS_MAX_CONNECTIONS", "10", "SRS_PID", "/run/srs.pid"));
        assertEquals(List.of(new ListenAddress("0.0.0.0", 1936), new ListenAddress("127.0.0.1", 1937)), c.listen());
        assertFalse(c.daemon());
        assertEquals(10, c.maxConnections());
        assertEquals("/run/srs.pid", c.pidFile());
        assertEquals("env:SRS_DAEMON", c.root().get("daemon").file());
    }

    @Test
    void missingBlocksAreCreated() {
        SrsConfig c = withEnv(Map.of("SRS_HTTP_API_ENABLED", "on", "SRS_HTTP_API_LISTEN", "1990",
                "SRS_HTTP_API_RAW_API_ENABLED", "on", "SRS_HTTP_API_AUTH_PASSWORD", "a b",
                "SRS_EXPORTER_ENABLED", "on"));
        assertTrue(c.httpApi().enabled());
        assertEquals(1990, c.httpApi().listen().port());
        assertTrue(c.httpApi().rawApi().enabled());
        assertEquals("a b", c.httpApi().auth().password());
        assertTrue(c.exporter().enabled());
    }

    @Test
    void vhostVariablesApplyToEveryVhost() {
        SrsConfig c = withEnv(Map.of("SRS_VHOST_HLS_HLS_FRAGMENT", "2.5", "SRS_VHOST_HLS_ENABLED", "on",
                "SRS_VHOST_HTTP_HOOKS_ON_PUBLISH", "http://a/1 http://b/2", "SRS_VHOST_PLAY_GOP_CACHE", "off"));
        for (VhostConfig v : c.vhosts()) {
            assertEquals(Duration.ofMillis(2500), v.hls().fragment(), v.name());
            assertTrue(v.hls().enabled(), v.name());
            assertEquals(List.of("http://a/1", "http://b/2"), v.httpHooks().onPublish());
            assertFalse(v.play().gopCache());
        }
    }

    @Test
    void emptyValuesAreIgnored() {
        SrsConfig c = withEnv(Map.of("SRS_DAEMON", "", "SRS_LISTEN", "  "));
        assertTrue(c.daemon());
        assertEquals(1935, c.listen().getFirst().port());
    }

    @Test
    void logAliasesAreReadWhenTheLongFormIsAbsent() {
        SrsConfig c = withEnv(Map.of("SRS_LOG_TANK", "console", "SRS_LOG_LEVEL", "warn", "SRS_LOG_FILE", "/x.log"));
        assertEquals("console", c.logTank());
        assertEquals("warn", c.logLevel());
        assertEquals("/x.log", c.logFile());
        SrsConfig both = withEnv(Map.of("SRS_SRS_LOG_TANK", "file", "SRS_LOG_TANK", "console"));
        assertEquals("file", both.logTank());
    }

    @Test
    void vhostChunkSizeAlsoSetsTheGlobalOneLikeSrs() {
        SrsConfig c = withEnv(Map.of("SRS_VHOST_CHUNK_SIZE", "4096"));
        assertEquals(4096, c.chunkSize());
        assertEquals(4096, c.vhost("a.com").chunkSize());
        SrsConfig both = withEnv(Map.of("SRS_VHOST_CHUNK_SIZE", "4096", "SRS_CHUNK_SIZE", "8192"));
        assertEquals(8192, both.chunkSize());
        assertEquals(4096, both.vhost("a.com").chunkSize());
    }

    @Test
    void badEnvironmentValuesNameTheVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> withEnv(Map.of("SRS_VHOST_HLS_HLS_FRAGMENT", "soon")));
        assertEquals("env:SRS_VHOST_HLS_HLS_FRAGMENT: hls_fragment 'soon' is not a number (expected a number >= 0)",
                e.getMessage());
        assertEquals(0, e.line());
    }

    @Test
    void unrelatedVariablesAreIgnored() {
        SrsConfig c = withEnv(Map.of("PATH", "/bin", "SRS_ENV_ONLY", "1", "SRS_NOT_A_DIRECTIVE", "x"));
        assertEquals(withEnv(Map.of()).root(), c.root());
    }
}
