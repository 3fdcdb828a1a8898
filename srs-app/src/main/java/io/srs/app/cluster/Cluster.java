package io.srs.app.cluster;

import io.srs.app.config.VhostConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceRegistry;
import io.srs.core.log.Context;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.request.RtmpRequest;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * The origin/edge cluster and forward: what SRS spreads over {@code SrsOriginHub},
 * {@code SrsPlayEdge}, {@code SrsPublishEdge} and {@code SrsRtmpConn}'s token traverse.
 *
 * <ul>
 *   <li>Forward: every stream published on a vhost with {@code forward} enabled is pushed to
 *       each destination ({@link ForwardManager}).</li>
 *   <li>Edge play: players of an edge vhost ({@code cluster.mode remote}) make the stream be
 *       pulled from an origin ({@link EdgeManager}).</li>
 *   <li>Edge publish: a publisher on an edge vhost is relayed to an origin
 *       ({@link #edgePublish}), called by the RTMP publish path.</li>
 *   <li>Token traverse: {@link #tokenTraverse}, called by the RTMP connect path.</li>
 * </ul>
 * Reloads apply changed destinations and origin lists to live streams.
 *
 * <p>Thread-safe. Start and close from one thread.
 */
public final class Cluster implements AutoCloseable {
    private final ClusterContext ctx;
    private final ForwardManager forwards;
    private final EdgeManager edges;
    private final ConcurrentHashMap<String, RoundRobin> publishBalancers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, EdgeRelay> relays = new ConcurrentHashMap<>();
    private volatile boolean started;

    /**
     * @param clients finds a client's request and address by connection id (RTMP service and
     *                connection registry); {@link ClientLookup#none()} when there are none
     */
    public Cluster(ConfigStore config, SourceRegistry sources, ClientLookup clients) {
        this.ctx = new ClusterContext(config, sources, clients);
        this.forwards = new ForwardManager(ctx, Context.newId(new SecureRandom()));
        this.edges = new EdgeManager(ctx);
    }

    /** Starts following sources and reloads. Call before the listeners open. */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        ctx.sources.addListener(forwards);
        ctx.sources.addListener(edges);
        ctx.config.subscribe(forwards);
        ctx.config.subscribe(edges);
    }

    /**
     * Token traverse for a client's connect on {@code vhost} when it is an edge with
     * {@code token_traverse on}; nothing otherwise.
     *
     * @param args the client's connect extra args (carried to the origin as they came)
     * @throws io.srs.core.SrsException when no origin is reachable or the origin refuses
     */
    public void tokenTraverse(VhostConfig vhost, RtmpRequest req, Optional<Amf0Object> args) {
        if (vhost.cluster().isEdge() && vhost.cluster().tokenTraverse()) {
            TokenTraverse.check(vhost, req, args, ctx.tls);
        }
    }

    /**
     * Edge publish: when {@code vhost} is an edge, connects to an origin and relays
     * {@code source} (already claimed by the publisher) there; returns empty otherwise.
     * Call before telling the encoder Publish.Start, and close the relay when the publish ends.
     *
     * @param onFailure run if the relay breaks later, to end the publish (SRS disconnects the
     *                  encoder then)
     * @throws io.srs.core.SrsException when no origin accepts the stream (reject the publisher)
     */
    public Optional<EdgeRelay> edgePublish(VhostConfig vhost, RtmpRequest req, LiveSource source,
                                           Runnable onFailure) {
        if (!vhost.cluster().isEdge()) {
            return Optional.empty();
        }
        RoundRobin rr = publishBalancers.computeIfAbsent(source.url(), u -> new RoundRobin());
        EdgeRelay relay = EdgeRelay.open(ctx, rr, vhost, req, source.url(), onFailure);
        relays.values().removeIf(r -> !r.isOpen());
        relays.put(source.url(), relay);
        return Optional.of(relay);
    }

    /**
     * The TLS context HTTPS-FLV edges ({@code protocol flvs}) use to reach their origins,
     * instead of the JVM's default one (its trust store); for embedding and tests.
     */
    public void useTls(SSLContext context) {
        ctx.useTls(context);
    }

    public ForwardManager forwards() {
        return forwards;
    }

    public EdgeManager edges() {
        return edges;
    }

    /** Live edge publish relays. */
    public List<EdgeRelay> relays() {
        return relays.values().stream().filter(EdgeRelay::isOpen).toList();
    }

    /** What the cluster does for {@code url}, for the API's stream entry. */
    public ClusterStats stats(String url) {
        return new ClusterStats(forwards.forwarders(url).stream().map(Forwarder::stats).toList(),
                edges.ingester(url).map(EdgeIngester::stats),
                Optional.ofNullable(relays.get(url)).filter(EdgeRelay::isOpen).map(EdgeRelay::origin));
    }

    /** Upstream connections (forward, edge pull, edge publish) open right now. */
    public int upstreamConnections() {
        return ctx.upstreamCount();
    }

    @Override
    public void close() {
        forwards.close();
        edges.close();
        relays.values().forEach(EdgeRelay::close);
        relays.clear();
        ctx.close();
    }
}
