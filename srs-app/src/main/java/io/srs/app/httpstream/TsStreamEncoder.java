package io.srs.app.httpstream;

import io.srs.kernel.media.MediaBatch;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.ts.TsMuxer;

import java.io.IOException;

/**
 * HTTP-TS: one endless MPEG-TS stream from our HLS muxer. Port of {@code SrsTsStreamEncoder}.
 * TS packets interleave the payload with headers, so unlike FLV each viewer muxes its own
 * copy (write errors arrive as SrsException from the muxer); audio-only streams are flushed per batch so a listener hears them at once.
 *
 * <p>Not thread-safe: the viewer's thread.
 */
final class TsStreamEncoder implements StreamEncoder {
    private TsMuxer muxer;

    @Override
    public void write(MediaBatch batch, BodyOutput out) throws IOException {
        if (muxer == null) {
            muxer = new TsMuxer(out.asStream());
        }
        for (int i = 0; i < batch.size(); i++) {
            MediaMessage m = batch.message(i);
            long ts = batch.timestamp(i);
            MediaMessage at = m.timestamp() == ts ? m : m.withTimestamp(ts);
            if (m.isVideo()) {
                muxer.writeVideo(at);
            } else if (m.isAudio()) {
                muxer.writeAudio(at);
            }
        }
        if (muxer.codecs().avc() == null && muxer.codecs().hevc() == null) {
            muxer.flush();
        }
    }
}
