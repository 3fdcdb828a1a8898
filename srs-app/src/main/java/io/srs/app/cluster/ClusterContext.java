package io.srs.app.cluster;

import io.srs.app.config.SrsConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.rtmp.RtmpService;
import io.srs.app.rtmp.WriteWatchdog;
import io.srs.app.server.ConfigStore;
import io.srs.app.tls.ClientTls;
import io.srs.app.source.Consumer;
import io.srs.app.source.JitterAlgorithm;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceRegistry;
import io.srs.app.source.SourceSettings;
import io.srs.core.Version;
import io.srs.core.log.Context;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.request.RtmpRequest;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * What forwarders, edge ingesters and relays share: config, sources, client lookups, a write
 * watchdog, a timer, and the set of our live upstream connections (the loop guard).
 *
 * <p>Thread-safe.
 */
final class ClusterContext {
    /** SRS's send timeout (SRS_CONSTS_RTMP_TIMEOUT) for upstream writes. */
    static final long SEND_TIMEOUT_MILLIS = 30_000;
    /** Players all see stream id 1 (the id our server gives createStream). */
    static final int STREAM_ID = 1;

    final ConfigStore config;
    final SourceRegistry sources;
    final ClientLookup clients;
    final WriteWatchdog watchdog = new WriteWatchdog(SEND_TIMEOUT_MILLIS);
    final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("cluster-timer").factory());
    private final SecureRandom random = new SecureRandom();
    /** Set by {@link #useTls} (tests); else HTTPS-FLV uses {@link #tls}. */
    private volatile SSLSocketFactory flvTls;
    private final Set<UpstreamClient> upstreams = ConcurrentHashMap.newKeySet();
    /** Outbound TLS for rtmps:// upstreams and https:// backends. */
    final ClientTls tls;

    ClusterContext(ConfigStore config, SourceRegistry sources, ClientLookup clients) {
        this.config = config;
        this.sources = sources;
        this.clients = clients;
        this.tls = new ClientTls(config.current().tlsCaFile());
        config.subscribe((previous, next, diff) -> tls.reload(next.tlsCaFile()));
    }

    /**
     * TLS for HTTPS-FLV edges: the system trust store plus {@code tls_ca_file}, as for rtmps://
     * upstreams, unless {@link #useTls} set another context.
     */
    SSLSocketFactory tls() {
        SSLSocketFactory f = flvTls;
        return f != null ? f : tls.context().getSocketFactory();
    }

    void useTls(SSLContext context) {
        flvTls = context.getSocketFactory();
    }

    /** A context id for a forwarder or ingester thread, like a connection's [cid]. */
    String newId() {
        return Context.newId(random);
    }

    /** The configured vhost (default vhost fallback), or null when none serves {@code name}. */
    VhostConfig vhost(String name) {
        SrsConfig cfg = config.current();
        return cfg.vhost(name);
    }

    /**
     * The request behind a stream: the RTMP client {@code clientId}'s when it is about that
     * stream, else one rebuilt from the url.
     */
    RtmpRequest request(String clientId, String url) {
        if (clientId != null && !clientId.isEmpty()) {
            Optional<RtmpRequest> r = clients.request().apply(clientId);
            if (r.isPresent() && r.get().stream() != null && !r.get().stream().isEmpty()
                    && url.equals(r.get().streamUrl())) {
                return r.get();
            }
        }
        return StreamKey.parse(url).toRequest();
    }

    /** Settings for our own consumers: the vhost's queue, timestamps passed through untouched. */
    static SourceSettings relaySettings(VhostConfig vhost) {
        return RtmpService.settings(vhost).withJitter(JitterAlgorithm.OFF);
    }

    /**
     * A consumer of our own (forwarder, edge relay): internal, so neither the edge nor the API
     * takes it for a player. Starts with metadata, sequence headers and the cached GOP.
     */
    Consumer internalConsumer(String url, VhostConfig vhost) {
        return sources.createInternalConsumer(url, relaySettings(vhost), true);
    }

    /** Closes a consumer made by {@link #internalConsumer}. */
    void closeInternal(String url, Consumer c) {
        c.close();
    }

    /** Players of {@code url} (internal consumers such as forwarders and HLS do not count). */
    int players(String url) {
        return sources.find(url).map(LiveSource::consumerCount).orElse(0);
    }

    void register(UpstreamClient c) {
        upstreams.add(c);
    }

    void unregister(UpstreamClient c) {
        upstreams.remove(c);
    }

    int upstreamCount() {
        return upstreams.size();
    }

    /** Whether client {@code clientId} is one of our own upstream connections (we talk to ourselves). */
    boolean isOwnUpstream(String clientId) {
        if (clientId == null) {
            return false;
        }
        Optional<InetSocketAddress> remote = clients.remote().apply(clientId);
        if (remote.isEmpty()) {
            return false;
        }
        for (UpstreamClient c : upstreams) {
            InetSocketAddress local = c.localAddress();
            if (local != null && local.getPort() == remote.get().getPort()
                    && local.getAddress().equals(remote.get().getAddress())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The identity SRS adds to an upstream connect ({@code debug_srs_upnode}): who we are, so the
     * upstream can log which edge pulls.
     */
    static Amf0Object identity(String localIp, String contextId) {
        return Amf0Object.of()
                .put("srs_sig", Version.KEY)
                .put("srs_server", Version.SIGNATURE)
                .put("srs_license", Version.LICENSE)
                .put("srs_url", Version.URL)
                .put("srs_version", Version.VERSION)
                .put("srs_pid", (double) ProcessHandle.current().pid())
                .put("srs_id", contextId)
                .put("srs_server_ip", localIp);
    }

    void close() {
        timer.shutdownNow();
        watchdog.close();
    }
}
