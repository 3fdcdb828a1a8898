package io.srs.app.cluster;

import io.srs.app.config.ClusterConfig;
import io.srs.app.config.EdgeProtocol;
import io.srs.app.config.VhostConfig;
import io.srs.app.rtmp.Aggregates;
import io.srs.app.rtmp.Metadata;
import io.srs.app.rtmp.RtmpService;
import io.srs.app.source.LiveSource;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.log.Context;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.message.MessageCodec;
import io.srs.rtmp.message.RtmpCommand;
import io.srs.rtmp.message.StatusCodes;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.request.RtmpUrls;
import io.srs.rtmp.request.UrlParts;
import io.srs.rtmp.session.ConnectResult;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Pulls one stream from the origins of an edge vhost into the local source, which players then
 * read like any published stream. Port of {@code SrsEdgeIngester}, {@code SrsEdgeRtmpUpstream}
 * and {@code SrsEdgeFlvUpstream} (srs_app_edge.cpp): origins picked round-robin, the vhost
 * optionally renamed by {@code cluster.vhost}; over RTMP ({@code cluster.protocol rtmp}) RTMP
 * 302 followed and the {@code debug_srs_upnode} identity sent in the connect, over HTTP-FLV
 * ({@code flv}, {@code flvs}) HTTP redirects followed.
 *
 * <p>The source is claimed when the first media arrives and kept across failovers, so players
 * stay attached and only see a gap. After a connection that carried media breaks, the next
 * origin is tried at once (failover); when every origin failed in a row, the ingester waits 3 s
 * (SRS_EDGE_INGESTER_CIMS) and goes round again, for as long as players wait.
 *
 * <p>Thread-safe: one virtual thread does the work; {@link #stop} and the getters from anywhere.
 */
public final class EdgeIngester {
    private static final System.Logger LOG = System.getLogger(EdgeIngester.class.getName());
    /** SRS_EDGE_INGESTER_TIMEOUT: connect timeout and the longest silence from the origin. */
    static final int TIMEOUT_MILLIS = 5000;
    /** SRS_EDGE_INGESTER_CIMS. */
    static final long RETRY_MILLIS = 3000;
    /** Redirects followed in a row before the origin counts as failed. */
    static final int MAX_REDIRECTS = 3;

    /** Where an ingester is in its life. */
    public enum State {
        CONNECTING, PULLING, WAITING, STOPPED
    }

    private final ClusterContext ctx;
    private final String url;
    private final RtmpRequest req;
    private final String vhost;
    private final String cid;
    private final RoundRobin origins = new RoundRobin();
    private final TransitionLog transitions = new TransitionLog(LOG);
    private Thread thread;
    private LiveSource source;
    private boolean gotMedia;
    private Endpoint lastPulled;

    private volatile boolean stopped;
    private volatile boolean switching;
    /** The open upstream connection (RTMP or HTTP-FLV), closed by stop and reload. */
    private volatile AutoCloseable current;
    private volatile Endpoint currentEndpoint;
    private volatile State state = State.CONNECTING;
    private volatile String currentOrigin = "";
    private volatile long attempts;
    private volatile long connections;
    private volatile long failures;
    private volatile long failovers;
    private volatile long redirects;
    private volatile long messages;
    private volatile String lastError = "";

    /**
     * @param url   the local stream
     * @param req   the request of the player that started the pull (host, app, stream, param)
     * @param vhost the configured edge vhost
     */
    EdgeIngester(ClusterContext ctx, String url, RtmpRequest req, String vhost) {
        this.ctx = ctx;
        this.url = url;
        this.req = req;
        this.vhost = vhost;
        this.cid = ctx.newId();
    }

    void start() {
        String parent = Context.current();
        thread = Thread.ofVirtual().name("edge-" + cid)
                .start(() -> ScopedValue.where(Context.CID, cid).run(() -> run(parent)));
    }

    /** Stops pulling and unpublishes the local source; waits a little for that to be done. */
    void stop() {
        stopped = true;
        closeCurrent();
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean isAlive() {
        return thread != null && thread.isAlive() && !stopped;
    }

    /** After a reload: drop the current origin when it left the list, so the next pick uses the new one. */
    void originsChanged(List<String> newOrigins, int defaultPort) {
        Endpoint at = currentEndpoint;
        if (current == null || at == null) {
            return;
        }
        boolean kept = newOrigins.stream().anyMatch(o -> {
            try {
                return Endpoint.parse(o, defaultPort).equals(at);
            } catch (SrsException e) {
                return false;
            }
        });
        if (!kept) {
            LOG.log(Level.INFO, "edge: origin {0} of {1} was removed, switching", at, url);
            switching = true;
            closeCurrent();
        }
    }

    private void closeCurrent() {
        AutoCloseable c = current;
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Closing is all we wanted.
            }
        }
    }

    private void run(String parent) {
        LOG.log(Level.INFO, "edge: start pulling {0} for player [{1}]", url, parent);
        int failedInRow = 0;
        int redirectsInRow = 0;
        Endpoint redirect = null;
        try {
            while (!stopped) {
                VhostConfig v = ctx.vhost(vhost);
                if (v == null || !v.cluster().isEdge() || !v.name().equals(vhost)) {
                    LOG.log(Level.WARNING, "edge: vhost {0} is no longer an edge, stop pulling {1}", vhost, url);
                    return;
                }
                List<String> list = v.cluster().origins();
                Endpoint ep;
                try {
                    ep = redirect != null ? redirect
                            : Endpoint.parse(origins.select(list), v.cluster().upstreamProtocol().defaultPort());
                } catch (SrsException e) {
                    LOG.log(Level.ERROR, "edge: bad origin for {0}: {1}", url, e.describe());
                    sleep(RETRY_MILLIS);
                    continue;
                }
                redirect = null;
                gotMedia = false;
                state = State.CONNECTING;
                try {
                    Optional<Endpoint> next = pull(ep, v);
                    if (next.isPresent()) {
                        redirects++;
                        if (++redirectsInRow <= MAX_REDIRECTS) {
                            LOG.log(Level.INFO, "edge: RTMP 302 redirect {0} from {1} to {2}", url, ep, next.get());
                            redirect = next.get();
                            continue;
                        }
                        fail(ep, new SrsException(ErrorCode.CONTROL_REDIRECT, "more than " + MAX_REDIRECTS
                                + " redirects in a row"));
                    }
                } catch (SrsException e) {
                    fail(ep, e);
                } catch (RuntimeException e) {
                    fail(ep, SrsException.wrap(e, "edge pull"));
                }
                redirectsInRow = 0;
                if (stopped) {
                    return;
                }
                if (gotMedia) {
                    // The origin was serving and went away: try the next one at once.
                    failedInRow = 0;
                    continue;
                }
                if (++failedInRow >= list.size()) {
                    failedInRow = 0;
                    state = State.WAITING;
                    transitions.log(Level.WARNING, "*", "waiting", "edge: no origin serves {0}, retrying every {1} ms",
                            url, RETRY_MILLIS);
                    sleep(RETRY_MILLIS);
                }
            }
        } finally {
            state = State.STOPPED;
            currentOrigin = "";
            if (source != null) {
                source.unpublish();
            }
            LOG.log(Level.INFO, "edge: stop pulling {0}, connections={1}, failovers={2}, msgs={3}", url,
                    connections, failovers, messages);
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            stopped = true;
        }
    }

    private void fail(Endpoint ep, SrsException e) {
        if (switching) {
            // We closed it ourselves for a reload: not a failure.
            switching = false;
            return;
        }
        failures++;
        lastError = e.describe();
        if (stopped) {
            return;
        }
        String subject = ep.toString();
        transitions.log(Level.WARNING, subject, "fail " + e.code(), "edge: pull {0} from {1} failed: {2}",
                url, ep, e.describe());
    }

    /** One origin connection; returns an RTMP redirect target, or empty once stopped. Throws on failure. */
    private Optional<Endpoint> pull(Endpoint ep, VhostConfig v) {
        attempts++;
        return switch (v.cluster().upstreamProtocol()) {
            case RTMP -> pullRtmp(ep, v);
            case FLV -> {
                pullFlv(ep, v, false);
                yield Optional.empty();
            }
            case FLVS -> {
                pullFlv(ep, v, true);
                yield Optional.empty();
            }
        };
    }

    private Optional<Endpoint> pullRtmp(Endpoint ep, VhostConfig v) {
        UpstreamClient c = UpstreamClient.open(ep, TIMEOUT_MILLIS, TIMEOUT_MILLIS, ctx.tls);
        current = c;
        currentEndpoint = ep;
        ctx.register(c);
        try {
            if (stopped) {
                return Optional.empty();
            }
            ClusterConfig cc = v.cluster();
            RtmpRequest r = req.withVhost(cc.vhost().replace("[vhost]", req.vhost()));
            String tcUrl = r.upstreamTcUrl(ep.host(), ep.port());
            String app = r.upstreamParts(ep.host(), ep.port()).app();
            String stream = r.upstreamStream(ep.host(), ep.port());
            Optional<Amf0Object> args = cc.debugSrsUpnode()
                    ? Optional.of(ClusterContext.identity(c.localIp(), cid)) : Optional.empty();
            ConnectResult res = c.connect(app, tcUrl, "", "", args);
            switch (res) {
                case ConnectResult.Redirected rd -> {
                    return Optional.of(redirectTarget(rd.url().isEmpty() ? rd.tcUrl() : rd.url()));
                }
                case ConnectResult.Rejected rj -> throw new SrsException(ErrorCode.RTMP_ACCESS_DENIED,
                        "origin refused connect " + tcUrl + ": " + rj.code() + " " + rj.description());
                case ConnectResult.Connected ok -> {
                    // go on
                }
            }
            c.createStream();
            c.play(v.chunkSize(), stream);
            currentOrigin = ep.toString();
            LOG.log(Level.INFO, "edge: pull {0} from {1}, tcUrl={2}, stream={3}", url, ep, tcUrl, stream);
            return ingest(c, ep, v);
        } finally {
            ctx.unregister(c);
            current = null;
            c.close();
        }
    }

    /**
     * Pulls over HTTP-FLV or HTTPS-FLV ({@code SrsEdgeFlvUpstream}): {@code GET
     * /app/stream.flv?param} with the origin vhost as Host (the origin's address for the
     * default vhost), HTTP redirects followed up to {@link #MAX_REDIRECTS} times (their scheme
     * decides TLS), then the FLV tags fed like RTMP messages.
     */
    private void pullFlv(Endpoint ep, VhostConfig v, boolean secure) {
        RtmpRequest r = req.withVhost(v.cluster().vhost().replace("[vhost]", req.vhost()));
        String stream = r.stream().endsWith(".flv") ? r.stream() : r.stream() + ".flv";
        String path = "/" + r.app() + "/" + stream + r.param();
        Endpoint at = ep;
        boolean tls = secure;
        String host = RtmpUrls.DEFAULT_VHOST.equals(r.vhost()) ? hostHeader(ep, tls) : r.vhost();
        for (int hops = 0; ; hops++) {
            FlvUpstreamClient c = FlvUpstreamClient.open(at, tls ? ctx.tls() : null, host, path, TIMEOUT_MILLIS,
                    TIMEOUT_MILLIS);
            current = c;
            currentEndpoint = at;
            try {
                if (stopped) {
                    return;
                }
                if (c.location().isEmpty()) {
                    currentOrigin = at.toString();
                    LOG.log(Level.INFO, "edge: pull {0} from {1}://{2}{3}", url, tls ? "https" : "http", at, path);
                    ingestFlv(c, at, v);
                    return;
                }
                redirects++;
                if (hops >= MAX_REDIRECTS) {
                    throw new SrsException(ErrorCode.CONTROL_REDIRECT, "more than " + MAX_REDIRECTS
                            + " HTTP redirects in a row, last to " + c.location());
                }
                URI to = httpRedirect(at, tls, path, c.location());
                LOG.log(Level.INFO, "edge: HTTP {0} redirect {1} from {2} to {3}", c.status(), url, at, to);
                tls = "https".equalsIgnoreCase(to.getScheme());
                EdgeProtocol p = tls ? EdgeProtocol.FLVS : EdgeProtocol.FLV;
                at = new Endpoint(to.getHost(), to.getPort() > 0 ? to.getPort() : p.defaultPort());
                host = to.getRawAuthority();
                path = to.getRawPath() + (to.getRawQuery() == null ? "" : "?" + to.getRawQuery());
            } finally {
                current = null;
                c.close();
            }
        }
    }

    private static String hostHeader(Endpoint ep, boolean tls) {
        int defaultPort = (tls ? EdgeProtocol.FLVS : EdgeProtocol.FLV).defaultPort();
        return ep.port() == defaultPort ? ep.toString().substring(0, ep.toString().lastIndexOf(':')) : ep.toString();
    }

    /** A Location resolved against the request; http and https are followed. */
    private static URI httpRedirect(Endpoint from, boolean tls, String path, String location) {
        URI to;
        try {
            to = new URI((tls ? "https://" : "http://") + from + path).resolve(location);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new SrsException(ErrorCode.CONTROL_REDIRECT, "bad redirect " + location);
        }
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || to.getHost() == null || to.getRawPath() == null
                || to.getRawPath().isEmpty()) {
            throw new SrsException(ErrorCode.CONTROL_REDIRECT, "unsupported redirect " + location);
        }
        return to;
    }

    private void ingestFlv(FlvUpstreamClient c, Endpoint ep, VhostConfig v) {
        while (!stopped) {
            MediaMessage m = c.read();
            if (m.isAudio() || m.isVideo()) {
                if (!onMedia(ep, v)) {
                    return;
                }
                feed(m.withStreamId(ClusterContext.STREAM_ID));
            } else if (m.type() == MessageType.AMF0_DATA) {
                Metadata.Rewritten meta = Metadata.rewrite(m, ClusterContext.STREAM_ID);
                if (meta != null) {
                    if (!onMedia(ep, v)) {
                        return;
                    }
                    source.onMetadata(meta.message(), meta.bravoAtc());
                }
            }
        }
    }

    private Optional<Endpoint> ingest(UpstreamClient c, Endpoint ep, VhostConfig v) {
        while (!stopped) {
            MediaMessage m = c.read();
            switch (m.type()) {
                case MessageType.AUDIO, MessageType.VIDEO, MessageType.AGGREGATE -> {
                    if (!onMedia(ep, v)) {
                        return Optional.empty();
                    }
                    if (m.type() == MessageType.AGGREGATE) {
                        for (MediaMessage a : Aggregates.split(m)) {
                            feed(a.withStreamId(ClusterContext.STREAM_ID));
                        }
                    } else {
                        feed(m.streamId() == ClusterContext.STREAM_ID ? m : m.withStreamId(ClusterContext.STREAM_ID));
                    }
                }
                case MessageType.AMF0_DATA, MessageType.AMF3_DATA -> {
                    Metadata.Rewritten meta = Metadata.rewrite(m, ClusterContext.STREAM_ID);
                    if (meta != null) {
                        if (!onMedia(ep, v)) {
                            return Optional.empty();
                        }
                        source.onMetadata(meta.message(), meta.bravoAtc());
                    }
                }
                case MessageType.AMF0_COMMAND, MessageType.AMF3_COMMAND -> {
                    if (MessageCodec.decode(m) instanceof RtmpCommand.OnStatus s
                            && StatusCodes.LEVEL_ERROR.equals(s.level())) {
                        Optional<Amf0Object> ex = s.info().getObject("ex");
                        if (ex.isPresent() && ex.get().getNumber("code", 0) == 302) {
                            String to = ex.get().getString("redirect2", ex.get().getString("redirect", ""));
                            return Optional.of(redirectTarget(to));
                        }
                        throw new SrsException(ErrorCode.RTMP_ACCESS_DENIED, "origin " + ep + " refused play: "
                                + s.code() + " " + s.description());
                    }
                }
                default -> {
                    // Control messages are handled by the protocol layer.
                }
            }
        }
        return Optional.empty();
    }

    private void feed(MediaMessage m) {
        messages++;
        if (m.isAudio()) {
            source.onAudio(m);
        } else if (m.isVideo()) {
            source.onVideo(m);
        }
    }

    /**
     * First media of a connection: claims the source on the very first one, counts the
     * connection and a failover when the origin changed. False when a local publisher holds
     * the stream (then it is not ours to pull).
     */
    private boolean onMedia(Endpoint ep, VhostConfig v) {
        if (gotMedia) {
            return true;
        }
        if (source == null) {
            Optional<LiveSource> s = ctx.sources.publish(url, RtmpService.settings(v), cid);
            if (s.isEmpty()) {
                LOG.log(Level.WARNING, "edge: {0} is published locally, stop pulling it", url);
                stopped = true;
                return false;
            }
            source = s.get();
        }
        gotMedia = true;
        connections++;
        state = State.PULLING;
        if (lastPulled != null && !lastPulled.equals(ep)) {
            failovers++;
            LOG.log(Level.WARNING, "edge: {0} failed over from {1} to {2}", url, lastPulled, ep);
        }
        lastPulled = ep;
        transitions.reset(ep.toString());
        transitions.reset("*");
        transitions.log(Level.INFO, ep.toString(), "up", "edge: {0} is flowing from {1}", url, ep);
        return true;
    }

    private static Endpoint redirectTarget(String rtmpUrl) {
        UrlParts p = RtmpUrls.discover(rtmpUrl, "", "");
        if (p.host().isEmpty()) {
            throw new SrsException(ErrorCode.CONTROL_REDIRECT, "bad redirect " + rtmpUrl);
        }
        return new Endpoint(p.host(), p.port());
    }

    public String url() {
        return url;
    }

    /** The configured edge vhost. */
    public String vhost() {
        return vhost;
    }

    public State state() {
        return state;
    }

    /** {@code host:port} of the origin we are connected to, or empty. */
    public String currentOrigin() {
        return currentOrigin;
    }

    /** Connections attempted. */
    public long attempts() {
        return attempts;
    }

    /** Upstream connections that delivered media. */
    public long connections() {
        return connections;
    }

    public long reconnects() {
        return Math.max(0, connections - 1);
    }

    /** Times the stream resumed from another origin than the one that served it before. */
    public long failovers() {
        return failovers;
    }

    /** Failed attempts and broken connections. */
    public long failures() {
        return failures;
    }

    public long redirects() {
        return redirects;
    }

    public long messages() {
        return messages;
    }

    public String lastError() {
        return lastError;
    }

    /** A value snapshot for the API. */
    public EdgeStats stats() {
        return new EdgeStats(url, state, currentOrigin, attempts, connections, reconnects(), failovers, failures,
                redirects, messages, lastError);
    }
}
