package io.srs.app.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.srs.app.config.Directive;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.stats.ClientHandle;
import io.srs.app.stats.Metrics;
import io.srs.app.stats.ProcStats;
import io.srs.app.stats.Statistics;
import io.srs.app.stats.Summaries;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.Version;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The resources of SRS's HTTP API v1 (srs_app_http_api.cpp) with SRS's paths and field names.
 * Endpoints throw {@link SrsException} for SRS error answers and return an
 * {@link ApiResult.Error} for HTTP-level refusals (405).
 *
 * <p>Thread-safe: holds no request state.
 */
final class ApiEndpoints {
    private static final System.Logger LOG = System.getLogger(ApiEndpoints.class.getName());
    /** Default page size for streams and clients (SRS 7's default). */
    static final int DEFAULT_COUNT = 10;
    /** The largest page we build: beyond it, a client wants a dump, not an API answer. */
    static final int MAX_COUNT = 1000;
    static final int MAX_START = 1_000_000;
    /** Ids are SRS's vid-xxxxxxx and connection ids; anything else cannot match. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final ConfigStore config;
    private final Statistics stats;
    private final ProcStats proc;
    private final Summaries summaries;
    private final Metrics metrics;
    private final Reloads reloads;
    /** Read-only resources other features add (path to data supplier), e.g. /api/v1/jobs. */
    private final Map<String, Resource> resources = new java.util.concurrent.ConcurrentHashMap<>();

    /** A read-only resource added by a feature: a description for the urls list and its data. */
    record Resource(String description, java.util.function.Supplier<ObjectNode> data) {
    }

    ApiEndpoints(ConfigStore config, Statistics stats, ProcStats proc, Summaries summaries, Metrics metrics,
            Reloads reloads) {
        this.config = config;
        this.stats = stats;
        this.proc = proc;
        this.summaries = summaries;
        this.metrics = metrics;
        this.reloads = reloads;
    }

    /** Adds a read-only GET resource at {@code /api/v1/<name>}. */
    void addResource(String name, String description, java.util.function.Supplier<ObjectNode> data) {
        resources.put(name, new Resource(description, data));
    }

    /** Routes one request; empty when no resource has this path. */
    Optional<ApiResult> route(ApiRequest r) {
        String p = r.path();
        if (p.startsWith("/api/v1/")) {
            String name = p.substring("/api/v1/".length());
            Resource res = resources.get(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
            if (res != null) {
                return Optional.of(get(r, x -> data(res.data().get())));
            }
        }
        if (p.startsWith("/api/v1/vhosts")) {
            return rest(r, "/api/v1/vhosts", this::vhosts);
        }
        if (p.startsWith("/api/v1/streams")) {
            return rest(r, "/api/v1/streams", this::streams);
        }
        if (p.startsWith("/api/v1/clients")) {
            return rest(r, "/api/v1/clients", this::clients);
        }
        ApiResult res = switch (p) {
            case "/" -> get(r, this::root);
            case "/api", "/api/" -> get(r, x -> urls(JsonNodeFactory.instance.objectNode().put("v1", "the api version 1.0")));
            case "/api/v1", "/api/v1/" -> get(r, this::v1);
            case "/api/v1/versions" -> get(r, this::versions);
            case "/api/v1/summaries" -> get(r, x -> data(summaries.dump()));
            case "/api/v1/rusages" -> get(r, x -> data(proc.dumpRusage()));
            case "/api/v1/self_proc_stats" -> get(r, x -> data(proc.dumpSelf()));
            case "/api/v1/system_proc_stats" -> get(r, x -> data(proc.dumpSystem()));
            case "/api/v1/meminfos" -> get(r, x -> data(proc.dumpMeminfo()));
            case "/api/v1/authors" -> get(r, this::authors);
            case "/api/v1/features" -> get(r, this::features);
            case "/api/v1/requests", "/api/v1/tests/requests" -> get(r, this::requests);
            case "/api/v1/tests/errors" -> get(r, x -> {
                throw new ApiFailure(200, 100, "always return an error 100");
            });
            case "/api/v1/raw" -> r.isGet() || r.method().equals("POST") ? raw(r) : methodNotAllowed(r);
            case "/api/v1/clusters" -> get(r, this::clusters);
            case "/metrics" -> get(r, this::metrics);
            default -> null;
        };
        return Optional.ofNullable(res);
    }

    /** An endpoint failure with an explicit HTTP status and code. */
    static final class ApiFailure extends RuntimeException {
        final int status;
        final int code;

        ApiFailure(int status, int code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    private static ApiResult get(ApiRequest r, Function<ApiRequest, ApiResult> f) {
        return r.isGet() ? f.apply(r) : methodNotAllowed(r);
    }

    static ApiResult methodNotAllowed(ApiRequest r) {
        return new ApiResult.Error(405, 405, "method " + r.method() + " is not allowed on " + r.path());
    }

    private interface Rest {
        ApiResult serve(ApiRequest r, String id);
    }

    /** {@code prefix}, {@code prefix/} or {@code prefix/{id}}; anything deeper is no resource. */
    private static Optional<ApiResult> rest(ApiRequest r, String prefix, Rest f) {
        String rest = r.path().substring(prefix.length());
        if (rest.isEmpty() || rest.equals("/")) {
            return Optional.of(f.serve(r, ""));
        }
        if (!rest.startsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(f.serve(r, rest.substring(1)));
    }

    private static ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static ApiResult data(ObjectNode data) {
        ObjectNode o = obj();
        o.set("data", data);
        return ApiResult.ok(o);
    }

    private static ApiResult urls(ObjectNode urls) {
        ObjectNode o = obj();
        o.set("urls", urls);
        return ApiResult.ok(o);
    }

    private ApiResult root(ApiRequest r) {
        ObjectNode urls = obj().put("api", "the api root");
        ObjectNode v1 = urls.putObject("rtc").putObject("v1");
        v1.put("play", "Play stream");
        v1.put("publish", "Publish stream");
        v1.put("nack", "Simulate the NACK");
        return urls(urls);
    }

    private ApiResult v1(ApiRequest r) {
        ObjectNode urls = obj();
        urls.put("versions", "the version of SRS");
        urls.put("summaries", "the summary(pid, argv, pwd, cpu, mem) of SRS");
        urls.put("rusages", "the rusage of SRS");
        urls.put("self_proc_stats", "the self process stats");
        urls.put("system_proc_stats", "the system process stats");
        urls.put("meminfos", "the meminfo of system");
        urls.put("authors", "the license, copyright, authors and contributors");
        urls.put("features", "the supported features of SRS");
        urls.put("requests", "the request itself, for http debug");
        urls.put("vhosts", "manage all vhosts or specified vhost");
        urls.put("streams", "manage all streams or specified stream");
        urls.put("clients", "manage all clients or specified client, default query top 10 clients");
        urls.put("raw", "raw api for srs, support CUID srs for instance the config");
        urls.put("clusters", "origin cluster server API");
        resources.forEach((name, res) -> urls.put(name, res.description()));
        ObjectNode o = obj();
        o.set("urls", urls);
        ObjectNode tests = o.putObject("tests");
        tests.put("requests", "show the request info");
        tests.put("errors", "always return an error 100");
        return ApiResult.ok(o);
    }

    private ApiResult versions(ApiRequest r) {
        ObjectNode d = obj();
        d.put("major", Version.MAJOR);
        d.put("minor", Version.MINOR);
        d.put("revision", Version.REVISION);
        d.put("version", Version.VERSION);
        return data(d);
    }

    private ApiResult authors(ApiRequest r) {
        ObjectNode d = obj();
        d.put("license", Version.LICENSE);
        d.put("contributors", Version.AUTHORS);
        return data(d);
    }

    private ApiResult features(ApiRequest r) {
        ObjectNode d = obj();
        d.put("options", "");
        d.put("options2", "");
        d.put("build", "");
        d.put("build2", "");
        ObjectNode f = d.putObject("features");
        f.put("ssl", false);
        f.put("hls", true);
        f.put("hds", false);
        f.put("callback", true);
        f.put("api", true);
        f.put("httpd", true);
        f.put("dvr", false);
        f.put("transcode", false);
        f.put("ingest", false);
        f.put("stat", true);
        f.put("caster", false);
        f.put("complex_send", true);
        f.put("tcp_nodelay", true);
        f.put("so_sendbuf", false);
        f.put("mr", true);
        return data(d);
    }

    private ApiResult requests(ApiRequest r) {
        ObjectNode d = obj();
        d.put("uri", r.uri());
        d.put("path", r.path());
        d.put("METHOD", r.method());
        ObjectNode headers = d.putObject("headers");
        r.headers().forEach(headers::put);
        ObjectNode server = d.putObject("server");
        server.put("sigature", Version.KEY);
        server.put("version", Version.VERSION);
        server.put("link", Version.URL);
        server.put("time", System.currentTimeMillis());
        return data(d);
    }

    private ApiResult vhosts(ApiRequest r, String id) {
        if (!r.isGet()) {
            return methodNotAllowed(r);
        }
        ObjectNode o = obj();
        if (id.isEmpty()) {
            o.set("vhosts", stats.dumpVhosts());
        } else {
            o.set("vhost", find(id, stats::dumpVhost, ErrorCode.RTMP_VHOST_NOT_FOUND, "vhost"));
        }
        return ApiResult.ok(o);
    }

    private ApiResult streams(ApiRequest r, String id) {
        if (!r.isGet()) {
            return methodNotAllowed(r);
        }
        ObjectNode o = obj();
        if (id.isEmpty()) {
            int start = r.intParam("start", 0, 0, MAX_START);
            int count = r.intParam("count", DEFAULT_COUNT, 1, MAX_COUNT);
            ArrayNode page = stats.dumpStreams(start, count);
            o.put("total", stats.totals().streams());
            o.set("streams", page);
        } else {
            o.set("stream", find(id, stats::dumpStream, ErrorCode.RTMP_STREAM_NOT_FOUND, "stream"));
        }
        return ApiResult.ok(o);
    }

    private ApiResult clients(ApiRequest r, String id) {
        ObjectNode o = obj();
        if (r.isGet()) {
            if (id.isEmpty()) {
                int start = r.intParam("start", 0, 0, MAX_START);
                int count = r.intParam("count", DEFAULT_COUNT, 1, MAX_COUNT);
                ArrayNode page = stats.dumpClients(start, count);
                o.put("total", stats.totals().clients());
                o.set("clients", page);
            } else {
                o.set("client", find(id, stats::dumpClient, ErrorCode.RTMP_CLIENT_NOT_FOUND, "client"));
            }
            return ApiResult.ok(o);
        }
        if (r.method().equals("DELETE") && !id.isEmpty()) {
            r.requireMutation();
            ClientHandle c = (ID.matcher(id).matches() ? stats.client(id) : Optional.<ClientHandle>empty())
                    .orElseThrow(() -> new SrsException(ErrorCode.RTMP_CLIENT_NOT_FOUND, "no client " + brief(id)));
            c.close();
            LOG.log(Level.WARNING, "kickoff client id={0} ok", id);
            return ApiResult.ok(o);
        }
        return methodNotAllowed(r);
    }

    private static ObjectNode find(String id, Function<String, Optional<ObjectNode>> lookup, ErrorCode notFound,
            String what) {
        Optional<ObjectNode> found = ID.matcher(id).matches() ? lookup.apply(id) : Optional.empty();
        return found.orElseThrow(() -> new SrsException(notFound, "no " + what + " " + brief(id)));
    }

    private static String brief(String s) {
        return ApiRequest.brief(s);
    }

    private ApiResult raw(ApiRequest r) {
        SrsConfig cfg = config.current();
        String rpc = r.query("rpc");
        if (!rpc.equals("reload") && !r.isGet()) {
            return methodNotAllowed(r);
        }
        if (rpc.equals("raw")) {
            ObjectNode o = obj();
            ObjectNode api = o.putObject("http_api");
            api.put("enabled", cfg.httpApi().enabled());
            api.put("listen", rawListen(cfg));
            api.put("crossdomain", cfg.httpApi().crossdomain());
            ObjectNode raw = api.putObject("raw_api");
            raw.put("enabled", cfg.httpApi().rawApi().enabled());
            raw.put("allow_reload", cfg.httpApi().rawApi().allowReload());
            raw.put("allow_query", false);
            raw.put("allow_update", false);
            return ApiResult.ok(o);
        }
        if (!cfg.httpApi().rawApi().enabled()) {
            throw new SrsException(ErrorCode.SYSTEM_CONFIG_RAW_DISABLED, "raw api is disabled");
        }
        switch (rpc) {
            case "reload" -> {
                if (!cfg.httpApi().rawApi().allowReload()) {
                    throw new SrsException(ErrorCode.SYSTEM_CONFIG_RAW_DISABLED, "raw api reload is not allowed");
                }
                // SRS reloads on a GET; here it takes a POST no foreign page can send.
                r.requireMutation();
                LOG.log(Level.INFO, "raw api: reload");
                reloads.reload();
                return ApiResult.ok(obj());
            }
            case "reload-fetch" -> {
                Reloads.Status s = reloads.last();
                ObjectNode d = obj();
                d.put("err", s.err());
                d.put("msg", s.msg());
                d.put("state", s.state());
                d.put("rid", s.rid());
                return data(d);
            }
            default -> throw new SrsException(ErrorCode.SYSTEM_CONFIG_RAW, "rpc=" + brief(rpc) + " is not supported");
        }
    }

    /** The listen directive as written ({@code 1985}), as SRS's raw api shows it. */
    private static String rawListen(SrsConfig cfg) {
        Directive api = cfg.root().get("http_api");
        Directive listen = api == null ? null : api.get("listen");
        return listen == null || listen.args().isEmpty() ? Integer.toString(cfg.httpApi().listen().port())
                : listen.arg0();
    }

    /** Origin-cluster discovery: this server knows no coworkers, so {@code origin} is null. */
    private ApiResult clusters(ApiRequest r) {
        ObjectNode d = obj();
        ObjectNode q = d.putObject("query");
        q.put("ip", r.query("ip"));
        q.put("vhost", r.query("vhost"));
        q.put("app", r.query("app"));
        q.put("stream", r.query("stream"));
        d.putNull("origin");
        return data(d);
    }

    private ApiResult metrics(ApiRequest r) {
        SrsConfig cfg = config.current();
        if (!cfg.exporter().enabled()) {
            throw new SrsException(ErrorCode.EXPORTER_DISABLED, "exporter is disabled");
        }
        return new ApiResult.Text(200, "text/plain; charset=utf-8", metrics.scrape(cfg.exporter()));
    }
}
