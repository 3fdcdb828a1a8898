package io.srs.app.source;

/**
 * Told when a stream starts or stops being published, so outputs that follow every published
 * stream (HLS, forward, DVR, statistics, hooks) can attach their own consumer. Called on the
 * publisher's thread; implementations must not block (start a thread if work is slow).
 */
public interface SourceListener {
    void onPublish(LiveSource source);

    void onUnpublish(LiveSource source);

    /**
     * A consumer (player, output) joined {@code source}, which now has {@code consumers} of
     * them. Called on the joining thread outside every source lock, so events from different
     * threads may arrive out of order: act on {@link LiveSource#consumerCount()} when it matters.
     */
    default void onConsumerAdded(LiveSource source, int consumers) {
    }

    /** A consumer left {@code source}, which has {@code consumers} left; same contract as above. */
    default void onConsumerRemoved(LiveSource source, int consumers) {
    }
}
