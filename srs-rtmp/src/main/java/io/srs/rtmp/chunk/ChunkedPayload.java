package io.srs.rtmp.chunk;

import io.srs.core.bytes.Bytes;

import java.nio.ByteBuffer;

/**
 * A shared message payload as it goes on the wire after its type-0 header: the payload cut at
 * the chunk size with the type-3 basic header of chunk stream {@code csid} between the pieces,
 * in one read-only direct buffer. Built once per payload (and chunk size and chunk stream) and
 * written by every player with a gathering write, so no player copies the payload and the
 * kernel reads it straight from this memory.
 *
 * <p>What a player adds of its own is only the type-0 header (its timestamp) and, for
 * timestamps of 0xFFFFFF and more, the 4-byte extended timestamp after each type-3 basic
 * header; the body is cut after each basic header so those 4 bytes can go between the slices.
 *
 * <p>Ownership: the payload's {@link Bytes} holds the one current form ({@link Bytes#derive}),
 * so the direct memory lives exactly as long as the payload does (the GOP cache, player queues
 * and batches in flight) and the garbage collector frees it with the payload. Nobody frees it
 * by hand, so no writer can ever see freed memory.
 *
 * <p>Thread-safe: immutable; every writer takes its own view ({@link #whole}, {@link #slice}).
 */
public final class ChunkedPayload {
    private final int chunkSize;
    private final int csid;
    private final int payloadLength;
    private final int basicHeaderSize;
    private final ByteBuffer body;

    private ChunkedPayload(int chunkSize, int csid, int payloadLength, ByteBuffer body) {
        this.chunkSize = chunkSize;
        this.csid = csid;
        this.payloadLength = payloadLength;
        this.basicHeaderSize = ChunkHeaders.basicHeaderSize(csid);
        this.body = body;
    }

    /**
     * The chunked form of {@code payload} for this chunk size and chunk stream: the one already
     * derived when it matches, else a new one that replaces it. {@code payload} must not be empty.
     */
    public static ChunkedPayload of(Bytes payload, int chunkSize, int csid) {
        return of(payload, chunkSize, csid, null);
    }

    /** Like {@link #of(Bytes, int, int)}; a new form's memory comes from {@code memory} when given. */
    public static ChunkedPayload of(Bytes payload, int chunkSize, int csid, DirectSlabs memory) {
        if (payload.derived() instanceof ChunkedPayload c && c.chunkSize == chunkSize && c.csid == csid
                && c.payloadLength == payload.length()) {
            return c;
        }
        ChunkedPayload c = build(payload, chunkSize, csid, memory);
        payload.derive(c);
        return c;
    }

    static ChunkedPayload build(Bytes payload, int chunkSize, int csid) {
        return build(payload, chunkSize, csid, null);
    }

    static ChunkedPayload build(Bytes payload, int chunkSize, int csid, DirectSlabs memory) {
        int size = payload.length();
        int bh = ChunkHeaders.basicHeaderSize(csid);
        int chunks = chunkCount(size, chunkSize);
        int length = size + (chunks - 1) * bh;
        ByteBuffer b = memory != null ? memory.allocate(length) : ByteBuffer.allocateDirect(length);
        byte[] basic = new byte[bh];
        ChunkHeaders.putBasicHeader(basic, 0, 3, csid);
        byte[] src = payload.array();
        int off = payload.offset();
        for (int k = 0; k < chunks; k++) {
            if (k > 0) {
                b.put(basic);
            }
            int n = Math.min(chunkSize, size - k * chunkSize);
            b.put(src, off + k * chunkSize, n);
        }
        return new ChunkedPayload(chunkSize, csid, size, b.flip().asReadOnlyBuffer());
    }

    static int chunkCount(int size, int chunkSize) {
        return (size + chunkSize - 1) / chunkSize;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public int csid() {
        return csid;
    }

    /** Bytes of the whole body: the payload plus the continuation chunks' basic headers. */
    public int length() {
        return body.limit();
    }

    public int chunks() {
        return chunkCount(payloadLength, chunkSize);
    }

    /** A fresh view of the whole body, for one writer. */
    public ByteBuffer whole() {
        return body.duplicate();
    }

    /**
     * A fresh view of chunk {@code k}'s payload followed by the next chunk's basic header (none
     * after the last chunk): what goes between two extended timestamps.
     */
    public ByteBuffer chunkThroughNextBasicHeader(int k) {
        int start = k * (chunkSize + basicHeaderSize);
        int end = k == chunks() - 1 ? body.limit() : start + chunkSize + basicHeaderSize;
        return body.slice(start, end - start);
    }

    /**
     * Whether this is the chunked form of exactly {@code payload}'s bytes (the form a payload
     * holds may be another encoder's, or stale after a chunk-size change).
     */
    public boolean isFormOf(Bytes payload) {
        return payload.derived() == this && payloadLength == payload.length();
    }

    /**
     * A fresh view of chunk {@code k}'s payload bytes alone (payload bytes {@code k * chunkSize}
     * on): lets a writer that needs the plain payload (HTTP-FLV) share this direct memory too.
     */
    public ByteBuffer piece(int k) {
        int start = k * (chunkSize + basicHeaderSize);
        int n = Math.min(chunkSize, payloadLength - k * chunkSize);
        return body.slice(start, n);
    }

    /** A fresh view of {@code length} body bytes from {@code from} (tests, benchmarks). */
    public ByteBuffer slice(int from, int length) {
        return body.slice(from, length);
    }
}
