package io.srs.app.source;

import io.srs.kernel.media.MediaMessage;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An internal output's view of one publish (or one stretch of it between two reloads) through
 * its {@link Consumer}. When the publish ends, the output must stop exactly at the publisher's
 * last message although its consumer stays attached until the output's thread closes it (a new
 * publisher may already be sending into it): {@link #markEnd} counts what was drained plus what
 * is still queued, under the lock that the output's thread holds while draining.
 *
 * <p>Thread-safe: {@link #markEnd} and {@link #cancel} come from publisher, reload and shutdown
 * threads; {@link #drain} and {@link #complete} from the output's own thread.
 */
public class PublishFeed {
    public final Consumer consumer;
    private final ReentrantLock drainLock = new ReentrantLock();
    private long drained;
    /** Messages of this publish in total once it ended, else -1. */
    private volatile long end = -1;
    public volatile boolean cancelled;

    public PublishFeed(Consumer consumer) {
        this.consumer = consumer;
    }

    /** The publish ended: what is queued now is the last of it. Never blocks on IO. */
    public void markEnd() {
        drainLock.lock();
        try {
            if (end < 0) {
                end = drained + consumer.size();
            }
        } finally {
            drainLock.unlock();
        }
    }

    public boolean ended() {
        return end >= 0;
    }

    /** Drains at most up to the end of the publish. */
    public int drain(List<MediaMessage> out, int max, long processed) {
        drainLock.lock();
        try {
            long e = end;
            int limit = e < 0 ? max : (int) Math.min(max, Math.max(0, e - processed));
            if (limit == 0) {
                return 0;
            }
            int n = consumer.drain(out, limit);
            drained += n;
            return n;
        } finally {
            drainLock.unlock();
        }
    }

    /** All messages of the ended publish were handed out. */
    public boolean complete(long processed) {
        long e = end;
        return e >= 0 && processed >= e;
    }
}
