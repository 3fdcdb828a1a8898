package io.srs.app.source;

import io.srs.kernel.media.MediaMessage;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last seconds of a stream's audio frames, for {@code http_remux.fast_cache}: a new .aac or
 * .mp3 listener gets them at once instead of the GOP, so its player has enough buffered to
 * start (SRS's {@code SrsBufferCache}). The messages are the source's own, shared with every
 * consumer; nothing is copied.
 *
 * <p>A sliding window by the frames' timestamps, at most {@code fast_cache} long and
 * {@link #MAX_BYTES} of payload, oldest out first (SRS's queue empties itself whole when it
 * grows past its duration, so its new listeners sometimes get almost nothing). A timestamp that
 * goes backwards starts the window again: the duration would mean nothing across it.
 *
 * <p>Not thread-safe: used under the source's lock.
 */
final class AudioCache {
    /** The payload bytes held at most, whatever fast_cache says: ~100 s of 320 kbps MP3. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private final ArrayDeque<MediaMessage> messages = new ArrayDeque<>();
    private long windowMillis;
    private long bytes;

    /** {@code millis} 0 turns the cache off and empties it. */
    void configure(long millis) {
        windowMillis = Math.max(0, millis);
        if (windowMillis == 0) {
            clear();
        }
    }

    boolean enabled() {
        return windowMillis > 0;
    }

    /** An audio frame the consumers get (not a sequence header). */
    void cache(MediaMessage msg) {
        if (windowMillis == 0) {
            return;
        }
        if (!messages.isEmpty() && msg.timestamp() < messages.getLast().timestamp()) {
            clear();
        }
        messages.addLast(msg);
        bytes += msg.payload().length();
        while (messages.size() > 1 && (bytes > MAX_BYTES
                || msg.timestamp() - messages.getFirst().timestamp() > windowMillis)) {
            bytes -= messages.removeFirst().payload().length();
        }
    }

    void clear() {
        messages.clear();
        bytes = 0;
    }

    /** A copy of the window, oldest first. */
    List<MediaMessage> messages() {
        return List.copyOf(messages);
    }

    /** Payload bytes held. */
    long bytes() {
        return bytes;
    }

    /** Media milliseconds from the first to the last frame held. */
    long durationMillis() {
        return messages.isEmpty() ? 0 : messages.getLast().timestamp() - messages.getFirst().timestamp();
    }
}
