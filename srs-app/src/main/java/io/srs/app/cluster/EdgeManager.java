package io.srs.app.cluster;

import io.srs.app.config.ConfigDiff;
import io.srs.app.config.SrsConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceListener;
import io.srs.core.log.Context;
import io.srs.rtmp.request.RtmpRequest;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Edge play: the first player of a stream on an edge vhost starts one {@link EdgeIngester}; it
 * stops a while after the last player left. Port of {@code SrsPlayEdge} (srs_app_edge.cpp),
 * driven by the source's consumer events instead of calls from the play path, so every kind of
 * player (RTMP, HTTP-FLV, ...) triggers it. SRS stops the pull the moment the last player
 * leaves; we wait {@link #IDLE_STOP_MILLIS} so a player that reconnects finds the stream warm.
 *
 * <p>Thread-safe: one lock guards the ingester map; stopping an ingester (which unpublishes the
 * source) happens under it so a new player never races a half-stopped pull.
 */
public final class EdgeManager implements SourceListener, ConfigStore.ReloadListener {
    private static final System.Logger LOG = System.getLogger(EdgeManager.class.getName());
    /** How long a pull outlives its last player. */
    static final long IDLE_STOP_MILLIS = 3000;

    private final ClusterContext ctx;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, EdgeIngester> ingesters = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> stops = new HashMap<>();

    EdgeManager(ClusterContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void onPublish(LiveSource source) {
    }

    @Override
    public void onUnpublish(LiveSource source) {
    }

    @Override
    public void onConsumerAdded(LiveSource source, int consumers) {
        String url = source.url();
        if (ctx.players(url) == 0) {
            return; // one of our own consumers (forwarder, edge relay)
        }
        // Called on the player's thread: its connection id finds its request (host, param).
        RtmpRequest req = ctx.request(Context.current(), url);
        VhostConfig v = ctx.vhost(req.vhost());
        if (v == null || !v.cluster().isEdge()) {
            return;
        }
        lock.lock();
        try {
            ScheduledFuture<?> pending = stops.remove(url);
            if (pending != null) {
                pending.cancel(false);
            }
            EdgeIngester e = ingesters.get(url);
            if (e != null && e.isAlive()) {
                return;
            }
            if (source.isPublishing()) {
                return; // a local publisher feeds it (edge publish)
            }
            e = new EdgeIngester(ctx, url, req.withVhost(v.name()), v.name());
            ingesters.put(url, e);
            e.start();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onConsumerRemoved(LiveSource source, int consumers) {
        String url = source.url();
        lock.lock();
        try {
            if (!ingesters.containsKey(url) || stops.containsKey(url) || ctx.players(url) > 0) {
                return;
            }
            stops.put(url, ctx.timer.schedule(() -> stopIfIdle(url), IDLE_STOP_MILLIS, TimeUnit.MILLISECONDS));
        } finally {
            lock.unlock();
        }
    }

    private void stopIfIdle(String url) {
        lock.lock();
        try {
            stops.remove(url);
            if (ctx.players(url) > 0) {
                return;
            }
            EdgeIngester e = ingesters.remove(url);
            if (e != null) {
                LOG.log(Level.INFO, "edge: no player of {0} for {1} ms, stop pulling", url, IDLE_STOP_MILLIS);
                e.stop();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onReload(SrsConfig previous, SrsConfig next, ConfigDiff diff) {
        List<EdgeIngester> stop = new ArrayList<>();
        lock.lock();
        try {
            for (var it = ingesters.entrySet().iterator(); it.hasNext(); ) {
                EdgeIngester e = it.next().getValue();
                String vhost = e.vhost();
                VhostConfig before = previous.vhost(vhost);
                VhostConfig after = next.vhost(vhost);
                if (after == null || !after.cluster().isEdge()) {
                    it.remove();
                    stop.add(e);
                } else if (before == null || !before.cluster().origins().equals(after.cluster().origins())) {
                    e.originsChanged(after.cluster().origins(), after.cluster().upstreamProtocol().defaultPort());
                }
            }
        } finally {
            lock.unlock();
        }
        // Outside the lock: a stop waits for the ingester to unpublish.
        stop.forEach(EdgeIngester::stop);
    }

    /** The pull of {@code url}, if any. */
    public Optional<EdgeIngester> ingester(String url) {
        lock.lock();
        try {
            return Optional.ofNullable(ingesters.get(url));
        } finally {
            lock.unlock();
        }
    }

    /** Every pull. */
    public List<EdgeIngester> all() {
        lock.lock();
        try {
            return List.copyOf(ingesters.values());
        } finally {
            lock.unlock();
        }
    }

    void close() {
        List<EdgeIngester> all;
        lock.lock();
        try {
            all = new ArrayList<>(ingesters.values());
            ingesters.clear();
            stops.values().forEach(f -> f.cancel(false));
            stops.clear();
        } finally {
            lock.unlock();
        }
        all.forEach(EdgeIngester::stop);
    }
}
