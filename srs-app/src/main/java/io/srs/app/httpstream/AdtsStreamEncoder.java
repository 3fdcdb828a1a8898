package io.srs.app.httpstream;

import io.srs.kernel.codec.AacConfig;
import io.srs.kernel.codec.AudioTag;
import io.srs.kernel.media.MediaBatch;
import io.srs.kernel.media.MediaMessage;

import java.io.IOException;

/**
 * HTTP-AAC: the stream's AAC frames, each behind an ADTS header made from the latest sequence
 * header; video and other audio formats are skipped. Port of {@code SrsAacStreamEncoder}.
 *
 * <p>Not thread-safe: the viewer's thread.
 */
final class AdtsStreamEncoder implements StreamEncoder {
    private final byte[] header = new byte[AacConfig.ADTS_HEADER_SIZE];
    private AacConfig aac;

    @Override
    public void write(MediaBatch batch, BodyOutput out) throws IOException {
        for (int i = 0; i < batch.size(); i++) {
            MediaMessage m = batch.message(i);
            if (!m.isAudio() || m.size() <= 2 || AudioTag.soundFormatOf(m.payload()) != AudioTag.FORMAT_AAC) {
                continue;
            }
            if (AudioTag.isSequenceHeader(m.payload())) {
                aac = AacConfig.parse(m.payload().slice(2));
                continue;
            }
            int raw = m.size() - 2;
            if (aac == null || raw + AacConfig.ADTS_HEADER_SIZE > AacConfig.MAX_ADTS_FRAME) {
                continue;
            }
            aac.writeAdtsHeader(header, 0, raw);
            out.put(header);
            out.putShared(m.payload(), 2, raw);
        }
    }
}
