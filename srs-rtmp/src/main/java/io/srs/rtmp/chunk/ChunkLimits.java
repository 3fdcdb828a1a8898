package io.srs.rtmp.chunk;

/**
 * Per-connection bounds for {@link ChunkReader}, so that lying length fields and floods of chunk
 * stream ids end the connection with an {@link io.srs.core.SrsException} before any large
 * allocation. SRS has no such caps (it trusts the 24-bit length); these are ours.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxMessageLength  largest message payload accepted, in bytes; at most the protocol's
 *                          24-bit maximum {@value #PROTOCOL_MAX_MESSAGE_LENGTH}. The default,
 *                          8 MiB, is about three times the largest keyframe of a 50 Mbit/s 4K
 *                          stream with a 2 s GOP, and half the protocol maximum.
 * @param maxChunkStreams   how many distinct chunk stream ids one connection may use. Real
 *                          clients use fewer than ten (2 control, 3 commands, 4-8 media); the
 *                          default 256 leaves ample room while keeping per-connection state small.
 * @param maxPendingBytes   bytes held at once by all partially received messages (the arrays
 *                          as they grow with the bytes that arrived, not the announced lengths),
 *                          directive {@code rtmp_partial_bytes}. Must be at least
 *                          {@code maxMessageLength}; default 16 MiB, room for a keyframe of the
 *                          largest size interleaved with another message of that size.
 */
public record ChunkLimits(int maxMessageLength, int maxChunkStreams, long maxPendingBytes) {
    /** The largest length a 24-bit message length field can carry. */
    public static final int PROTOCOL_MAX_MESSAGE_LENGTH = 0xFFFFFF;

    public static final ChunkLimits DEFAULT = new ChunkLimits(8 * 1024 * 1024, 256, 16L * 1024 * 1024);

    public ChunkLimits {
        if (maxMessageLength < 0 || maxMessageLength > PROTOCOL_MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("maxMessageLength out of [0, 0xFFFFFF]: " + maxMessageLength);
        }
        if (maxChunkStreams < 1 || maxChunkStreams > ChunkHeaders.MAX_CSID - ChunkHeaders.MIN_CSID + 1) {
            throw new IllegalArgumentException("maxChunkStreams out of range: " + maxChunkStreams);
        }
        if (maxPendingBytes < maxMessageLength) {
            throw new IllegalArgumentException("maxPendingBytes " + maxPendingBytes
                    + " below maxMessageLength " + maxMessageLength);
        }
    }
}
