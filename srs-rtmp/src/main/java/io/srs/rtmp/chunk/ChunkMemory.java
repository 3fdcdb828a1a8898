package io.srs.rtmp.chunk;

/**
 * Where a {@link ChunkReader} reports the bytes it holds in unfinished messages, so that a
 * process-wide budget can cover connections that have not yet earned trust. The reader calls
 * {@link #acquire} before it grows a partial message and {@link #release} when the message
 * completes or is aborted; bytes still held when the connection ends are the owner's to forget.
 *
 * <p>Threading: called only by the connection's reading thread; implementations shared between
 * connections must be thread-safe.
 */
public interface ChunkMemory {
    /** Accounts for nothing: the per-connection cap of {@link ChunkLimits} still applies. */
    ChunkMemory NONE = new ChunkMemory() {
        @Override
        public void acquire(int bytes) {
        }

        @Override
        public void release(int bytes) {
        }
    };

    /**
     * Called before the reader holds {@code bytes} more.
     *
     * @throws io.srs.core.SrsException to refuse; the connection then ends
     */
    void acquire(int bytes);

    void release(int bytes);
}
