package io.srs.rtmp.chunk;

import java.nio.ByteBuffer;

/**
 * Direct memory for the chunked forms of small payloads ({@link ChunkedPayload}), cut from
 * shared 64 KiB slabs instead of one {@link ByteBuffer#allocateDirect} per message: each of
 * those reserves native memory, zeroes it and registers a cleaner that the garbage collector
 * must process later, which a publisher's ~70 messages a second made a visible cost.
 *
 * <p>Lifetime: a piece is a slice of its slab, and the slab's memory is freed by the garbage
 * collector once no piece of it is reachable, exactly as for a buffer of its own; nothing is
 * freed by hand. A long-lived piece (a sequence header in a cache) keeps its whole slab: at
 * most one slab per such piece, and pieces cut at the same time share one. Bodies over
 * {@link #MAX_PIECE} get a buffer of their own.
 *
 * <p>Thread-safe: writers of all connections cut pieces; the current slab is guarded by this.
 */
public final class DirectSlabs {
    static final int SLAB_SIZE = 64 * 1024;
    static final int MAX_PIECE = 8 * 1024;

    private ByteBuffer slab;

    /** {@code n} bytes of direct memory, position 0, limit {@code n}, for one chunked body. */
    public ByteBuffer allocate(int n) {
        if (n > MAX_PIECE) {
            return ByteBuffer.allocateDirect(n);
        }
        synchronized (this) {
            if (slab == null || slab.remaining() < n) {
                slab = ByteBuffer.allocateDirect(SLAB_SIZE);
            }
            int at = slab.position();
            slab.position(at + n);
            return slab.slice(at, n);
        }
    }
}
