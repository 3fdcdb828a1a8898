package io.srs.app.rtmp;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.ByteReader;
import io.srs.kernel.media.MediaMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an RTMP aggregate message (type 22: a run of FLV tags) into its audio and video
 * messages. Port of {@code SrsLiveSource::on_aggregate}: the sub-tags' timestamps are rebased
 * on the aggregate's own timestamp. The sub-payloads share the aggregate's array.
 */
public final class Aggregates {
    private Aggregates() {
    }

    public static List<MediaMessage> split(MediaMessage aggregate) {
        ByteReader r = aggregate.payload().reader().errorCode(ErrorCode.RTMP_AGGREGATE);
        List<MediaMessage> out = new ArrayList<>();
        long delta = Long.MIN_VALUE;
        while (r.hasRemaining()) {
            int type = r.readU8();
            int size = r.readU24();
            long ts = r.readU24() | ((long) r.readU8() << 24);
            ts &= 0x7fffffffL;
            if (delta == Long.MIN_VALUE) {
                delta = aggregate.timestamp() - ts;
            }
            ts += delta;
            int streamId = r.readU24();
            if (!r.require(size)) {
                throw new SrsException(ErrorCode.RTMP_AGGREGATE, "aggregate tag of " + size + " bytes, "
                        + r.remaining() + " left");
            }
            var payload = r.readSlice(size);
            r.readS32(); // previous tag size
            if (type == io.srs.kernel.media.MessageType.AUDIO || type == io.srs.kernel.media.MessageType.VIDEO) {
                out.add(new MediaMessage(type, ts & 0xffffffffL, streamId, payload));
            }
        }
        return out;
    }
}
