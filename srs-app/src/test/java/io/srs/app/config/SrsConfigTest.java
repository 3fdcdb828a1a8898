package io.srs.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.srs.core.ErrorCode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SrsConfigTest {
    static final Path NOWHERE = Path.of("/nonexistent-base");

    static SrsConfig parse(String text) {
        return SrsConfig.parse(text, "srs.conf", NOWHERE, Map.of());
    }

    static Path resources() {
        try {
            return Path.of(SrsConfigTest.class.getResource("/config/origin.conf").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static SrsConfig resource(String name) {
        try {
            Path dir = resources();
            return SrsConfig.parse(Files.readString(dir.resolve(name)), name, dir, Map.of());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConfigException fails(String text) {
        return assertThrows(ConfigException.class, () -> parse(text));
    }

    @Test
    void minimalConfigHasSrsDefaults() {
        SrsConfig c = parse("listen 1935; vhost __defaultVhost__ {}");
        assertEquals(List.of(new ListenAddress("0.0.0.0", 1935)), c.listen());
        assertEquals("./objs/srs.pid", c.pidFile());
        assertEquals(60000, c.chunkSize());
        assertEquals("./objs", c.ffLogDir());
        assertEquals("info", c.ffLogLevel());
        assertEquals("file", c.logTank());
        assertEquals("trace", c.logLevel());
        assertEquals("", c.logLevelV2());
        assertEquals("./objs/srs.log", c.logFile());
        assertEquals(1000, c.maxConnections());
        assertTrue(c.daemon());
        assertFalse(c.utcTime());
        assertEquals(Duration.ofSeconds(10), c.pithyPrint());
        assertEquals("./", c.workDir());
        assertFalse(c.asprocess());
        assertEquals("", c.serverId());
        assertEquals(Duration.ofMillis(2300), c.graceStartWait());
        assertEquals(Duration.ofMillis(3200), c.graceFinalWait());
        assertFalse(c.forceGraceQuit());
        assertTrue(c.emptyIpOk());
        assertFalse(c.inDocker());
        assertTrue(c.disableDaemonForDocker());
        assertFalse(c.inotifyAutoReload());
        assertTrue(c.autoReloadForDocker());
        assertFalse(c.envOnly());

        assertEquals(new HttpApiConfig(false, new ListenAddress("0.0.0.0", 1985), true,
                new HttpApiConfig.RawApi(false, false), new HttpApiConfig.Auth(false, "", "")), c.httpApi());
        assertEquals(new HttpServerConfig(false, new ListenAddress("0.0.0.0", 8080), "./objs/nginx/html", true),
                c.httpServer());
        assertEquals(new HeartbeatConfig(false, Duration.ofSeconds(10), "http://127.0.0.1:8085/api/v1/servers", "",
                false, false), c.heartbeat());
        assertEquals(new StatsConfig(true, 0, List.of()), c.stats());
        assertEquals(new ExporterConfig(false, new ListenAddress("0.0.0.0", 9972), "", ""), c.exporter());
    }

    @Test
    void minimalVhostHasSrsDefaults() {
        VhostConfig v = parse("listen 1935; vhost __defaultVhost__ {}").vhost("__defaultVhost__");
        assertEquals("__defaultVhost__", v.name());
        assertTrue(v.isDefault());
        assertTrue(v.enabled());
        assertEquals(60000, v.chunkSize());
        assertFalse(v.minLatency());
        assertFalse(v.tcpNodelay());
        assertEquals(0, v.inAckSize());
        assertEquals(2500000, v.outAckSize());
        assertEquals(new PlayConfig(true, 2500, Duration.ofSeconds(30), TimeJitter.FULL, false, false, false,
                Duration.ofMillis(350), 8, Duration.ZERO, false), v.play());
        assertEquals(new PublishConfig(false, Duration.ofMillis(350), Duration.ofMillis(20000),
                Duration.ofMillis(5000), true, true, Duration.ZERO), v.publish());
        assertEquals(new ClusterConfig(ClusterMode.LOCAL, List.of(), false, "[vhost]", true, false, List.of(),
                "rtmp", false), v.cluster());
        assertFalse(v.cluster().isEdge());
        assertEquals(new ForwardConfig(false, List.of(), ""), v.forward());
        assertEquals(new ReferConfig(false, List.of(), List.of(), List.of()), v.refer());
        assertEquals(new SecurityConfig(false, List.of()), v.security());
        HttpHooksConfig hooks = v.httpHooks();
        assertFalse(hooks.enabled());
        assertEquals(List.of(), hooks.onConnect());
        assertEquals(Duration.ofSeconds(30), hooks.timeout());
        assertEquals(new HlsConfig(false, Duration.ofSeconds(10), 1.0, 2.1, Duration.ofSeconds(60), "continue",
                "./objs/nginx/html", "[app]/[stream].m3u8", "[app]/[stream]-[seq].ts", false, "", "aac", "h264",
                true, Duration.ofSeconds(120), true, 64, false, 5, "[app]/[stream]-[seq].key", "./objs/nginx/html",
                "./objs/nginx/html", true, true, true), v.hls());
        assertEquals(new DvrConfig(false, List.of("all"), "session",
                "./objs/nginx/html/[app]/[stream].[timestamp].flv", Duration.ofSeconds(30), true, TimeJitter.FULL),
                v.dvr());
        assertEquals(new HttpStaticConfig(false, "[vhost]/", "./objs/nginx/html"), v.httpStatic());
        assertEquals(new HttpRemuxConfig(false, "[vhost]/[app]/[stream].flv", Duration.ZERO, true, true, true, true),
                v.httpRemux());
        assertEquals(new ExecConfig(false, List.of()), v.exec());
        assertEquals(List.of(), v.ingests());
        assertEquals(List.of(), v.transcodes());
    }

    @Test
    void vhostLookupIsExactThenDefaultThenNull() {
        SrsConfig c = parse("listen 1935; vhost __defaultVhost__ {} vhost a.com { enabled off; }");
        assertEquals("a.com", c.vhost("a.com").name());
        assertFalse(c.vhost("a.com").enabled());
        assertEquals("__defaultVhost__", c.vhost("b.com").name());
        assertEquals("__defaultVhost__", c.vhost("A.COM").name());
        assertNull(c.exactVhost("b.com"));
        assertEquals(List.of("__defaultVhost__", "a.com"), c.vhosts().stream().map(VhostConfig::name).toList());

        SrsConfig noDefault = parse("listen 1935; vhost a.com {}");
        assertNull(noDefault.vhost("b.com"));
        assertSame(noDefault.vhost("a.com"), noDefault.exactVhost("a.com"));
    }

    @Test
    void booleansFollowTheirDirectivesConvention() {
        // daemon prefers true: only "off" turns it off; utc_time prefers false: only "on" turns it on.
        assertTrue(parse("listen 1; daemon yes;").daemon());
        assertFalse(parse("listen 1; daemon off;").daemon());
        assertTrue(parse("listen 1; daemon;").daemon());
        assertFalse(parse("listen 1; utc_time yes;").utcTime());
        assertTrue(parse("listen 1; utc_time on;").utcTime());
        VhostConfig v = parse("listen 1; vhost v { play { gop_cache no; atc true; } }").vhost("v");
        assertTrue(v.play().gopCache());
        assertFalse(v.play().atc());
    }

    @Test
    void listenAcceptsSeveralPortsAndIpForms() {
        SrsConfig c = parse("listen 1935 127.0.0.1:1936 [::1]:1937 [::]:1938;");
        assertEquals(List.of(new ListenAddress("0.0.0.0", 1935), new ListenAddress("127.0.0.1", 1936),
                new ListenAddress("::1", 1937), new ListenAddress("::", 1938)), c.listen());
        assertEquals("[::1]:1937", c.listen().get(2).toString());
        assertEquals("127.0.0.1:1936", c.listen().get(1).toString());
    }

    @Test
    void chunkSizeFallsBackToGlobalPerVhost() {
        SrsConfig c = parse("listen 1; chunk_size 4096; vhost a { } vhost b { chunk_size 128; }");
        assertEquals(4096, c.vhost("a").chunkSize());
        assertEquals(128, c.vhost("b").chunkSize());
    }

    @Test
    void mwMsgsDefaultsToZeroForMinLatencyAndIsClamped() {
        SrsConfig c = parse("listen 1; vhost a { min_latency on; } vhost b { play { mw_msgs 1000; } }");
        assertEquals(0, c.vhost("a").play().mwMsgs());
        assertEquals(128, c.vhost("b").play().mwMsgs());
    }

    @Test
    void durationsUseTheUnitsSrsNames() {
        SrsConfig c = parse("listen 1; pithy_print_ms 1500; grace_start_wait 10; heartbeat { interval 9.3; }\n"
                + "vhost a { hls { hls_fragment 2.5; hls_window 7.5; hls_dispose 9.9; }\n"
                + "play { queue_length 4.5; mw_latency 120; send_min_interval 0.5; }\n"
                + "publish { kickoff_for_idle 1.5; firstpkt_timeout 1000; } }");
        assertEquals(Duration.ofMillis(1500), c.pithyPrint());
        assertEquals(Duration.ofMillis(10), c.graceStartWait());
        assertEquals(Duration.ofSeconds(9), c.heartbeat().interval());
        VhostConfig v = c.vhost("a");
        assertEquals(Duration.ofMillis(2500), v.hls().fragment());
        assertEquals(Duration.ofMillis(7500), v.hls().window());
        assertEquals(Duration.ofSeconds(9), v.hls().dispose());
        assertEquals(Duration.ofSeconds(4), v.play().queueLength());
        assertEquals(Duration.ofMillis(120), v.play().mwLatency());
        assertEquals(Duration.ofMillis(0).plusNanos(500_000), v.play().sendMinInterval());
        assertEquals(Duration.ofMillis(1500), v.publish().kickoffForIdle());
        assertEquals(Duration.ofSeconds(1), v.publish().firstpktTimeout());
    }

    @Test
    void hlsKeyPathsDefaultToHlsPath() {
        HlsConfig h = parse("listen 1; vhost a { hls { hls_path /data/hls; hls_key_url https://k/; } }").vhost("a").hls();
        assertEquals("/data/hls", h.keyFilePath());
        assertEquals("https://k/", h.keyUrl());
    }

    @Test
    void emptyArgumentMeansDefault() {
        SrsConfig c = parse("listen 1; chunk_size; pid \"\"; vhost a { play { queue_length; } }");
        assertEquals(60000, c.chunkSize());
        assertEquals("./objs/srs.pid", c.pidFile());
        assertEquals(Duration.ofSeconds(30), c.vhost("a").play().queueLength());
    }

    @Test
    void originExampleLoads() {
        SrsConfig c = resource("origin.conf");
        assertEquals(3000, c.maxConnections());
        assertEquals("console", c.logTank());
        assertEquals("warn", c.logLevel());
        assertFalse(c.daemon());
        assertEquals("origin-a", c.serverId());
        assertEquals(Duration.ofSeconds(5), c.pithyPrint());
        assertEquals(new HttpApiConfig(true, new ListenAddress("127.0.0.1", 1985), false,
                new HttpApiConfig.RawApi(true, true), new HttpApiConfig.Auth(true, "admin", "s3cret pass")), c.httpApi());
        assertTrue(c.httpServer().enabled());
        assertEquals(List.of("sda", "sdb"), c.stats().disks());
        assertEquals(new ExporterConfig(true, new ListenAddress("0.0.0.0", 9972), "cn-beijing", "cn-edu"), c.exporter());

        VhostConfig v = c.vhost("anything");
        assertTrue(v.tcpNodelay());
        assertTrue(v.minLatency());
        assertFalse(v.play().gopCache());
        assertEquals(Duration.ofSeconds(10), v.play().queueLength());
        assertEquals(0, v.play().mwMsgs());
        assertTrue(v.publish().mr());
        assertEquals(Duration.ofMillis(200), v.publish().mrLatency());
        assertEquals(Duration.ofMillis(7000), v.publish().normalTimeout());
        assertTrue(v.hls().enabled());
        assertEquals(Duration.ofMillis(2500), v.hls().fragment());
        assertFalse(v.hls().waitKeyframe());
        assertTrue(v.httpRemux().enabled());
        assertEquals(List.of("live/livestream", "live/other"), v.dvr().apply());
        assertEquals("segment", v.dvr().plan());
        assertEquals(Duration.ofSeconds(60), v.dvr().duration());
        assertEquals(List.of("http://127.0.0.1:8085/api/v1/streams", "http://localhost:8085/api/v1/streams"),
                v.httpHooks().onPublish());
        assertEquals(List.of("http://127.0.0.1:8085/api/v1/hls/[app]/[stream]/[ts_url][param]"),
                v.httpHooks().onHlsNotify());
        assertEquals(List.of(
                new SecurityConfig.Rule(SecurityConfig.Action.DENY, SecurityConfig.Method.PUBLISH, "10.0.0.5"),
                new SecurityConfig.Rule(SecurityConfig.Action.ALLOW, SecurityConfig.Method.PUBLISH, "10.0.0.0/8"),
                new SecurityConfig.Rule(SecurityConfig.Action.ALLOW, SecurityConfig.Method.PLAY, "all")),
                v.security().rules());
        assertTrue(v.security().enabled());
        assertEquals(SecurityConfig.TargetKind.IP, v.security().rules().get(0).kind());
        assertEquals(SecurityConfig.TargetKind.CIDR, v.security().rules().get(1).kind());
        assertEquals(SecurityConfig.TargetKind.ALL, v.security().rules().get(2).kind());
        assertTrue(v.exec().enabled());
        assertEquals("./objs/ffmpeg/bin/ffmpeg", v.exec().publish().getFirst().getFirst());

        VhostConfig t = c.exactVhost("transcode.example.com");
        assertEquals(1, t.transcodes().size());
        assertEquals("live", t.transcodes().getFirst().arg0());
        assertEquals("scale=640:-2", t.transcodes().getFirst().get("engine", "sd").get("vfilter").get("vf").arg0());
        assertEquals("camera", t.ingests().getFirst().arg0());
        assertEquals("rtsp://192.168.1.10/main", t.ingests().getFirst().get("input").get("url").arg0());
    }

    @Test
    void edgeExampleLoads() {
        SrsConfig c = resource("edge.conf");
        assertEquals(List.of(new ListenAddress("0.0.0.0", 1935), new ListenAddress("0.0.0.0", 19350)), c.listen());
        assertEquals("./objs/edge.log", c.logFile());
        ClusterConfig d = c.vhost("x").cluster();
        assertTrue(d.isEdge());
        assertEquals(List.of("192.168.1.2:1935", "192.168.1.3"), d.origins());
        assertTrue(d.tokenTraverse());
        assertFalse(d.debugSrsUpnode());
        assertEquals(4096, c.vhost("x").chunkSize());
        VhostConfig live = c.vhost("live.example.com");
        assertEquals(60000, live.chunkSize());
        assertEquals("origin.example.com", live.cluster().vhost());
        assertEquals("flv", live.cluster().protocol());
        assertTrue(live.cluster().followClient());
    }

    @Test
    void includeExampleLoadsRelativeToBaseDir() {
        SrsConfig c = resource("include/main.conf");
        assertTrue(c.httpApi().enabled());
        assertEquals(Duration.ofSeconds(4), c.vhost("__defaultVhost__").hls().fragment());
        assertEquals("include/hls.conf", c.vhost("__defaultVhost__").raw().get("hls").file());
    }

    @Test
    void loadReadsAFileRelativeToTheWorkingDirectory() {
        Path file = resources().resolve("edge.conf");
        SrsConfig c = SrsConfig.load(file, Map.of());
        assertEquals(4096, c.chunkSize());
    }

    @Test
    void emptyConfIsRejected() {
        ConfigException e = fails("# nothing\n");
        assertEquals("srs.conf:1: conf is empty (expected at least 'listen' and a vhost)", e.getMessage());
        assertEquals(ErrorCode.SYSTEM_CONFIG_INVALID, e.code());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "listen 1935;\\nfoo bar;|srs.conf:2: illegal directive foo (not a top-level directive of SRS)",
            "listen 1935;\\nvhost a {\\n  gop_cache_x on;\\n}|srs.conf:3: illegal directive vhost.gop_cache_x in vhost a",
            "listen 1935;\\nvhost a {\\n  hls {\\n    hls_fragmnet 3;\\n  }\\n}|srs.conf:4: illegal directive vhost.hls.hls_fragmnet in vhost a",
            "listen 1935;\\nhttp_api {\\n  raw_api { allow_everything on; }\\n}|srs.conf:3: illegal directive http_api.raw_api.allow_everything",
            "listen 1935;\\nhttp_server { port 80; }|srs.conf:2: illegal directive http_server.port",
            "listen 1935;\\nheartbeat { every 3; }|srs.conf:2: illegal directive heartbeat.every",
            "listen 1935;\\nstats { cpu on; }|srs.conf:2: illegal directive stats.cpu",
            "listen 1935;\\nexporter { path /m; }|srs.conf:2: illegal directive exporter.path",
            "listen 1935;\\nvhost a { play { gop on; } }|srs.conf:2: illegal directive vhost.play.gop in vhost a",
            "listen 1935;\\nvhost a { publish { mr_sleep 1; } }|srs.conf:2: illegal directive vhost.publish.mr_sleep in vhost a",
            "listen 1935;\\nvhost a { cluster { origins x; } }|srs.conf:2: illegal directive vhost.cluster.origins in vhost a",
            "listen 1935;\\nvhost a { forward { to x; } }|srs.conf:2: illegal directive vhost.forward.to in vhost a",
            "listen 1935;\\nvhost a { refer { any x; } }|srs.conf:2: illegal directive vhost.refer.any in vhost a",
            "listen 1935;\\nvhost a { security { permit play all; } }|srs.conf:2: illegal directive vhost.security.permit in vhost a",
            "listen 1935;\\nvhost a { http_hooks { on_foo x; } }|srs.conf:2: illegal directive vhost.http_hooks.on_foo in vhost a",
            "listen 1935;\\nvhost a { dvr { dvr_x 1; } }|srs.conf:2: illegal directive vhost.dvr.dvr_x in vhost a",
            "listen 1935;\\nvhost a { http_static { root x; } }|srs.conf:2: illegal directive vhost.http_static.root in vhost a",
            "listen 1935;\\nvhost a { http_remux { hls on; } }|srs.conf:2: illegal directive vhost.http_remux.hls in vhost a",
            "listen 1935;\\nvhost a { exec { play x; } }|srs.conf:2: illegal directive vhost.exec.play in vhost a",
            "listen 1935;\\nvhost a { ingest x { output y; } }|srs.conf:2: illegal directive vhost.ingest.output in vhost a",
            "listen 1935;\\nvhost a { transcode { engine e { vcolor red; } } }|srs.conf:2: illegal directive vhost.transcode.engine.vcolor in vhost a",
            "pid x;|srs.conf: listen requires params (expected 'listen <port>;' at top level)",
            "listen;|srs.conf:1: listen requires params (expected 'listen [ip:]port ...;')",
            "listen 0;|srs.conf:1: listen port '0' of '0' is invalid (expected a port in 1..65535)",
            "listen 65536;|srs.conf:1: listen port '65536' of '65536' is invalid (expected a port in 1..65535)",
            "listen abc;|srs.conf:1: listen port 'abc' of 'abc' is invalid (expected a port in 1..65535)",
            "listen 1.2.3:1935;|srs.conf:1: listen ip '1.2.3' of '1.2.3:1935' is not an IP address (expected port, ip:port or [ipv6]:port)",
            "listen localhost:1935;|srs.conf:1: listen ip 'localhost' of 'localhost:1935' is not an IP address (expected port, ip:port or [ipv6]:port)",
            "listen ::1:1935;|srs.conf:1: listen '::1:1935' is not a valid endpoint (expected [ipv6]:port with brackets)",
            "listen 127.0.0.1:;|srs.conf:1: listen port '' of '127.0.0.1:' is invalid (expected a port in 1..65535)",
            "listen 1;\\nchunk_size 127;|srs.conf:2: chunk_size 127 is out of range (expected an integer in 128..65536)",
            "listen 1;\\nchunk_size 65537;|srs.conf:2: chunk_size 65537 is out of range (expected an integer in 128..65536)",
            "listen 1;\\nvhost a {\\n chunk_size 64k;\\n}|srs.conf:3: chunk_size '64k' is not an integer (expected an integer in 128..65536)",
            "listen 1;\\nmax_connections many;|srs.conf:2: max_connections 'many' is not an integer (expected an integer >= 1)",
            "listen 1;\\nmax_connections 0;|srs.conf:2: max_connections 0 is out of range (expected an integer >= 1)",
            "listen 1;\\nvhost a { hls { hls_fragment ten; } }|srs.conf:2: hls_fragment 'ten' is not a number (expected a number >= 0)",
            "listen 1;\\nvhost a { hls { hls_fragment 0; } }|srs.conf:2: hls_fragment must be more than 0 seconds",
            "listen 1;\\nvhost a { play { queue_length -1; } }|srs.conf:2: queue_length -1 is out of range (expected an integer >= 0)",
            "listen 1;\\nvhost a { play { time_jitter fast; } }|srs.conf:2: time_jitter 'fast' is not valid (expected one of full, zero, off)",
            "listen 1;\\nvhost a { cluster { mode edge; } }|srs.conf:2: mode 'edge' is not valid (expected one of local, remote)",
            "listen 1;\\nvhost a {\\n cluster {\\n mode remote;\\n } }|srs.conf:4: edge vhost a has no origin (expected 'origin host[:port] ...;' in cluster)",
            "listen 1;\\nvhost a { hls { hls_on_error panic; } }|srs.conf:2: hls_on_error 'panic' is not valid (expected one of ignore, disconnect, continue)",
            "listen 1;\\nhttp_api { listen 99999; }|srs.conf:2: listen port '99999' of '99999' is invalid (expected a port in 1..65535)",
            "listen 1;\\nheartbeat { interval 0.5; }|srs.conf:2: heartbeat interval must be at least 1 second",
            "listen 1;\\nvhost a {}\\nvhost b {}\\nvhost a {}|srs.conf:4: duplicated vhost a (first defined at srs.conf:2)",
            "listen 1;\\nvhost {}|srs.conf:2: vhost has no name (expected 'vhost <name> { ... }')",
            "listen 1;\\nvhost a {\\n ingest cam {}\\n ingest cam {}\\n}|srs.conf:4: duplicated ingest id 'cam' in vhost a",
            "listen 1;\\nvhost a { exec { publish; } }|srs.conf:2: exec publish has no command (expected 'publish <program> [args...];')",
            "listen 1;\\nvhost a { http_remux {} http_remux {} }|srs.conf:2: more than one http_remux in vhost a (expected at most one)",
            "listen 1;\\nvhost a {\\n hls { enabled on; }\\n http_remux { enabled on; mount [vhost]/[app]/[stream].ts; }\\n}|srs.conf:4: hls conflicts with http_remux to .ts in vhost a (expected only one of them to write TS)",
            "listen 1;\\nvhost a {\\n forward { enabled on; destination b; }\\n publish { kickoff_for_idle 10; }\\n}|srs.conf:2: forward conflicts with publish.kickoff_for_idle in vhost a (expected only one of them)",
            "listen 1;\\nasprocess on;|srs.conf:2: asprocess conflicts with daemon (expected 'daemon off;')",
    })
    void invalidConfigsFailWithFileLineAndReason(String text, String message) {
        ConfigException e = fails(text.replace("\\n", "\n"));
        assertEquals(message, e.getMessage());
    }

    @Test
    void securityRulesNeedMethodAndTarget() {
        ConfigException e = fails("listen 1;\nvhost a {\n security { allow publish; }\n}");
        assertEquals("srs.conf:3: security rule 'allow publish' is invalid "
                + "(expected 'allow publish|play all|<ip>|<cidr>;')", e.getMessage());
        e = fails("listen 1;\nvhost a {\n security {\n deny watch all; }\n}");
        assertEquals("srs.conf:4: security rule 'deny watch all' is invalid "
                + "(expected 'deny publish|play all|<ip>|<cidr>;')", e.getMessage());
    }

    @Test
    void toleratedBlocksAcceptAnyContent() {
        SrsConfig c = parse("listen 1; rtc_server { enabled on; anything 1; } srt_server { whatever; }\n"
                + "stream_caster { caster flv; x y; } vhost a { bandcheck { key k; } hds { hds_x 1; }\n"
                + "ingest i { input { type file; weird 1; } engine { foo bar; } } }");
        assertEquals("on", c.root().get("rtc_server").get("enabled").arg0());
        assertEquals(1, c.vhost("a").ingests().size());
    }

    @Test
    void asprocessWithDaemonOffIsFine() {
        assertTrue(parse("listen 1; daemon off; asprocess on;").asprocess());
    }

    @Test
    void srs7RtmpBlockIsAccepted() {
        SrsConfig c = parse("rtmp {\n listen 1936;\n chunk_size 8192;\n}\nvhost a {}");
        assertEquals(List.of(new ListenAddress("0.0.0.0", 1936)), c.listen());
        assertEquals(8192, c.chunkSize());
        assertNull(c.root().get("rtmp"));
    }

    @Test
    void fromEnvironmentBuildsAConfigWithoutAFile() {
        SrsConfig c = SrsConfig.fromEnvironment(Map.of("SRS_LISTEN", "1935 1936", "SRS_HTTP_API_ENABLED", "on",
                "SRS_VHOST_HLS_ENABLED", "on"));
        assertTrue(c.envOnly());
        assertFalse(c.daemon());
        assertEquals("console", c.logTank());
        assertEquals(2, c.listen().size());
        assertTrue(c.httpApi().enabled());
        assertEquals("__defaultVhost__", c.vhost("any").name());
        assertTrue(c.vhost("any").hls().enabled());
    }

    @Test
    void fromEnvironmentKeepsExplicitDaemonAndLogTank() {
        SrsConfig c = SrsConfig.fromEnvironment(Map.of("SRS_DAEMON", "on", "SRS_LOG_TANK", "file"));
        assertTrue(c.daemon());
        assertEquals("file", c.logTank());
        assertEquals(List.of(), c.listen());
    }

    @Test
    void fromEnvironmentValidatesValues() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SrsConfig.fromEnvironment(Map.of("SRS_LISTEN", "70000")));
        assertEquals("env:SRS_LISTEN: listen port '70000' of '70000' is invalid (expected a port in 1..65535)",
                e.getMessage());
    }
}
