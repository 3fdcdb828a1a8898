package io.srs.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.srs.app.config.ListenAddress;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.SourceRegistry;
import io.srs.app.stats.FakeClient;
import io.srs.app.stats.Identity;
import io.srs.app.stats.Metrics;
import io.srs.app.stats.ProcStats;
import io.srs.app.stats.Statistics;
import io.srs.app.stats.Summaries;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.session.ClientKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API over real HTTP on loopback, with statistics fed by fake clients. */
class HttpApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE_CONFIG = """
            listen 1935;
            http_api { enabled on; listen 1985; %s }
            exporter { enabled %s; label cn-beijing; tag cn-edge; }
            vhost __defaultVhost__ { }
            """;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Identity identity = new Identity("vid-server1", "svc12345", "4242");
    private final AtomicInteger reloads = new AtomicInteger();
    private ConfigStore config;
    private Statistics stats;
    private Metrics metrics;
    private final io.srs.app.http.HttpServers servers = new io.srs.app.http.HttpServers();
    private io.srs.app.http.HttpServers.Mount listener;
    private FakeClient publisher;
    private FakeClient player;

    @BeforeEach
    void start() {
        config = new ConfigStore(config("", "off"));
        SourceRegistry sources = new SourceRegistry();
        stats = new Statistics(config, sources, new SecureRandom(), System::nanoTime);
        ProcStats proc = new ProcStats();
        metrics = new Metrics(identity, stats, proc, sources);
        HttpApi api = new HttpApi(config, identity, stats, proc, new Summaries(proc, stats), metrics, () -> {
            if (reloads.incrementAndGet() == 2) {
                throw new SrsException(ErrorCode.SYSTEM_CONFIG_INVALID, "line 3: bad directive");
            }
        });
        listener = servers.mount(new ListenAddress("127.0.0.1", 0), "/", api);
        RtmpRequest r = RtmpRequest.ofConnect("rtmp://127.0.0.1/live", "", "", 0).withStream("livestream", -1)
                .withVhost("__defaultVhost__");
        publisher = new FakeClient("pub00001");
        player = new FakeClient("ply00001");
        stats.onClient(publisher, r, ClientKind.FMLE_PUBLISH);
        stats.onClient(player, r, ClientKind.PLAY);
    }

    @AfterEach
    void stop() {
        listener.close();
        servers.close();
        metrics.close();
        http.close();
    }

    private static SrsConfig config(String apiExtra, String exporter) {
        return SrsConfig.parse(BASE_CONFIG.formatted(apiExtra, exporter), "t.conf", Path.of("."), Map.of());
    }

    private HttpResponse<String> call(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = call("GET", path);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        return envelope(r.body());
    }

    private JsonNode reload() throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/raw?rpc=reload", "Content-Type", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        return envelope(r.body());
    }

    /** Checks the envelope every JSON answer carries. */
    private static JsonNode envelope(String body) throws Exception {
        assertFalse(body.contains("\tat ") || body.contains("Exception"), "no stack trace: " + body);
        JsonNode o = JSON.readTree(body);
        assertTrue(o.get("code").isInt(), body);
        assertEquals("vid-server1", o.get("server").asText());
        assertEquals("svc12345", o.get("service").asText());
        assertEquals("4242", o.get("pid").asText());
        assertEquals(List.of("code", "server", "service", "pid"), fieldNames(o).subList(0, 4));
        return o;
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void versionsAndIndexes() throws Exception {
        JsonNode v = get("/api/v1/versions");
        assertEquals(0, v.get("code").asInt());
        assertEquals(7, v.get("data").get("major").asInt());
        assertTrue(v.get("data").get("version").asText().matches("\\d+\\.\\d+\\.\\d+"));
        assertEquals("the api root", get("/").get("urls").get("api").asText());
        assertTrue(get("/api/").get("urls").has("v1"));
        JsonNode v1 = get("/api/v1/");
        for (String child : List.of("versions", "summaries", "rusages", "self_proc_stats", "system_proc_stats",
                "meminfos", "authors", "features", "requests", "vhosts", "streams", "clients", "raw", "clusters")) {
            assertTrue(v1.get("urls").has(child), child);
        }
        assertTrue(get("/api/v1/authors").get("data").has("license"));
        assertTrue(get("/api/v1/features").get("data").get("features").get("api").asBoolean());
        JsonNode req = get("/api/v1/requests?x=1").get("data");
        assertEquals("GET", req.get("METHOD").asText());
        assertEquals("/api/v1/requests?x=1", req.get("uri").asText());
    }

    @Test
    void systemFiguresComeFromProcAndTheJvm() throws Exception {
        JsonNode d = get("/api/v1/summaries").get("data");
        for (String f : List.of("ok", "now_ms", "self", "system")) {
            assertTrue(d.has(f), f);
        }
        JsonNode self = d.get("self");
        for (String f : List.of("version", "pid", "ppid", "argv", "cwd", "mem_kbyte", "mem_percent", "cpu_percent",
                "srs_uptime")) {
            assertTrue(self.has(f), f);
        }
        assertEquals(ProcessHandle.current().pid(), self.get("pid").asLong());
        assertTrue(self.get("jvm").get("heap_used_kbyte").asLong() > 0);
        JsonNode sys = d.get("system");
        for (String f : List.of("cpu_percent", "disk_read_KBps", "disk_write_KBps", "disk_busy_percent",
                "mem_ram_kbyte", "mem_ram_percent", "mem_swap_kbyte", "mem_swap_percent", "cpus", "cpus_online",
                "uptime", "ilde_time", "load_1m", "load_5m", "load_15m", "net_sample_time", "net_recv_bytes",
                "net_send_bytes", "net_recvi_bytes", "net_sendi_bytes", "srs_sample_time", "srs_recv_bytes",
                "srs_send_bytes", "conn_sys", "conn_sys_et", "conn_sys_tw", "conn_sys_udp", "conn_srs")) {
            assertTrue(sys.has(f), f);
        }
        assertEquals(2, sys.get("conn_srs").asInt());
        assertTrue(sys.get("cpus").asInt() > 0);
        if (java.nio.file.Files.exists(Path.of("/proc/meminfo"))) {
            assertTrue(d.get("ok").asBoolean());
            assertTrue(self.get("mem_kbyte").asLong() > 0);
            assertTrue(sys.get("mem_ram_kbyte").asLong() > 0);
            assertTrue(sys.get("uptime").asDouble() > 0);
            assertTrue(get("/api/v1/meminfos").get("data").get("MemTotal").asLong() > 0);
            JsonNode ps = get("/api/v1/self_proc_stats").get("data");
            assertEquals(ProcessHandle.current().pid(), ps.get("pid").asLong());
            assertTrue(ps.get("num_threads").asLong() > 1);
            assertTrue(ps.get("comm").asText().startsWith("("));
            assertTrue(get("/api/v1/system_proc_stats").get("data").get("user").asLong() > 0);
            JsonNode ru = get("/api/v1/rusages").get("data");
            assertTrue(ru.get("ru_maxrss").asLong() > 0);
            assertTrue(ru.has("ru_nivcsw"));
        }
    }

    @Test
    void streamsClientsAndVhosts() throws Exception {
        JsonNode streams = get("/api/v1/streams/");
        assertEquals(1, streams.get("streams").size());
        JsonNode s = streams.get("streams").get(0);
        assertEquals(2, s.get("clients").asInt());
        String sid = s.get("id").asText();
        assertEquals(sid, get("/api/v1/streams/" + sid).get("stream").get("id").asText());
        assertEquals(sid, get("/api/v1/streams?start=0&count=1").get("streams").get(0).get("id").asText());
        assertEquals(0, get("/api/v1/streams?start=1").get("streams").size());

        JsonNode clients = get("/api/v1/clients/");
        assertEquals(2, clients.get("clients").size());
        assertEquals("rtmp-play", get("/api/v1/clients/ply00001").get("client").get("type").asText());

        JsonNode vhosts = get("/api/v1/vhosts");
        String vid = vhosts.get("vhosts").get(0).get("id").asText();
        assertEquals(s.get("vhost").asText(), vid);
        assertEquals("__defaultVhost__", get("/api/v1/vhosts/" + vid).get("vhost").get("name").asText());
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v1/streams/vid-nothere, 2048", "/api/v1/streams/a/b, 2048", "/api/v1/clients/nobody, 2049",
        "/api/v1/vhosts/vid-0000000, 2014", "/api/v1/streams/%00%ff, 2048", "/api/v1/clients/..%2F..%2Fetc, 2049"})
    void unknownIdsAreSrsErrors(String path, int code) throws Exception {
        HttpResponse<String> r = call("GET", path);
        assertEquals(200, r.statusCode(), "SRS answers these with HTTP 200 and its code");
        JsonNode o = envelope(r.body());
        assertEquals(code, o.get("code").asInt());
        assertFalse(o.get("msg").asText().isEmpty());
    }

    @Test
    void aVeryLongIdIsNotFound() throws Exception {
        JsonNode o = envelope(call("GET", "/api/v1/streams/" + "x".repeat(4000)).body());
        assertEquals(2048, o.get("code").asInt());
        assertTrue(o.get("msg").asText().length() < 200, "the id is not echoed in full");
    }

    @ParameterizedTest
    @CsvSource({"count=100000", "count=1001", "count=0", "count=-5", "count=abc", "start=-1", "start=1e3",
        "count=99999999999999999999", "start=2000000"})
    void badPagingIsRefused(String query) throws Exception {
        for (String res : List.of("streams", "clients")) {
            HttpResponse<String> r = call("GET", "/api/v1/" + res + "?" + query);
            assertEquals(400, r.statusCode(), r.body());
            assertEquals(ErrorCode.REQUEST_DATA.code(), envelope(r.body()).get("code").asInt());
        }
        assertEquals(2, get("/api/v1/clients?count=1000").get("clients").size());
    }

    @ParameterizedTest
    @CsvSource({"POST, /api/v1/versions", "PUT, /api/v1/streams/", "DELETE, /api/v1/streams/x", "POST, /api/v1/clients/",
        "DELETE, /api/v1/clients/", "PATCH, /api/v1/vhosts", "POST, /api/v1/summaries", "DELETE, /api/v1/raw",
        "POST, /metrics"})
    void wrongMethodsGet405(String method, String path) throws Exception {
        HttpResponse<String> r = call(method, path);
        assertEquals(405, r.statusCode(), r.body());
        assertEquals(405, envelope(r.body()).get("code").asInt());
    }

    @Test
    void unknownPathsGet404() throws Exception {
        for (String p : List.of("/api/v1/nothing", "/api/v2/versions", "/api/v1/streamsx", "/favicon.ico")) {
            HttpResponse<String> r = call("GET", p);
            assertEquals(404, r.statusCode(), p);
            assertEquals(ErrorCode.HTTP_HANDLER_MATCH_URL.code(), envelope(r.body()).get("code").asInt());
        }
    }

    @Test
    void deleteKicksTheClient() throws Exception {
        HttpResponse<String> r = call("DELETE", "/api/v1/clients/ply00001");
        assertEquals(200, r.statusCode());
        assertEquals(0, envelope(r.body()).get("code").asInt());
        assertTrue(player.closed.get());
        assertFalse(publisher.closed.get());
        assertEquals(2049, envelope(call("DELETE", "/api/v1/clients/nobody").body()).get("code").asInt());
    }

    @Test
    void jsonpWrapsAndNeverChangesState() throws Exception {
        HttpResponse<String> r = call("GET", "/api/v1/versions?callback=jQuery_1.2-3");
        assertEquals("text/javascript", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().startsWith("jQuery_1.2-3({") && r.body().endsWith("})"), r.body());
        envelope(r.body().substring("jQuery_1.2-3(".length(), r.body().length() - 1));
        HttpResponse<String> read = call("GET", "/api/v1/clients/pub00001?callback=cb&method=GET");
        assertEquals(200, read.statusCode(), "JSONP reads still work (SRS's console lists with them)");

        // SRS kicks here: any page (an <img>, a <script>) could kick publishers.
        HttpResponse<String> kick = call("GET", "/api/v1/clients/pub00001?callback=cb&method=DELETE");
        assertTrue(kick.body().startsWith("cb("));
        assertEquals(405, kick.statusCode());
        assertTrue(kick.body().contains("JSONP is read-only"), kick.body());
        assertFalse(publisher.closed.get(), "JSONP's method=DELETE must not kick");

        HttpResponse<String> bad = call("GET", "/api/v1/versions?callback=alert(1)");
        assertEquals(400, bad.statusCode());
        assertEquals(ErrorCode.HTTP_JSONP.code(), envelope(bad.body()).get("code").asInt());
    }

    @Test
    void aForeignPageCannotKickEvenWithRememberedCredentials() throws Exception {
        HttpResponse<String> foreign = call("DELETE", "/api/v1/clients/pub00001", "Origin", "http://evil.example");
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertTrue(envelope(foreign.body()).get("msg").asText().contains("allow_origin"));
        assertEquals(403, call("DELETE", "/api/v1/clients/pub00001", "Origin", "null").statusCode(),
                "sandboxed pages and file:// send Origin: null");
        assertEquals(403, call("DELETE", "/api/v1/clients/pub00001", "Origin",
                "http://127.0.0.1.evil.example:" + listener.port()).statusCode());
        assertFalse(publisher.closed.get());

        config.apply(config("auth { enabled on; username admin; password pw; }", "off"));
        String good = "Basic " + Base64.getEncoder().encodeToString("admin:pw".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, call("DELETE", "/api/v1/clients/pub00001", "Origin", "http://evil.example",
                "Authorization", good).statusCode(), "credentials a browser remembers do not help a foreign page");
        assertEquals(405, call("GET", "/api/v1/clients/pub00001?callback=cb&method=DELETE",
                "Authorization", good).statusCode());
        assertFalse(publisher.closed.get());

        HttpResponse<String> own = call("DELETE", "/api/v1/clients/pub00001", "Origin",
                "http://127.0.0.1:" + listener.port(), "Authorization", good);
        assertEquals(200, own.statusCode(), "the API's own origin may kick: " + own.body());
        assertTrue(publisher.closed.get());
    }

    @Test
    void theHttpServersOriginAndListedOriginsMayKick() throws Exception {
        SrsConfig withServer = SrsConfig.parse(BASE_CONFIG.formatted("allow_origin https://console.example:8443;", "off")
                + "http_server { enabled on; listen 18080; }", "t.conf", Path.of("."), Map.of());
        config.apply(withServer);
        // SRS's console, served by http_server, calls the API on its own port (a CORS preflight, then DELETE).
        assertEquals(200, call("OPTIONS", "/api/v1/clients/ply00001", "Origin", "http://127.0.0.1:18080",
                "Access-Control-Request-Method", "DELETE").statusCode());
        assertEquals(200, call("DELETE", "/api/v1/clients/ply00001", "Origin", "http://127.0.0.1:18080").statusCode());
        assertTrue(player.closed.get());
        assertEquals(403, call("DELETE", "/api/v1/clients/pub00001", "Origin", "http://localhost:18080").statusCode(),
                "another host name on the http_server's port is another origin");
        assertEquals(200, call("DELETE", "/api/v1/clients/pub00001", "Origin", "https://console.example:8443")
                .statusCode());
        assertTrue(publisher.closed.get());
    }

    @Test
    void corsWhenCrossdomain() throws Exception {
        HttpResponse<String> withOrigin = call("GET", "/api/v1/versions", "Origin", "http://console.example");
        assertEquals("*", withOrigin.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals("*", withOrigin.headers().firstValue("Access-Control-Allow-Methods").orElse(""));
        assertTrue(call("GET", "/api/v1/versions").headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertEquals(200, call("OPTIONS", "/api/v1/clients/x", "Origin", "http://a").statusCode());

        config.apply(config("crossdomain off;", "off"));
        HttpResponse<String> off = call("GET", "/api/v1/versions", "Origin", "http://console.example");
        assertTrue(off.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertEquals(405, call("OPTIONS", "/api/v1/versions").statusCode());
    }

    @Test
    void basicAuthGuardsTheApi() throws Exception {
        config.apply(config("auth { enabled on; username admin; password s3cret:x; }", "on"));
        String good = "Basic " + Base64.getEncoder().encodeToString("admin:s3cret:x".getBytes(StandardCharsets.UTF_8));
        String bad = "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8));
        for (String[] h : List.of(new String[] {}, new String[] {"Authorization", bad},
                new String[] {"Authorization", "Basic !!!notbase64"}, new String[] {"Authorization", "Bearer x"},
                new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes())})) {
            HttpResponse<String> r = call("GET", "/api/v1/versions", h);
            assertEquals(401, r.statusCode(), List.of(h).toString());
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
            assertEquals(401, envelope(r.body()).get("code").asInt());
        }
        assertEquals(200, call("GET", "/api/v1/versions", "Authorization", good).statusCode());
        assertEquals(200, call("GET", "/metrics").statusCode(), "SRS guards only /api/ paths");
    }

    @Test
    void rawApiAndReload() throws Exception {
        JsonNode raw = get("/api/v1/raw?rpc=raw");
        assertEquals("1985", raw.get("http_api").get("listen").asText());
        assertFalse(raw.get("http_api").get("raw_api").get("enabled").asBoolean());
        assertEquals(1061, get("/api/v1/raw?rpc=reload").get("code").asInt());

        config.apply(config("raw_api { enabled on; allow_reload off; }", "off"));
        assertEquals(1061, get("/api/v1/raw?rpc=reload").get("code").asInt(), "allow_reload off");
        assertEquals(1060, get("/api/v1/raw?rpc=drop_database").get("code").asInt());
        assertEquals(1060, get("/api/v1/raw").get("code").asInt());
        assertEquals(0, reloads.get());

        config.apply(config("raw_api { enabled on; allow_reload on; }", "off"));
        // SRS reloads on this GET; a foreign page could trigger it with an <img>.
        HttpResponse<String> byGet = call("GET", "/api/v1/raw?rpc=reload");
        assertEquals(405, byGet.statusCode(), byGet.body());
        assertEquals(405, call("GET", "/api/v1/raw?rpc=reload&callback=cb").statusCode());
        assertEquals(403, call("POST", "/api/v1/raw?rpc=reload", "Content-Type", "text/plain").statusCode(),
                "a simple POST (a form) is not enough");
        assertEquals(403, call("POST", "/api/v1/raw?rpc=reload", "Content-Type", "application/json",
                "Origin", "http://evil.example").statusCode());
        assertEquals(405, call("POST", "/api/v1/raw?rpc=raw", "Content-Type", "application/json").statusCode());
        assertEquals(0, reloads.get());
        assertEquals(0, reload().get("code").asInt());
        assertEquals(1, reloads.get());
        JsonNode fetch = get("/api/v1/raw?rpc=reload-fetch").get("data");
        assertEquals(0, fetch.get("err").asInt());
        assertEquals(90, fetch.get("state").asInt());
        String rid = fetch.get("rid").asText();
        assertFalse(rid.isEmpty());

        reload();
        JsonNode failed = get("/api/v1/raw?rpc=reload-fetch").get("data");
        assertEquals(ErrorCode.SYSTEM_CONFIG_INVALID.code(), failed.get("err").asInt());
        assertTrue(failed.get("msg").asText().contains("bad directive"));
        assertFalse(rid.equals(failed.get("rid").asText()));
    }

    @Test
    void metricsNeedTheExporter() throws Exception {
        assertEquals(ErrorCode.EXPORTER_DISABLED.code(), get("/metrics").get("code").asInt());
        config.apply(config("", "on"));
        HttpResponse<String> r = call("GET", "/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        PrometheusText p = PrometheusText.parse(r.body());
        assertEquals(2, p.get("srs_clients"));
        assertEquals(1, p.get("srs_streams"));
        assertEquals(2, p.get("srs_clients_total"));
        assertEquals("counter", p.types.get("srs_send_bytes_total"));
        assertEquals("gauge", p.types.get("srs_memory"));
        assertEquals(1, p.find("srs_build_info{", "label=\"cn-beijing\",tag=\"cn-edge\""));
        assertEquals(2, p.find("srs_stream_clients{", "stream=\"/live/livestream\""));
        assertTrue(p.find("jvm_threads_live_threads", "") > 0, "the JVM's own metrics follow");
        assertTrue(p.types.containsKey("jvm_memory_used_bytes"));
    }
}
