package io.srs.app.cluster;

import io.srs.app.config.ClusterConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.rtmp.WriteWatchdog;
import io.srs.app.source.Consumer;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.log.Context;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.session.ConnectResult;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Edge publish: relays a stream published on an edge vhost to an origin. Port of
 * {@code SrsEdgeForwarder} / {@code SrsPublishEdge} (srs_app_edge.cpp): the origin connection
 * is made before the encoder is told Publish.Start, so an unreachable origin rejects the
 * encoder; a relay that breaks later disconnects the encoder (it reconnects and the edge picks
 * an origin again), as SRS does.
 *
 * <p>Unlike SRS, the publisher also feeds the edge's own source, so players on this edge get the
 * stream without a round trip through the origin. The relay reads it through its own consumer
 * and threads, so a slow origin never blocks the encoder (its queue drops like a player's).
 *
 * <p>Thread-safe: {@link #close} from the publisher's thread; getters from anywhere.
 */
public final class EdgeRelay implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EdgeRelay.class.getName());
    static final int CONNECT_TIMEOUT_MILLIS = 3000;
    static final int DIALOGUE_TIMEOUT_MILLIS = 10_000;

    private final ClusterContext ctx;
    private final String url;
    private final UpstreamClient client;
    private final Consumer consumer;
    private final Runnable onFailure;
    private final String cid;
    private final Thread writer;
    private final Thread reader;
    private volatile boolean closed;
    private volatile long messages;

    private EdgeRelay(ClusterContext ctx, String url, UpstreamClient client, Consumer consumer, Runnable onFailure,
                      String cid) {
        this.ctx = ctx;
        this.url = url;
        this.client = client;
        this.consumer = consumer;
        this.onFailure = onFailure;
        this.cid = cid;
        String parent = Context.current();
        this.reader = Thread.ofVirtual().name("edge-relay-recv-" + cid).unstarted(
                () -> ScopedValue.where(Context.CID, parent).run(this::receive));
        this.writer = Thread.ofVirtual().name("edge-relay-" + cid).unstarted(
                () -> ScopedValue.where(Context.CID, parent).run(this::send));
    }

    /**
     * Connects to an origin of {@code vhost} (round-robin start, trying the others when one is
     * down), publishes {@code req}'s stream there and starts relaying {@code url}.
     *
     * @param onFailure run once when the relay breaks, to end the publish
     * @throws SrsException when no origin accepted the publish
     */
    static EdgeRelay open(ClusterContext ctx, RoundRobin balancer, VhostConfig vhost, RtmpRequest req, String url,
                          Runnable onFailure) {
        ClusterConfig cc = vhost.cluster();
        String cid = ctx.newId();
        SrsException last = null;
        for (int i = 0; i < cc.origins().size(); i++) {
            String origin;
            synchronized (balancer) {
                origin = balancer.select(cc.origins());
            }
            try {
                Endpoint ep = Endpoint.parse(origin);
                UpstreamClient c = publish(ctx, ep, cc, vhost, req, cid);
                Consumer consumer = null;
                try {
                    consumer = ctx.internalConsumer(url, vhost);
                    EdgeRelay r = new EdgeRelay(ctx, url, c, consumer, onFailure, cid);
                    ctx.register(c);
                    r.reader.start();
                    r.writer.start();
                    return r;
                } catch (RuntimeException e) {
                    // A consumer left attached would keep the source alive after its publisher.
                    if (consumer != null) {
                        ctx.closeInternal(url, consumer);
                    }
                    ctx.unregister(c);
                    c.close();
                    throw e;
                }
            } catch (SrsException e) {
                last = e;
                LOG.log(Level.WARNING, "edge: publish {0} to origin {1} failed: {2}", url, origin, e.describe());
            }
        }
        throw last != null ? SrsException.wrap(last, "edge publish " + url + ": no origin accepted it")
                : new SrsException(ErrorCode.EDGE_PORT_INVALID, "edge publish " + url + ": no origin");
    }

    private static UpstreamClient publish(ClusterContext ctx, Endpoint ep, ClusterConfig cc, VhostConfig vhost,
                                          RtmpRequest req, String cid) {
        UpstreamClient c = UpstreamClient.open(ep, CONNECT_TIMEOUT_MILLIS, DIALOGUE_TIMEOUT_MILLIS, ctx.tls);
        try {
            RtmpRequest r = req.withVhost(cc.vhost().replace("[vhost]", req.vhost()));
            String tcUrl = r.upstreamTcUrl(ep.host(), ep.port());
            String app = r.upstreamParts(ep.host(), ep.port()).app();
            String stream = r.upstreamStream(ep.host(), ep.port());
            Optional<Amf0Object> args = cc.debugSrsUpnode()
                    ? Optional.of(ClusterContext.identity(c.localIp(), cid)) : Optional.empty();
            ConnectResult res = c.connect(app, tcUrl, "", "", args);
            if (!(res instanceof ConnectResult.Connected)) {
                throw new SrsException(ErrorCode.RTMP_ACCESS_DENIED, "origin refused connect " + tcUrl + ": " + res);
            }
            c.createStream();
            c.publish(vhost.chunkSize(), stream);
            c.readTimeout(0);
            LOG.log(Level.INFO, "edge: relay publish {0} to origin {1}, tcUrl={2}, stream={3}", req.streamUrl(), ep,
                    tcUrl, stream);
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void send() {
        WriteWatchdog.Watch watch = ctx.watchdog.watch(cid, client::close);
        try {
            client.relay(consumer, watch, () -> !closed, n -> messages += n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SrsException e) {
            broken(e);
        } finally {
            ctx.watchdog.unwatch(watch);
        }
    }

    private void receive() {
        try {
            while (!closed) {
                client.read();
            }
        } catch (SrsException e) {
            broken(e);
        } catch (RuntimeException e) {
            broken(SrsException.wrap(e, "edge relay receive"));
        }
    }

    private void broken(SrsException e) {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        LOG.log(Level.WARNING, "edge: relay of {0} to origin {1} broke, ending the publish: {2}", url,
                client.endpoint(), e.describe());
        shutdown();
        onFailure.run();
    }

    /** Ends the relay (the publish ended). Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        shutdown();
        LOG.log(Level.INFO, "edge: relay of {0} to origin {1} ended, msgs={2}", url, client.endpoint(), messages);
    }

    private void shutdown() {
        client.close();
        ctx.unregister(client);
        ctx.closeInternal(url, consumer);
        writer.interrupt();
    }

    public String url() {
        return url;
    }

    /** {@code host:port} of the origin. */
    public String origin() {
        return client.endpoint().toString();
    }

    public long messages() {
        return messages;
    }

    public boolean isOpen() {
        return !closed;
    }
}
