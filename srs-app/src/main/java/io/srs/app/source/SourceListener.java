package io.srs.app.source;

/**
 * Told when a stream starts or stops being published, so outputs that follow every published
 * stream (HLS, forward, DVR, statistics, hooks) can attach their own consumer. Called on the
 * publisher's thread; implementations must not block (start a thread if work is slow).
 */
public interface SourceListener {
    void onPublish(LiveSource source);

    void onUnpublish(LiveSource source);
}
