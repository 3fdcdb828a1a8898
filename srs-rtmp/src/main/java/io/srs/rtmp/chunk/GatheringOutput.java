package io.srs.rtmp.chunk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.Arrays;

/**
 * One connection's pending output, written with one gathering write ({@code writev}): its own
 * bytes (chunk headers, control and command messages) in a small direct buffer, interleaved
 * with read-only views of shared payloads ({@link ChunkedPayload}). Both kinds are direct
 * memory, so the JDK hands them to the kernel without copying; a batch of shared media costs a
 * player no user-space copy at all.
 *
 * <p>The own-bytes buffer starts at {@link #INITIAL_SIZE} and doubles, up to the configured
 * maximum, each time a batch overflows it (then the pending output is written first). Views of
 * it are kept in a small pool and re-aimed with position/limit, so a batch allocates one view
 * per shared payload and nothing per header.
 *
 * <p>An optional {@link Framing} wraps each write's bytes on the wire (HTTP/1.1 chunked encoding
 * for HTTP-FLV viewers, which share this path); RTMP has none.
 *
 * <p>Threading: not thread-safe; used by one thread at a time (RTMP: under {@link RtmpProtocol}'s
 * write lock; HTTP live viewers: the viewer's thread).
 */
public final class GatheringOutput {
    static final int INITIAL_SIZE = 1024;
    /**
     * Views of the own buffer kept between batches (a view is ~64 bytes of heap per player): a
     * steady 350 ms batch needs ~24, the rest are made per batch and die young.
     */
    private static final int POOLED_VIEWS = 8;
    private static final int POOLED_IOV = 64;

    private final GatheringByteChannel channel;
    private final int maxSize;
    private final Framing framing;
    /** 1 with a framing: the first entry of {@link #iov} is kept for its head. */
    private final int firstEntry;
    private ByteBuffer own;
    private ByteBuffer[] views = new ByteBuffer[8];
    private int viewsUsed;
    private ByteBuffer[] iov = new ByteBuffer[16];
    private int iovCount;
    /** Start of the own bytes not yet covered by an entry of {@link #iov}. */
    private int segmentStart;
    private long pending;
    /** Written by the owning thread only; volatile so statistics can read it from any thread. */
    private volatile long written;
    /** Bytes of the writes completed so far, without their framing. */
    private volatile long drained;

    GatheringOutput(GatheringByteChannel channel, int maxSize) {
        this(channel, maxSize, null);
    }

    /**
     * @param channel in blocking mode (or one that blocks like it)
     * @param maxSize the largest the own-bytes buffer grows to
     * @param framing what wraps each write's bytes, or null
     */
    public GatheringOutput(GatheringByteChannel channel, int maxSize, Framing framing) {
        this.channel = channel;
        this.maxSize = maxSize;
        this.framing = framing;
        this.firstEntry = framing == null ? 0 : 1;
        this.iovCount = firstEntry;
        this.own = ByteBuffer.allocateDirect(Math.min(INITIAL_SIZE, maxSize));
    }

    /**
     * Bytes on the wire around each write's bytes; each write (a batch, or the part of a batch
     * before a spill) is framed on its own, so a spill keeps the framing valid.
     *
     * <p>Not thread-safe: called by the output's thread.
     */
    public interface Framing {
        /** What goes before {@code length} (> 0) bytes: a buffer the framing owns, ready to read. */
        ByteBuffer head(long length);

        /** What goes after them: a buffer the framing owns, ready to read. */
        ByteBuffer tail();
    }

    /** Bytes the channel took so far, framing included. Any thread. */
    public long written() {
        return written;
    }

    /**
     * Bytes of the writes completed so far (spills included), without the framing: what the
     * caller put. Any thread.
     */
    public long drained() {
        return drained;
    }

    /** Bytes queued and not yet written. */
    long pending() {
        return pending;
    }

    int capacity() {
        return own.capacity();
    }

    /**
     * Makes room for {@code n} own bytes in a row ({@code n} at most the initial size), writing
     * out what is pending if needed.
     */
    void reserve(int n) throws IOException {
        if (own.remaining() < n) {
            spill();
        }
    }

    /** Appends own bytes (copied: they belong to this connection alone). */
    public void put(byte[] src, int off, int n) throws IOException {
        while (n > 0) {
            if (!own.hasRemaining()) {
                spill();
            }
            int k = Math.min(n, own.remaining());
            own.put(src, off, k);
            pending += k;
            off += k;
            n -= k;
        }
    }

    /** Appends a view of shared bytes; the caller made {@code view} for this write only. */
    public void putShared(ByteBuffer view) {
        closeSegment();
        add(view);
        pending += view.remaining();
    }

    /**
     * Writes everything pending, blocking until the channel took it all (the channel is in
     * blocking mode); returns the bytes.
     */
    public long drain() throws IOException {
        closeSegment();
        long total = pending;
        try {
            int first = 0;
            if (framing != null) {
                if (total > 0) {
                    iov[0] = framing.head(total);
                    add(framing.tail());
                } else {
                    first = iovCount;
                }
            }
            while (first < iovCount) {
                written += channel.write(iov, first, iovCount - first);
                while (first < iovCount && !iov[first].hasRemaining()) {
                    first++;
                }
            }
            drained += total;
        } finally {
            // Drop the references to shared payloads whatever happened, so they can be freed.
            Arrays.fill(iov, 0, iovCount, null);
            iovCount = firstEntry;
            own.clear();
            segmentStart = 0;
            viewsUsed = 0;
            pending = 0;
            if (views.length > POOLED_VIEWS) {
                views = Arrays.copyOf(views, POOLED_VIEWS);
            }
            if (iov.length > POOLED_IOV) {
                // A GOP-sized first batch needed hundreds; steady batches need about 50.
                iov = new ByteBuffer[POOLED_IOV];
            }
        }
        return total;
    }

    /** The own buffer is full mid-batch: write out, and let it grow for the next batches. */
    private void spill() throws IOException {
        drain();
        if (own.capacity() < maxSize) {
            own = ByteBuffer.allocateDirect(Math.min(maxSize, own.capacity() * 2));
            Arrays.fill(views, null);
        }
    }

    private void closeSegment() {
        int end = own.position();
        if (end == segmentStart) {
            return;
        }
        if (viewsUsed == views.length) {
            views = Arrays.copyOf(views, views.length * 2);
        }
        ByteBuffer v = views[viewsUsed];
        if (v == null) {
            v = own.duplicate();
            views[viewsUsed] = v;
        }
        viewsUsed++;
        v.limit(end).position(segmentStart);
        add(v);
        segmentStart = end;
    }

    private void add(ByteBuffer b) {
        if (iovCount == iov.length) {
            iov = Arrays.copyOf(iov, iovCount * 2);
        }
        iov[iovCount++] = b;
    }
}
