package io.srs.app;

import io.srs.app.cluster.ClientLookup;
import io.srs.app.cluster.Cluster;
import io.srs.app.rtmp.RtmpConnection;
import io.srs.app.server.ConfigStore;
import io.srs.app.server.Connection;
import io.srs.app.server.ConnectionRegistry;
import io.srs.app.server.Server;
import io.srs.app.rtmp.RtmpService;
import io.srs.app.source.SourceRegistry;

import java.lang.System.Logger.Level;

/**
 * Wires the server's components from one configuration store: the RTMP listeners and, as
 * features land, sources, HTTP API, HLS and the cluster. Process concerns (signals, pid file,
 * daemon, logging) stay in srs-main.
 *
 * <p>Start and stop from one thread; thread-safe otherwise.
 */
public final class SrsApp {
    private static final System.Logger LOG = System.getLogger(SrsApp.class.getName());

    private final ConfigStore config;
    private final SourceRegistry sources = new SourceRegistry();
    private final RtmpService rtmp;
    private final Server server;
    private final Cluster cluster;

    public SrsApp(ConfigStore config) {
        this.config = config;
        this.rtmp = new RtmpService(config, sources);
        this.server = new Server(config, rtmp);
        this.cluster = new Cluster(config, sources, new ClientLookup(
                id -> rtmp.client(id).map(RtmpConnection::request),
                id -> server.registry().find(id).map(Connection::remote)));
        rtmp.useCluster(cluster);
    }

    public SourceRegistry sources() {
        return sources;
    }

    public RtmpService rtmp() {
        return rtmp;
    }

    public ConfigStore config() {
        return config;
    }

    /** Forward and edge: their state and counters for the API. */
    public Cluster cluster() {
        return cluster;
    }

    public Server server() {
        return server;
    }

    public ConnectionRegistry connections() {
        return server.registry();
    }

    /** Binds every port; throws SrsException (nothing left bound) when one cannot be bound. */
    public void start() {
        cluster.start();
        server.start();
    }

    /** Fast quit: stop accepting, close every connection. */
    public void stop() {
        server.stop();
        cluster.close();
        sources.closeAll();
        rtmp.close();
    }

    /**
     * Graceful quit like SRS's SIGQUIT: stop accepting, give load balancers {@code startWait}
     * to notice, then let connections finish for at most {@code finalWait}.
     */
    public void stopGracefully(long startWaitMillis, long finalWaitMillis) throws InterruptedException {
        server.closeListeners();
        Thread.sleep(startWaitMillis);
        if (!server.registry().awaitEmpty(finalWaitMillis)) {
            LOG.log(Level.INFO, "grace quit: {0} connections left after {1} ms, closing them",
                    server.registry().size(), finalWaitMillis);
        }
        stop();
    }
}
