package io.srs.kernel.media;

import java.util.Arrays;

/**
 * A reusable batch of messages to send, each with the timestamp this receiver should see.
 * The messages are the shared ones (same payload and header for every player); the timestamps
 * are the player's own (after jitter correction). Keeping them side by side means fanning a
 * message out allocates nothing per player.
 *
 * <p>Not thread-safe: owned by one sender, filled and drained on its thread.
 */
public final class MediaBatch {
    private MediaMessage[] messages;
    private long[] timestamps;
    private int size;

    public MediaBatch(int capacity) {
        messages = new MediaMessage[Math.max(1, capacity)];
        timestamps = new long[messages.length];
    }

    public void add(MediaMessage message, long timestamp) {
        if (size == messages.length) {
            messages = Arrays.copyOf(messages, size * 2);
            timestamps = Arrays.copyOf(timestamps, size * 2);
        }
        messages[size] = message;
        timestamps[size] = timestamp;
        size++;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public MediaMessage message(int i) {
        return messages[i];
    }

    public long timestamp(int i) {
        return timestamps[i];
    }

    /** Forgets the messages (and drops the references, so payloads can be collected). */
    public void clear() {
        Arrays.fill(messages, 0, size, null);
        size = 0;
    }
}
