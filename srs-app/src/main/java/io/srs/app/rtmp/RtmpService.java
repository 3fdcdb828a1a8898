package io.srs.app.rtmp;

import io.srs.app.cluster.Cluster;
import io.srs.app.config.PlayConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.server.SocketConnection;
import io.srs.app.server.SocketHandler;
import io.srs.app.source.JitterAlgorithm;
import io.srs.app.source.SourceRegistry;
import io.srs.app.source.SourceSettings;
import io.srs.app.stats.ClientEvents;
import io.srs.rtmp.chunk.ChunkLimits;
import io.srs.rtmp.chunk.DirectSlabs;
import io.srs.rtmp.handshake.ServerHandshake;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves RTMP clients: one {@link RtmpConnection} per accepted socket, sharing the sources,
 * the config store and the write watchdog. Thread-safe.
 */
public final class RtmpService implements SocketHandler, AutoCloseable {
    /** SRS's SRS_CONSTS_RTMP_TIMEOUT: handshake, connect and send timeout. */
    static final long RTMP_TIMEOUT_MILLIS = 30_000;

    private final ConfigStore config;
    private final SourceRegistry sources;
    private final ServerHandshake handshake = new ServerHandshake();
    private final WriteWatchdog watchdog = new WriteWatchdog(RTMP_TIMEOUT_MILLIS);
    private final IdleReadWatchdog idleReads = new IdleReadWatchdog();
    /** Direct memory of the chunked payloads all players share. */
    private final DirectSlabs payloadMemory = new DirectSlabs();
    private final ConcurrentHashMap<String, RtmpConnection> clients = new ConcurrentHashMap<>();
    private final Pithy publishStage;
    private final Pithy playStage;
    private final ClientEvents events;
    private volatile Cluster cluster;

    public RtmpService(ConfigStore config, SourceRegistry sources) {
        this(config, sources, ClientEvents.NONE);
    }

    /** @param events told of each client's connect, publish, play and close (stats and hooks) */
    public RtmpService(ConfigStore config, SourceRegistry sources, ClientEvents events) {
        this.config = config;
        this.sources = sources;
        this.events = events;
        long pithy = config.current().pithyPrint().toMillis();
        this.publishStage = new Pithy(pithy);
        this.playStage = new Pithy(pithy);
    }

    @Override
    public void serve(SocketConnection connection) throws Exception {
        RtmpConnection c = new RtmpConnection(this, connection);
        clients.put(connection.id(), c);
        Throwable error = null;
        try {
            c.serve();
        } catch (Exception | Error e) {
            error = e;
            throw e;
        } finally {
            clients.remove(connection.id());
            events.onClose(c, c.request(), error);
        }
    }

    /** Hands edge vhosts' publishers and token checks to the cluster; set once when wiring. */
    public void useCluster(Cluster c) {
        this.cluster = c;
    }

    /** The cluster, or null when none is wired (tests of the RTMP service alone). */
    Cluster cluster() {
        return cluster;
    }

    /** Live RTMP clients, for the HTTP API. */
    public Collection<RtmpConnection> clients() {
        return Collections.unmodifiableCollection(clients.values());
    }

    public Optional<RtmpConnection> client(String id) {
        return Optional.ofNullable(clients.get(id));
    }

    ConfigStore config() {
        return config;
    }

    ClientEvents events() {
        return events;
    }

    SourceRegistry sources() {
        return sources;
    }

    ServerHandshake handshake() {
        return handshake;
    }

    WriteWatchdog watchdog() {
        return watchdog;
    }

    /** Publishers' receive timeout once media flows. */
    IdleReadWatchdog idleReads() {
        return idleReads;
    }

    DirectSlabs payloadMemory() {
        return payloadMemory;
    }

    Pithy stage(boolean publish) {
        return publish ? publishStage : playStage;
    }

    /** Per-connection chunk bounds from {@code rtmp_limits} (a reload applies to new connections). */
    ChunkLimits chunkLimits() {
        int partial = config.current().rtmpLimits().partialBytes();
        ChunkLimits d = ChunkLimits.DEFAULT;
        return new ChunkLimits(Math.min(d.maxMessageLength(), partial), d.maxChunkStreams(), partial);
    }

    /** The source settings a vhost's {@code play {}} block asks for. */
    public static SourceSettings settings(VhostConfig vhost) {
        return settings(vhost, "");
    }

    /**
     * The settings for one player: a {@code time_jitter=full|zero|off} in its query (not in SRS)
     * overrides the vhost's {@code play.time_jitter} for that player alone. The transcoders of an
     * ABR ladder ask for {@code off}, so their renditions keep the source's timestamps.
     */
    static SourceSettings settings(VhostConfig vhost, String param) {
        PlayConfig p = vhost.play();
        JitterAlgorithm jitter = switch (p.timeJitter()) {
            case FULL -> JitterAlgorithm.FULL;
            case ZERO -> JitterAlgorithm.ZERO;
            case OFF -> JitterAlgorithm.OFF;
        };
        for (String pair : param.split("[?&]")) {
            switch (pair) {
                case "time_jitter=full" -> jitter = JitterAlgorithm.FULL;
                case "time_jitter=zero" -> jitter = JitterAlgorithm.ZERO;
                case "time_jitter=off" -> jitter = JitterAlgorithm.OFF;
                default -> {
                    // other parameters are not ours
                }
            }
        }
        return new SourceSettings(p.gopCache(), p.gopCacheMaxFrames(), p.queueLength().toMillis(), jitter,
                p.mixCorrect(), p.atc(), p.atcAuto(), p.reduceSequenceHeader(), p.gopCacheMaxBytes(), p.queueMaxBytes(),
                vhost.httpRemux().audioFastCache().toMillis());
    }

    @Override
    public void close() {
        watchdog.close();
        idleReads.close();
    }
}
