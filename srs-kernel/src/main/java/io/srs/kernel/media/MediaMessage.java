package io.srs.kernel.media;

import io.srs.core.bytes.Bytes;

/**
 * One RTMP message (equally an FLV tag): type, timestamp, message stream id and an immutable
 * payload. Port of the idea of {@code SrsSharedPtrMessage}: the payload is shared by reference
 * between every player, the GOP cache, HLS and forwarders; a player that needs another
 * timestamp makes a new MediaMessage with {@link #withTimestamp}, which shares the payload.
 *
 * <p>Thread-safe by immutability.
 *
 * @param type           a {@link MessageType} id
 * @param timestamp      milliseconds; RTMP's 32-bit timestamp, kept as long so jitter
 *                       correction can work across the 32-bit wrap
 * @param streamId       RTMP message stream id
 * @param payload        the message body
 */
public record MediaMessage(int type, long timestamp, int streamId, Bytes payload) {

    public boolean isAudio() {
        return type == MessageType.AUDIO;
    }

    public boolean isVideo() {
        return type == MessageType.VIDEO;
    }

    public boolean isAv() {
        return type == MessageType.AUDIO || type == MessageType.VIDEO;
    }

    public int size() {
        return payload.length();
    }

    public MediaMessage withTimestamp(long ts) {
        return ts == timestamp ? this : new MediaMessage(type, ts, streamId, payload);
    }

    public MediaMessage withStreamId(int id) {
        return id == streamId ? this : new MediaMessage(type, timestamp, id, payload);
    }
}
