package io.srs.app.server;

import io.srs.app.config.ConfigDiff;
import io.srs.app.config.SrsConfig;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running configuration: an immutable snapshot swapped atomically on reload. Components
 * read {@link #current()} when they need a value (new connections see new settings at once)
 * and subscribe to be told what changed (MediaMTX-style diff instead of SRS's callback per
 * directive).
 *
 * <p>Thread-safe.
 */
public final class ConfigStore {
    /** Told after a new snapshot is in place; runs on the reloading thread, must not block long. */
    public interface ReloadListener {
        void onReload(SrsConfig previous, SrsConfig next, ConfigDiff diff);
    }

    private final AtomicReference<SrsConfig> current;
    private final List<ReloadListener> listeners = new CopyOnWriteArrayList<>();

    public ConfigStore(SrsConfig initial) {
        this.current = new AtomicReference<>(initial);
    }

    public SrsConfig current() {
        return current.get();
    }

    public void subscribe(ReloadListener listener) {
        listeners.add(listener);
    }

    /** Installs {@code next} and notifies subscribers; returns the diff that was applied. */
    public ConfigDiff apply(SrsConfig next) {
        SrsConfig previous = current.getAndSet(next);
        ConfigDiff diff = ConfigDiff.between(previous, next);
        for (ReloadListener l : listeners) {
            l.onReload(previous, next, diff);
        }
        return diff;
    }
}
