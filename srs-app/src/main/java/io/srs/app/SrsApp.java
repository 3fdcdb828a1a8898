package io.srs.app;

import io.srs.app.api.ControlPlane;
import io.srs.app.cluster.ClientLookup;
import io.srs.app.cluster.Cluster;
import io.srs.app.cluster.ClusterJson;
import io.srs.app.config.NotImplemented;
import io.srs.app.config.SrsConfig;
import io.srs.app.dvr.DvrJson;
import io.srs.app.dvr.DvrManager;
import io.srs.app.abr.Ladders;
import io.srs.app.hls.HlsManager;
import io.srs.app.hooks.DvrHooks;
import io.srs.app.hooks.HlsHooks;
import io.srs.app.http.HttpFileServer;
import io.srs.app.httpstream.HttpLiveStreams;
import io.srs.app.http.HttpServers;
import io.srs.app.http.HttpsListeners;
import io.srs.app.jobs.Execs;
import io.srs.app.jobs.Ingesters;
import io.srs.app.jobs.JobsJson;
import io.srs.app.jobs.PublisherRequests;
import io.srs.app.jobs.Transcoders;
import io.srs.app.process.Supervisor;
import io.srs.app.rtmp.RtmpConnection;
import io.srs.app.rtmp.RtmpService;
import io.srs.app.server.ConfigStore;
import io.srs.app.server.Connection;
import io.srs.app.server.ConnectionRegistry;
import io.srs.app.server.Server;
import io.srs.app.source.SourceRegistry;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.lang.System.Logger.Level;

/**
 * Wires the server's components from one configuration store: RTMP listeners and sessions,
 * live sources, HLS, the HTTP servers, statistics, hooks, API and metrics. Process concerns
 * (signals, pid file, daemon, logging) stay in srs-main.
 *
 * <p>Start and stop from one thread; thread-safe otherwise.
 */
public final class SrsApp {
    private static final System.Logger LOG = System.getLogger(SrsApp.class.getName());

    private final ConfigStore config;
    private final SourceRegistry sources = new SourceRegistry();
    private final HttpServers httpServers;
    private final ControlPlane control;
    private final RtmpService rtmp;
    private final Server server;
    private final HttpFileServer httpFiles;
    private final HttpsListeners https;
    private final HttpLiveStreams httpLive;
    private final HlsManager hls;
    private final DvrManager dvr;
    private final Cluster cluster;
    private final Supervisor jobs;
    private final Transcoders transcoders;
    private final Ingesters ingesters;
    private final Execs execs;

    /** Without a reloader: {@code /api/v1/raw?rpc=reload} then fails (tests, embedding). */
    public SrsApp(ConfigStore config) {
        this(config, () -> {
            throw new SrsException(ErrorCode.SYSTEM_CONFIG_RAW_NOT_ALLOWED, "this server has no reload");
        });
    }

    /**
     * @param reloader the process's reload, the same action as SIGHUP; the raw API's
     *                 {@code rpc=reload} runs it (it should throw SrsException on a rejected config)
     */
    public SrsApp(ConfigStore config, Runnable reloader) {
        this.config = config;
        this.httpServers = new HttpServers(() -> config.current().httpLimits());
        this.control = new ControlPlane(config, sources, httpServers, reloader);
        this.rtmp = new RtmpService(config, sources, control.clientEvents());
        this.server = new Server(config, rtmp);
        this.httpLive = new HttpLiveStreams(config, sources, control.clientEvents());
        this.httpFiles = new HttpFileServer(config, httpServers, httpLive::in);
        this.https = new HttpsListeners(config, httpServers);
        // hls_on_error disconnect: end the publisher's connection.
        this.hls = new HlsManager(config, sources,
                (url, publisherId, reason) -> server.registry().find(publisherId).ifPresent(Connection::close));
        hls.addListener(new HlsHooks(config, control.hooks()));
        this.dvr = new DvrManager(config, sources);
        dvr.addListener(new DvrHooks(control.hooks()));
        control.stats().addStreamSection("dvr", url -> DvrJson.of(dvr, url));
        this.cluster = new Cluster(config, sources, new ClientLookup(
                id -> rtmp.client(id).map(RtmpConnection::request),
                id -> server.registry().find(id).map(Connection::remote)));
        rtmp.useCluster(cluster);
        control.stats().addStreamSection("cluster", url -> ClusterJson.of(cluster.stats(url)));
        config.subscribe((previous, next, diff) -> warnNotImplemented(next));
        this.jobs = new Supervisor(() -> config.current().utcTime());
        PublisherRequests publishers = new PublisherRequests(config,
                id -> rtmp.client(id).map(RtmpConnection::request));
        this.transcoders = new Transcoders(config, sources, jobs, publishers);
        Ladders ladders = new Ladders(config, sources);
        transcoders.setLadderListener(ladders);
        hls.setAlignment(ladders);
        hls.addListener(ladders);
        this.ingesters = new Ingesters(config, jobs);
        this.execs = new Execs(config, sources, jobs, publishers);
        control.api().addResource("jobs", "external processes: transcode, ingest and exec jobs",
                () -> JobsJson.of(jobs));
        control.metrics().addGauge("srs.jobs.running", "External jobs (FFmpeg, exec) running now.",
                jobs::running);
        control.metrics().addCounter("srs.jobs.restarts", "Restarts of external jobs since start.",
                jobs::restartsTotal);
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

    public SourceRegistry sources() {
        return sources;
    }

    public RtmpService rtmp() {
        return rtmp;
    }

    /** Statistics, hooks, HTTP API and metrics. */
    public ControlPlane control() {
        return control;
    }

    /** The HTTP servers by listen address, for other HTTP features (API, HTTP-FLV) to mount on. */
    public HttpServers httpServers() {
        return httpServers;
    }

    public HttpFileServer httpFiles() {
        return httpFiles;
    }

    public HlsManager hls() {
        return hls;
    }

    public DvrManager dvr() {
        return dvr;
    }

    /** External processes: transcoders, ingesters, exec. */
    public Supervisor jobs() {
        return jobs;
    }

    private static void warnNotImplemented(SrsConfig c) {
        for (String w : NotImplemented.in(c)) {
            LOG.log(Level.WARNING, "config: {0}", w);
        }
    }

    /** Binds every port; throws SrsException (nothing left bound) when one cannot be bound. */
    public void start() {
        warnNotImplemented(config.current());
        try {
            cluster.start();
            server.start();
            httpFiles.start();
            control.start();
            https.start();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        hls.start();
        dvr.start();
        transcoders.start();
        execs.start();
        ingesters.start();
    }

    /** Fast quit: stop accepting, close every connection. */
    public void stop() {
        server.stop();
        jobs.close();
        cluster.close();
        sources.closeAll();
        rtmp.close();
        hls.close();
        dvr.close();
        control.close();
        httpLive.close();
        httpFiles.close();
        https.close();
        httpServers.close();
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
