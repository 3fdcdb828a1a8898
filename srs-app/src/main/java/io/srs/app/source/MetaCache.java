package io.srs.app.source;

import io.srs.kernel.media.MediaMessage;

import java.util.Arrays;

/**
 * The latest metadata and audio/video sequence headers of a stream, replayed to every new
 * player before the GOP. Port of {@code SrsMetaCache}. The previous headers survive an
 * unpublish so {@code reduce_sequence_header} can drop a republished identical one.
 *
 * <p>Not thread-safe: used under the source's lock.
 */
final class MetaCache {
    private MediaMessage metadata;
    private MediaMessage videoHeader;
    private MediaMessage audioHeader;
    private MediaMessage previousVideoHeader;
    private MediaMessage previousAudioHeader;

    MediaMessage metadata() {
        return metadata;
    }

    MediaMessage videoHeader() {
        return videoHeader;
    }

    MediaMessage audioHeader() {
        return audioHeader;
    }

    void metadata(MediaMessage m) {
        metadata = m;
    }

    void videoHeader(MediaMessage m) {
        videoHeader = m;
        previousVideoHeader = m;
    }

    void audioHeader(MediaMessage m) {
        audioHeader = m;
        previousAudioHeader = m;
    }

    /** True when {@code m} repeats the header sent before (reduce_sequence_header). */
    boolean repeatsVideoHeader(MediaMessage m) {
        return same(previousVideoHeader, m);
    }

    boolean repeatsAudioHeader(MediaMessage m) {
        return same(previousAudioHeader, m);
    }

    private static boolean same(MediaMessage a, MediaMessage b) {
        return a != null && a.size() == b.size()
                && Arrays.equals(a.payload().array(), a.payload().offset(), a.payload().offset() + a.size(),
                b.payload().array(), b.payload().offset(), b.payload().offset() + b.size());
    }

    /** On publish: a new encoder may send different headers (SRS #1630, VLC). */
    void clear() {
        metadata = null;
        videoHeader = null;
        audioHeader = null;
    }

    /** ATC: stamp the cached headers with absolute time so players can sync. */
    void stamp(long ts, boolean video) {
        if (video && videoHeader != null) {
            videoHeader = videoHeader.withTimestamp(ts);
        }
        if (!video && audioHeader != null) {
            audioHeader = audioHeader.withTimestamp(ts);
        }
        if (metadata != null) {
            metadata = metadata.withTimestamp(ts);
        }
    }
}
