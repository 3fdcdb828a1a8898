package io.srs.app.hooks;

import io.srs.app.dvr.DvrManager;
import io.srs.app.stats.ClientSnapshot;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends {@code on_dvr} for every recording file once it is complete, naming the publisher that
 * was on record when the file was opened (a session plan's file closes after the publisher left).
 *
 * <p>Thread-safe: called on recorder threads; the hooks themselves are queued.
 */
public final class DvrHooks implements DvrManager.Listener {
    private final HttpHooks hooks;
    /** Publisher of each open file, by file name. */
    private final ConcurrentHashMap<String, ClientSnapshot> publishers = new ConcurrentHashMap<>();

    public DvrHooks(HttpHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public void onOpen(String streamUrl, String file) {
        publishers.put(file, hooks.publisherOf(streamUrl));
    }

    @Override
    public void onAbandon(String streamUrl, String file) {
        publishers.remove(file);
    }

    @Override
    public void onFile(String streamUrl, String file) {
        ClientSnapshot c = publishers.remove(file);
        hooks.onDvr(c != null ? c : hooks.publisherOf(streamUrl), streamUrl, file);
    }
}
