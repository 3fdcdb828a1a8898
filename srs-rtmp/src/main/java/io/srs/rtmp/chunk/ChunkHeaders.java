package io.srs.rtmp.chunk;

/**
 * Wire constants and header encoders of the RTMP chunk stream (spec 5.3.1). The encoders are
 * pure functions over a caller's array, so a writer can build headers straight into its socket
 * buffer.
 *
 * <p>Stateless and thread-safe.
 */
public final class ChunkHeaders {
    /** Chunk stream ids 0 and 1 only mark the 2- and 3-byte basic header forms. */
    public static final int MIN_CSID = 2;
    /** 64 + 0xFFFF, the largest id the 3-byte basic header carries. */
    public static final int MAX_CSID = 65599;
    /** Chunk size of both directions until a Set Chunk Size message says otherwise. */
    public static final int DEFAULT_CHUNK_SIZE = 128;
    /** SRS rejects a peer's Set Chunk Size below this (srs issue 541). */
    public static final int MIN_CHUNK_SIZE = 128;
    /**
     * The largest chunk size SRS configures; a peer may announce more (SRS only warns, issue
     * 160), which we accept as well.
     */
    public static final int MAX_CHUNK_SIZE = 65536;
    /** The 24-bit timestamp value that announces a 4-byte extended timestamp field. */
    public static final int EXTENDED_TIMESTAMP = 0xFFFFFF;
    /** 3-byte basic header + 11-byte type-0 message header + 4-byte extended timestamp. */
    public static final int MAX_HEADER_SIZE = 18;
    /** 3-byte basic header + 4-byte extended timestamp. */
    public static final int MAX_FMT3_HEADER_SIZE = 7;

    /** Chunk stream id of protocol control messages (spec 5.4). */
    public static final int CONTROL_CSID = 2;

    private ChunkHeaders() {
    }

    /** 1, 2 or 3: the shortest basic header that carries {@code csid}. */
    public static int basicHeaderSize(int csid) {
        return csid < 64 ? 1 : csid < 320 ? 2 : 3;
    }

    /** Rejects ids no basic header can carry. */
    public static void checkCsid(int csid) {
        if (csid < MIN_CSID || csid > MAX_CSID) {
            throw new IllegalArgumentException("chunk stream id out of [2, 65599]: " + csid);
        }
    }

    /** Writes the basic header of {@code fmt}/{@code csid} at {@code pos}; returns the new position. */
    public static int putBasicHeader(byte[] dst, int pos, int fmt, int csid) {
        int f = fmt << 6;
        if (csid < 64) {
            dst[pos++] = (byte) (f | csid);
        } else if (csid < 320) {
            dst[pos++] = (byte) f;
            dst[pos++] = (byte) (csid - 64);
        } else {
            int v = csid - 64;
            dst[pos++] = (byte) (f | 1);
            dst[pos++] = (byte) v;
            dst[pos++] = (byte) (v >>> 8);
        }
        return pos;
    }

    /**
     * Writes the header of a message's first chunk: type 0, absolute timestamp, and the extended
     * field when the timestamp does not fit 24 bits. Needs {@link #MAX_HEADER_SIZE} bytes of room.
     *
     * @param timestamp unsigned 32-bit; higher bits are dropped as the wire format requires
     * @return the position after the header
     */
    public static int putFmt0(byte[] dst, int pos, int csid, long timestamp, int length, int type, int streamId) {
        int ts = (int) timestamp;
        boolean extended = Integer.compareUnsigned(ts, EXTENDED_TIMESTAMP) >= 0;
        int ts24 = extended ? EXTENDED_TIMESTAMP : ts;
        pos = putBasicHeader(dst, pos, 0, csid);
        dst[pos] = (byte) (ts24 >>> 16);
        dst[pos + 1] = (byte) (ts24 >>> 8);
        dst[pos + 2] = (byte) ts24;
        dst[pos + 3] = (byte) (length >>> 16);
        dst[pos + 4] = (byte) (length >>> 8);
        dst[pos + 5] = (byte) length;
        dst[pos + 6] = (byte) type;
        // The message stream id is the one little-endian field of RTMP.
        dst[pos + 7] = (byte) streamId;
        dst[pos + 8] = (byte) (streamId >>> 8);
        dst[pos + 9] = (byte) (streamId >>> 16);
        dst[pos + 10] = (byte) (streamId >>> 24);
        pos += 11;
        return extended ? putU32(dst, pos, ts) : pos;
    }

    /**
     * Writes the header of a continuation chunk: type 3, repeating the 4-byte extended timestamp
     * when the message has one. The spec's 2009 text forbids the repeat, but Flash, FMS, FMLE and
     * SRS send it and current FFmpeg expects it; a reader that follows the old text can still
     * detect it (see {@link ChunkReader}). Needs {@link #MAX_FMT3_HEADER_SIZE} bytes of room.
     */
    public static int putFmt3(byte[] dst, int pos, int csid, long timestamp) {
        int ts = (int) timestamp;
        pos = putBasicHeader(dst, pos, 3, csid);
        return Integer.compareUnsigned(ts, EXTENDED_TIMESTAMP) >= 0 ? putU32(dst, pos, ts) : pos;
    }

    /** Whether a message with this timestamp carries the 4-byte extended timestamp field. */
    public static boolean isExtended(long timestamp) {
        return Integer.compareUnsigned((int) timestamp, EXTENDED_TIMESTAMP) >= 0;
    }

    static int putU32(byte[] dst, int pos, int v) {
        dst[pos] = (byte) (v >>> 24);
        dst[pos + 1] = (byte) (v >>> 16);
        dst[pos + 2] = (byte) (v >>> 8);
        dst[pos + 3] = (byte) v;
        return pos + 4;
    }
}
