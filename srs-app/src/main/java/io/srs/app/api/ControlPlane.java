package io.srs.app.api;

import io.srs.app.hooks.ClientCallbacks;
import io.srs.app.hooks.Heartbeat;
import io.srs.app.hooks.HookClient;
import io.srs.app.hooks.HttpHooks;
import io.srs.app.http.HttpServers;
import io.srs.app.server.ConfigStore;
import io.srs.app.tls.ClientTls;
import io.srs.app.source.SourceRegistry;
import io.srs.app.stats.ClientEvents;
import io.srs.app.stats.Identity;
import io.srs.app.stats.Metrics;
import io.srs.app.stats.ProcStats;
import io.srs.app.stats.Sampler;
import io.srs.app.stats.Statistics;
import io.srs.app.stats.Summaries;
import io.undertow.server.HttpHandler;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/**
 * The operator-facing side of the server, wired in one place: statistics and their sampler,
 * HTTP hooks, heartbeat, the HTTP API and the Prometheus exporter (SRS's
 * {@code SrsStatistic}, {@code SrsHttpHooks}, {@code SrsHttpHeartbeat}, {@code SrsGoApi*}).
 *
 * <p>The RTMP service reports clients through {@link #clientEvents()}; HLS and DVR report
 * segments and files through {@link #hooks()}. {@link #apiHandler()} is the API as a plain
 * Undertow handler, for mounting on a shared HTTP server when {@code http_api.listen} equals
 * {@code http_server.listen}.
 *
 * <p>Thread-safe; start and close from one thread.
 */
public final class ControlPlane implements AutoCloseable {
    /** How often traffic and /proc are sampled: the 30 s kbps windows move by this step. */
    static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);

    private final Identity identity;
    private final Statistics stats;
    private final ProcStats proc;
    private final Metrics metrics;
    private final ClientTls clientTls;
    private final HookClient hookClient;
    private final HttpHooks hooks;
    private final ClientCallbacks events;
    private final Heartbeat heartbeat;
    private final Sampler sampler;
    private final HttpApi api;
    private final ApiServers servers;

    /**
     * @param httpServers the HTTP servers shared with the file server (same port allowed)
     * @param reloader the process's reload (SIGHUP's action), run by {@code /api/v1/raw?rpc=reload};
     *                 it should throw {@link io.srs.core.SrsException} when the new config is rejected
     */
    public ControlPlane(ConfigStore config, SourceRegistry sources, HttpServers httpServers, Runnable reloader) {
        SecureRandom random = new SecureRandom();
        this.clientTls = new ClientTls(config.current().tlsCaFile());
        config.subscribe((previous, next, diff) -> clientTls.reload(next.tlsCaFile()));
        this.hookClient = new HookClient(clientTls::context);
        this.identity = Identity.resolve(config.current(), random);
        this.stats = new Statistics(config, sources, random, System::nanoTime);
        this.proc = new ProcStats(Path.of("/proc"), config.current().stats().disks());
        Summaries summaries = new Summaries(proc, stats);
        this.metrics = new Metrics(identity, stats, proc, sources);
        this.hooks = new HttpHooks(config, identity, stats, hookClient);
        this.events = new ClientCallbacks(stats, hooks);
        this.heartbeat = new Heartbeat(config, identity, summaries, hookClient, System.getenv());
        this.sampler = new Sampler(SAMPLE_INTERVAL, List.of(stats::sample, proc::sample));
        this.api = new HttpApi(config, identity, stats, proc, summaries, metrics, reloader);
        this.servers = new ApiServers(config, httpServers, api);
    }

    /** Binds the API and exporter ports and starts sampling and the heartbeat. */
    public void start() {
        servers.start();
        sampler.start();
        heartbeat.start();
    }

    public ClientEvents clientEvents() {
        return events;
    }

    /** For HLS ({@code onHls}, {@code onHlsNotify}) and DVR ({@code onDvr}). */
    public HttpHooks hooks() {
        return hooks;
    }

    public Statistics stats() {
        return stats;
    }

    public Identity identity() {
        return identity;
    }

    public HttpHandler apiHandler() {
        return api;
    }

    /** The API, for features that add read-only resources. */
    public HttpApi api() {
        return api;
    }

    /** The exporter, for features that add meters. */
    public Metrics metrics() {
        return metrics;
    }

    public ApiServers servers() {
        return servers;
    }

    @Override
    public void close() {
        servers.close();
        heartbeat.close();
        sampler.close();
        metrics.close();
        hookClient.close();
    }
}
