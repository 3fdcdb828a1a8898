package io.srs.rtmp.chunk;

/**
 * Told of every read a {@link ChunkReader} makes from its stream, on the reading thread, right
 * after the read returned. SRS's {@code IMergeReadHandler}: a publisher's merged read waits here
 * after a small read so that the next read takes many messages at once.
 */
@FunctionalInterface
public interface ReadListener {
    /** @param bytes how many bytes the read returned (at least 1) */
    void onRead(int bytes);
}
