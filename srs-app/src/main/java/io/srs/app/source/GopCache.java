package io.srs.app.source;

import io.srs.kernel.codec.VideoCodec;
import io.srs.kernel.codec.VideoTag;
import io.srs.kernel.media.MediaMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages since the last keyframe, so a new player starts decoding at once. Port of
 * {@code SrsGopCache}: video other than H.264/H.265/AV1 is not cached, a stream that turns out
 * to be pure audio disables it, and it is cleared past {@code gop_cache_max_frames} or (ours)
 * {@code gop_cache_max_bytes} of payload, so timestamps that do not advance cannot grow it.
 *
 * <p>Not thread-safe: used under the source's lock.
 */
final class GopCache {
    private static final System.Logger LOG = System.getLogger(GopCache.class.getName());
    /** After this many audio messages without video, the stream is treated as pure audio. */
    static final int PURE_AUDIO_GUESS_COUNT = 115;

    private final ArrayList<MediaMessage> messages = new ArrayList<>();
    private boolean enabled = true;
    private int maxFrames;
    private long maxBytes;
    private long bytes;
    private int cachedVideoCount;
    private int audioAfterLastVideo;
    private long overflows;

    void configure(boolean enabled, int maxFrames, long maxBytes) {
        this.enabled = enabled;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        if (!enabled) {
            clear();
        }
    }

    void cache(MediaMessage msg) {
        if (!enabled) {
            return;
        }
        if (msg.isVideo()) {
            VideoCodec codec = VideoTag.codecOf(msg.payload());
            if (codec != VideoCodec.AVC && codec != VideoCodec.HEVC && codec != VideoCodec.AV1) {
                return;
            }
            cachedVideoCount++;
            audioAfterLastVideo = 0;
        }
        if (cachedVideoCount == 0) {
            return;
        }
        if (msg.isAudio()) {
            audioAfterLastVideo++;
        }
        if (audioAfterLastVideo > PURE_AUDIO_GUESS_COUNT) {
            clear();
            return;
        }
        if (msg.isVideo() && VideoTag.isKeyframe(msg.payload())) {
            clear();
            cachedVideoCount = 1;
        }
        messages.add(msg);
        bytes += msg.payload().length();
        if ((maxFrames > 0 && messages.size() > maxFrames) || (maxBytes > 0 && bytes > maxBytes)) {
            // Players joining now start at the next keyframe, as after any clear; counted so a
            // GOP too long for the caps shows up.
            overflows++;
            if (overflows == 1 || Long.bitCount(overflows) == 1) {
                LOG.log(System.Logger.Level.WARNING, "gop cache over its cap ({0} frames, {1} bytes), cleared, overflows={2}",
                        messages.size(), bytes, overflows);
            }
            clear();
        }
    }

    void clear() {
        messages.clear();
        bytes = 0;
        cachedVideoCount = 0;
        audioAfterLastVideo = 0;
    }

    List<MediaMessage> messages() {
        return messages;
    }

    /** Clears for going over a cap so far. */
    long overflows() {
        return overflows;
    }

    /** Payload bytes held. */
    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    long startTime() {
        return messages.isEmpty() ? 0 : messages.getFirst().timestamp();
    }
}
