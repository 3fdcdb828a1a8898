package io.srs.app.httpstream;

import io.srs.kernel.codec.AudioTag;
import io.srs.kernel.media.MediaBatch;
import io.srs.kernel.media.MediaMessage;

import java.io.IOException;

/**
 * HTTP-MP3: the stream's MP3 frames as they are, without the FLV audio tag byte; video and
 * other audio formats are skipped. Port of {@code SrsMp3StreamEncoder}.
 *
 * <p>Not thread-safe: the viewer's thread.
 */
final class Mp3StreamEncoder implements StreamEncoder {
    @Override
    public void write(MediaBatch batch, BodyOutput out) throws IOException {
        for (int i = 0; i < batch.size(); i++) {
            MediaMessage m = batch.message(i);
            if (m.isAudio() && m.size() > 1 && AudioTag.soundFormatOf(m.payload()) == AudioTag.FORMAT_MP3) {
                out.putShared(m.payload(), 1, m.size() - 1);
            }
        }
    }
}
