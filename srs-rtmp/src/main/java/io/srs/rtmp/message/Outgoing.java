package io.srs.rtmp.message;

import io.srs.kernel.media.MediaMessage;

import java.util.Objects;

/**
 * An encoded message and the chunk stream id to send it on. Thread-safe (immutable).
 *
 * @param message       type, timestamp, message stream id and payload
 * @param chunkStreamId see {@link ChunkStreamIds}
 */
public record Outgoing(MediaMessage message, int chunkStreamId) {
    public Outgoing {
        Objects.requireNonNull(message, "message");
        if (chunkStreamId < 2 || chunkStreamId > 65599) {
            throw new IllegalArgumentException("chunk stream id " + chunkStreamId + " out of 2..65599");
        }
    }
}
