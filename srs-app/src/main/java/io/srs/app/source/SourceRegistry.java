package io.srs.app.source;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * All live sources by stream url. Port of {@code SrsLiveSourceManager} without its global
 * singleton: a source exists while it has a publisher or a player, and is forgotten when it
 * has neither.
 *
 * <p>Thread-safe.
 */
public final class SourceRegistry {
    private final ConcurrentHashMap<String, LiveSource> sources = new ConcurrentHashMap<>();
    private final List<SourceListener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(SourceListener l) {
        listeners.add(l);
    }

    /**
     * Claims {@code url} for a publisher (creating the source when needed); empty when another
     * publisher holds it (SRS "stream busy"). Listeners hear of the publish before it returns.
     */
    public Optional<LiveSource> publish(String url, SourceSettings settings, String connectionId) {
        LiveSource[] claimed = new LiveSource[1];
        sources.compute(url, (u, cur) -> {
            LiveSource s = cur != null ? cur : new LiveSource(u, this, settings);
            if (s.claim(connectionId)) {
                claimed[0] = s;
            }
            return s;
        });
        if (claimed[0] == null) {
            return Optional.empty();
        }
        claimed[0].configure(settings);
        firePublish(claimed[0]);
        return Optional.of(claimed[0]);
    }

    /**
     * A player's consumer on {@code url}, creating the source when needed so a player that
     * arrives before the publisher waits for it. Atomic with the source's removal.
     */
    public Consumer createConsumer(String url, SourceSettings settings, boolean dumpGop) {
        return createConsumer(url, settings, dumpGop, false);
    }

    /**
     * A consumer for an output of the server itself (HLS, forward, DVR): it gets every message
     * like a player but is not counted as one (client counts, publish.kickoff_for_idle).
     */
    public Consumer createInternalConsumer(String url, SourceSettings settings, boolean dumpGop) {
        return createConsumer(url, settings, dumpGop, true);
    }

    private Consumer createConsumer(String url, SourceSettings settings, boolean dumpGop, boolean internal) {
        Consumer[] created = new Consumer[1];
        sources.compute(url, (u, cur) -> {
            LiveSource s = cur != null ? cur : new LiveSource(u, this, settings);
            created[0] = s.createConsumer(settings, dumpGop, internal);
            return s;
        });
        // Outside compute(): listeners may look sources up or create consumers themselves.
        LiveSource s = created[0].source();
        fireConsumerAdded(s, s.consumerCount());
        return created[0];
    }

    public Optional<LiveSource> find(String url) {
        return Optional.ofNullable(sources.get(url));
    }

    public Collection<LiveSource> all() {
        return sources.values();
    }

    void releaseIfUnused(LiveSource s) {
        // compute() serialises with fetchOrCreate for the same key, so a source that just got a
        // new player or publisher is never dropped.
        sources.computeIfPresent(s.url(), (u, cur) -> cur == s && s.isUnused() ? null : cur);
    }

    void firePublish(LiveSource s) {
        for (SourceListener l : listeners) {
            l.onPublish(s);
        }
    }

    void fireUnpublish(LiveSource s) {
        for (SourceListener l : listeners) {
            l.onUnpublish(s);
        }
    }

    void fireConsumerAdded(LiveSource s, int consumers) {
        for (SourceListener l : listeners) {
            l.onConsumerAdded(s, consumers);
        }
    }

    void fireConsumerRemoved(LiveSource s, int consumers) {
        for (SourceListener l : listeners) {
            l.onConsumerRemoved(s, consumers);
        }
    }

    public void closeAll() {
        sources.values().forEach(LiveSource::closeConsumers);
    }
}
