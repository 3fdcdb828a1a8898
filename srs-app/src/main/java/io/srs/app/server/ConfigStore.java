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
 * <p>Thread-safe; reloads are serial.
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

    /**
     * Installs {@code next} and notifies subscribers; returns the diff that was applied. One
     * reload at a time (SIGHUP and the API may race): otherwise subscribers could hear of two
     * reloads in the opposite order and settle on the older config.
     */
    public synchronized ConfigDiff apply(SrsConfig next) {
        SrsConfig previous = current.getAndSet(next);
        ConfigDiff diff = ConfigDiff.between(previous, next);
        for (ReloadListener l : listeners) {
            l.onReload(previous, next, diff);
        }
        return diff;
    }
}
