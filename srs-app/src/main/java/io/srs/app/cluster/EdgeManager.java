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
 * <p>Thread-safe: one lock guards the maps and is never held while waiting. Stopping an
 * ingester (which unpublishes the source and may wait up to 5 s for its thread) happens outside
 * it; meanwhile the stream is marked as stopping, and a player that arrives then has its pull
 * started by the stopping thread once the old one is gone, so one stream's pulls never overlap
 * and one slow origin never stalls another stream.
 */
public final class EdgeManager implements SourceListener, ConfigStore.ReloadListener {
    private static final System.Logger LOG = System.getLogger(EdgeManager.class.getName());
    /** How long a pull outlives its last player. */
    static final long IDLE_STOP_MILLIS = 3000;

    private final ClusterContext ctx;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, EdgeIngester> ingesters = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> stops = new HashMap<>();
    /** Streams whose ingester is being stopped, outside the lock. */
    private final Map<String, EdgeIngester> stopping = new HashMap<>();
    /** Pulls to start once the stream's stop completes (a player came meanwhile). */
    private final Map<String, Runnable> startAfterStop = new HashMap<>();

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
            RtmpRequest pullReq = req.withVhost(v.name());
            Runnable start = () -> {
                // Under the lock, and read again: a reload that made the vhost an origin either
                // ran its onReload before this (then the config read here is the new one) or
                // after (then it finds this pull and stops it).
                VhostConfig now = ctx.vhost(req.vhost());
                if (now == null || !now.cluster().isEdge() || !now.name().equals(v.name())) {
                    return;
                }
                EdgeIngester cur = ingesters.get(url);
                if (!source.isPublishing() && (cur == null || !cur.isAlive()) && ctx.players(url) > 0) {
                    EdgeIngester n = new EdgeIngester(ctx, url, pullReq, v.name());
                    ingesters.put(url, n);
                    n.start();
                }
            };
            if (stopping.containsKey(url)) {
                startAfterStop.put(url, start);
            } else {
                start.run();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops {@code e} (already out of the map) without the lock, then starts what waited for it. */
    private void stopOutsideLock(String url, EdgeIngester e) {
        lock.lock();
        try {
            stopping.put(url, e);
        } finally {
            lock.unlock();
        }
        try {
            e.stop();
        } finally {
            lock.lock();
            try {
                stopping.remove(url, e);
                Runnable start = startAfterStop.remove(url);
                if (start != null) {
                    start.run();
                }
            } finally {
                lock.unlock();
            }
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
        EdgeIngester e;
        lock.lock();
        try {
            stops.remove(url);
            if (ctx.players(url) > 0) {
                return;
            }
            e = ingesters.remove(url);
        } finally {
            lock.unlock();
        }
        if (e != null) {
            LOG.log(Level.INFO, "edge: no player of {0} for {1} ms, stop pulling", url, IDLE_STOP_MILLIS);
            stopOutsideLock(url, e);
        }
    }

    @Override
    public void onReload(SrsConfig previous, SrsConfig next, ConfigDiff diff) {
        Map<String, EdgeIngester> stop = new HashMap<>();
        lock.lock();
        try {
            for (var it = ingesters.entrySet().iterator(); it.hasNext(); ) {
                EdgeIngester e = it.next().getValue();
                String vhost = e.vhost();
                VhostConfig before = previous.vhost(vhost);
                VhostConfig after = next.vhost(vhost);
                if (after == null || !after.cluster().isEdge()) {
                    it.remove();
                    stop.put(e.url(), e);
                } else if (before == null || !before.cluster().origins().equals(after.cluster().origins())) {
                    e.originsChanged(after.cluster().origins(), after.cluster().upstreamProtocol().defaultPort());
                }
            }
        } finally {
            lock.unlock();
        }
        // Outside the lock: a stop waits for the ingester to unpublish.
        stop.forEach(this::stopOutsideLock);
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
