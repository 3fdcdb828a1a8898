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
        while (true) {
            LiveSource s = sources.computeIfAbsent(url, u -> new LiveSource(u, this, settings));
            // Claim and tell the listeners under the stream's lifecycle lock, so a reload sees
            // this stream either not yet published or with its outputs already started.
            s.lifecycle().lock();
            try {
                boolean[] claimed = {false};
                // compute() keeps the claim atomic with releaseIfUnused() dropping the source.
                LiveSource cur = sources.compute(url, (u, c) -> {
                    if (c == s) {
                        claimed[0] = s.claim(connectionId);
                    }
                    return c;
                });
                if (cur != s) {
                    continue; // released meanwhile: claim the new one
                }
                if (!claimed[0]) {
                    return Optional.empty();
                }
                s.configure(settings);
                firePublish(s);
                return Optional.of(s);
            } finally {
                s.lifecycle().unlock();
            }
        }
    }

    /**
     * Runs {@code action} for every published stream, each under its lifecycle lock: while it
     * runs, the stream can be neither unpublished nor half published, so an output it starts is
     * one that the stream's unpublish will stop. For reloads; the action must not block long
     * (it delays that stream's publisher at publish or unpublish only).
     */
    public void forEachPublishing(java.util.function.Consumer<LiveSource> action) {
        for (LiveSource s : sources.values()) {
            s.lifecycle().lock();
            try {
                if (s.isPublishing()) {
                    action.accept(s);
                }
            } finally {
                s.lifecycle().unlock();
            }
        }
    }

    /**
     * A player's consumer on {@code url}, creating the source when needed so a player that
     * arrives before the publisher waits for it. Atomic with the source's removal.
     */
    public Consumer createConsumer(String url, SourceSettings settings, boolean dumpGop) {
        return createConsumer(url, settings, dumpGop, false, false);
    }

    /**
     * A listener's consumer for an audio-only format (.aac, .mp3): like a player's, but it
     * starts with the source's audio cache ({@code http_remux.fast_cache}) instead of the GOP
     * when the source keeps one.
     */
    public Consumer createAudioConsumer(String url, SourceSettings settings) {
        return createConsumer(url, settings, true, false, true);
    }

    /**
     * A consumer for an output of the server itself (HLS, forward, DVR): it gets every message
     * like a player but is not counted as one (client counts, publish.kickoff_for_idle).
     */
    public Consumer createInternalConsumer(String url, SourceSettings settings, boolean dumpGop) {
        return createConsumer(url, settings, dumpGop, true, false);
    }

    private Consumer createConsumer(String url, SourceSettings settings, boolean dumpGop, boolean internal,
                                    boolean dumpAudio) {
        Consumer[] created = new Consumer[1];
        sources.compute(url, (u, cur) -> {
            LiveSource s = cur != null ? cur : new LiveSource(u, this, settings);
            created[0] = s.createConsumer(settings, dumpGop, internal, dumpAudio);
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
