package io.srs.app.httpstream;

import io.srs.app.config.HttpRemuxConfig;
import io.srs.app.source.LiveSource;
import io.srs.kernel.codec.AudioTag;
import io.srs.kernel.codec.VideoTag;
import io.srs.kernel.flv.FlvWriter;
import io.srs.kernel.media.MediaBatch;
import io.srs.kernel.media.MediaMessage;

import java.io.IOException;

/**
 * HTTP-FLV: the FLV header once, then one tag per message. Port of {@code SrsFlvStreamEncoder}:
 * with {@code guess_has_av} the header's audio/video flags follow what the first batch holds
 * (the cached GOP), else {@code has_audio}/{@code has_video}; with {@code drop_if_not_match}
 * tags of a kind the header denies are dropped. Nothing is written until a batch has audio or
 * video (SRS issue 939). Unlike SRS, a kind is denied for lacking frames in the first batch only
 * when the source has not carried such frames either: a viewer that arrives just after a
 * keyframe gets a cached GOP of that one video frame, and SRS then drops its audio for good.
 *
 * <p>Only the 15 bytes around each payload (PreviousTagSize of the tag before and the tag
 * header) are this viewer's own; the payload goes out as a shared slice, which a
 * {@link GatherBody} sends without copying it.
 *
 * <p>Not thread-safe: the viewer's thread.
 */
final class FlvStreamEncoder implements StreamEncoder {
    private static final int GAP = 4 + FlvWriter.TAG_HEADER_SIZE;

    private final HttpRemuxConfig config;
    private final LiveSource source;
    private final byte[] scratch = new byte[GAP];
    private boolean headerWritten;
    private boolean hasAudio;
    private boolean hasVideo;
    /** Size of the last tag written, for the PreviousTagSize that precedes the next one. */
    private int previousTagSize;

    /** Without a source: SRS's rule, the first batch alone decides. */
    FlvStreamEncoder(HttpRemuxConfig config) {
        this(config, null);
    }

    /** @param source the viewer's source, asked what it has carried; null for none */
    FlvStreamEncoder(HttpRemuxConfig config, LiveSource source) {
        this.config = config;
        this.source = source;
    }

    @Override
    public void write(MediaBatch batch, BodyOutput out) throws IOException {
        if (!headerWritten && !writeHeader(batch, out)) {
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            MediaMessage m = batch.message(i);
            if (config.dropIfNotMatch() && (m.isAudio() && !hasAudio || m.isVideo() && !hasVideo)) {
                continue;
            }
            int size = m.size();
            FlvWriter.writeU32(scratch, 0, previousTagSize);
            FlvWriter.writeTagHeader(scratch, 4, m.type(), size, batch.timestamp(i));
            out.put(scratch, 0, GAP);
            out.putShared(m.payload(), 0, size);
            previousTagSize = FlvWriter.TAG_HEADER_SIZE + size;
        }
    }

    /** Decides the flags and writes the 9-byte header; false when the batch has no audio or video yet. */
    private boolean writeHeader(MediaBatch batch, BodyOutput out) throws IOException {
        boolean audio = config.hasAudio();
        boolean video = config.hasVideo();
        if (config.guessHasAv()) {
            int audioFrames = 0;
            int videoFrames = 0;
            audio = false;
            video = false;
            for (int i = 0; i < batch.size(); i++) {
                MediaMessage m = batch.message(i);
                if (m.isVideo()) {
                    video = true;
                    videoFrames += VideoTag.isSequenceHeader(m.payload()) ? 0 : 1;
                } else if (m.isAudio()) {
                    audio = true;
                    audioFrames += AudioTag.isSequenceHeader(m.payload()) ? 0 : 1;
                }
            }
            if (videoFrames > 0 && audioFrames == 0 && (source == null || !source.hasAudioFrames())) {
                audio = false;
            }
            if (audioFrames > 0 && videoFrames == 0 && (source == null || !source.hasVideoFrames())) {
                video = false;
            }
        }
        if (!audio && !video) {
            return false;
        }
        hasAudio = audio;
        hasVideo = video;
        headerWritten = true;
        // PreviousTagSize0 is written before the first tag, as the gap of every tag.
        byte[] h = {'F', 'L', 'V', 1, (byte) ((audio ? 0x04 : 0) | (video ? 0x01 : 0)), 0, 0, 0, 9};
        out.put(h);
        return true;
    }
}
