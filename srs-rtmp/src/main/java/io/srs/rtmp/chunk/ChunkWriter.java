package io.srs.rtmp.chunk;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.channels.GatheringByteChannel;
import java.util.List;

/**
 * Encodes messages as RTMP chunks (spec 5.3). Port of the send half of
 * {@code SrsProtocol::do_send_messages} and {@code srs_chunk_header_c0/c3}
 * (srs_kernel_utility.cpp): like SRS, a message's first chunk always has a type-0 header and
 * every other chunk a type-3 header repeating the extended timestamp when there is one.
 *
 * <p>Two outputs. On a socket channel ({@link #ChunkWriter(GatheringByteChannel, int)}, what
 * players use) a batch is one gathering write: {@link #writeShared} puts only the message's
 * type-0 header in this connection's small direct buffer and sends the payload from its shared
 * chunked form ({@link ChunkedPayload}: built once per payload, with the type-3 headers in it),
 * so fanning a message out to N players costs N 12-byte headers and no payload copy in user
 * space. On a plain stream (clients, tests) everything is copied into one reused buffer, and
 * payload slices of half the buffer or more go straight to the stream.
 *
 * <p>{@link #write} and {@link #writeShared} only append; when the buffer fills mid-batch it is
 * written out and reused. {@link #flush()} writes what is pending (and flushes the stream), so
 * a player writes a batch and flushes once (SRS's merged write).
 *
 * <p>Threading: not thread-safe; one thread at a time (see {@link RtmpProtocol} for the lock
 * that serializes a connection's writers).
 */
public final class ChunkWriter {
    /**
     * Largest the buffer grows to. Payload slices of half that or more skip the buffer (see
     * {@link #appendPayload}), so it only has to hold headers and small messages; a player's
     * first batch (the whole cached GOP) no longer inflates every connection to 64 KiB.
     */
    public static final int DEFAULT_BUFFER_SIZE = 16 * 1024;
    private static final int MIN_BUFFER_SIZE = 256;
    /**
     * The buffer starts this small and doubles (up to the configured size) each time a batch
     * overflows it: ten thousand idle or low-rate players must not hold 64 KiB each.
     */
    static final int INITIAL_BUFFER_SIZE = 4096;

    private final OutputStream out;
    /** Set when writing to a channel; then {@link #buf} only stages headers for it. */
    private final GatheringOutput gather;
    /** Where shared chunked forms get their memory (null: a direct buffer each). */
    private final DirectSlabs memory;
    private final int maxBufferSize;
    private byte[] buf;
    private int len;
    private int chunkSize = ChunkHeaders.DEFAULT_CHUNK_SIZE;
    /** Written by the writing thread only; volatile so statistics can read it from any thread. */
    private volatile long bytesWritten;

    public ChunkWriter(OutputStream out) {
        this(out, DEFAULT_BUFFER_SIZE);
    }

    public ChunkWriter(OutputStream out, int bufferSize) {
        if (bufferSize < MIN_BUFFER_SIZE) {
            throw new IllegalArgumentException("buffer size below " + MIN_BUFFER_SIZE + ": " + bufferSize);
        }
        this.out = out;
        this.memory = null;
        this.gather = null;
        this.maxBufferSize = bufferSize;
        this.buf = new byte[Math.min(INITIAL_BUFFER_SIZE, bufferSize)];
    }

    /**
     * Writes to {@code channel} (blocking mode) with gathering writes; {@code bufferSize} caps
     * the connection's own direct buffer for headers and control messages.
     */
    public ChunkWriter(GatheringByteChannel channel, int bufferSize) {
        this(channel, bufferSize, null);
    }

    /**
     * Like {@link #ChunkWriter(GatheringByteChannel, int)}; the shared chunked forms this writer
     * builds take their memory from {@code memory} (null: a direct buffer each).
     */
    public ChunkWriter(GatheringByteChannel channel, int bufferSize, DirectSlabs memory) {
        if (bufferSize < MIN_BUFFER_SIZE) {
            throw new IllegalArgumentException("buffer size below " + MIN_BUFFER_SIZE + ": " + bufferSize);
        }
        this.out = null;
        this.memory = memory;
        this.gather = new GatheringOutput(channel, bufferSize);
        this.maxBufferSize = bufferSize;
        this.buf = new byte[ChunkHeaders.MAX_HEADER_SIZE];
    }

    /** The outgoing chunk size, 128 until {@link #setChunkSize} is called. */
    public int chunkSize() {
        return chunkSize;
    }

    /**
     * Sets the outgoing chunk size; call it right after writing the Set Chunk Size message that
     * announces it, so the peer switches at the same message boundary.
     */
    public void setChunkSize(int size) {
        if (size < ChunkHeaders.MIN_CHUNK_SIZE || size > ChunkLimits.PROTOCOL_MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("chunk size out of [128, 0xFFFFFF]: " + size);
        }
        this.chunkSize = size;
    }

    /**
     * Bytes handed to the output stream so far (not counting what is still buffered). Safe to
     * call from any thread.
     */
    public long bytesWritten() {
        return gather != null ? gather.written() : bytesWritten;
    }

    /** Bytes buffered and not yet written to the stream. */
    public int buffered() {
        return gather != null ? (int) gather.pending() : len;
    }

    /**
     * Appends {@code msg} as chunks on chunk stream {@code csid}. Empty messages are skipped, as
     * SRS does. May write to the stream when the buffer fills.
     *
     * @throws IllegalArgumentException for a csid outside 2..65599
     * @throws SrsException RTMP_MESSAGE_ENCODE for a payload over 0xFFFFFF bytes, SOCKET_WRITE /
     *                      SOCKET_TIMEOUT when writing fails
     */
    public void write(MediaMessage msg, int csid) {
        write(msg, msg.timestamp(), csid);
    }

    /**
     * Like {@link #write(MediaMessage, int)} with {@code timestamp} in place of the message's
     * own: a player's corrected time for a message shared by all players.
     */
    public void write(MediaMessage msg, long timestamp, int csid) {
        Bytes payload = msg.payload();
        int size = payload.length();
        if (!checkMessage(csid, size)) {
            return;
        }
        if (gather != null) {
            copyToChannel(msg, timestamp, csid);
            return;
        }
        byte[] src = payload.array();
        int off = payload.offset();
        int end = off + size;

        reserve(ChunkHeaders.MAX_HEADER_SIZE);
        len = ChunkHeaders.putFmt0(buf, len, csid, timestamp, size, msg.type(), msg.streamId());
        int n = Math.min(chunkSize, size);
        appendPayload(src, off, n);
        off += n;
        while (off < end) {
            reserve(ChunkHeaders.MAX_FMT3_HEADER_SIZE);
            len = ChunkHeaders.putFmt3(buf, len, csid, timestamp);
            n = Math.min(chunkSize, end - off);
            appendPayload(src, off, n);
            off += n;
        }
    }

    /**
     * Like {@link #write(MediaMessage, long, int)} for a message whose payload other connections
     * send too (media from a source): on a channel the payload is not copied but sent from its
     * shared chunked form, which the first writer builds ({@link ChunkedPayload}). On a stream it
     * is the same as {@code write}.
     */
    public void writeShared(MediaMessage msg, long timestamp, int csid) {
        if (gather == null) {
            write(msg, timestamp, csid);
            return;
        }
        Bytes payload = msg.payload();
        int size = payload.length();
        if (!checkMessage(csid, size)) {
            return;
        }
        ChunkedPayload body = ChunkedPayload.of(payload, chunkSize, csid, memory);
        try {
            gather.reserve(ChunkHeaders.MAX_HEADER_SIZE);
            int n = ChunkHeaders.putFmt0(buf, 0, csid, timestamp, size, msg.type(), msg.streamId());
            gather.put(buf, 0, n);
            if (!ChunkHeaders.isExtended(timestamp)) {
                gather.putShared(body.whole());
                return;
            }
            // Each continuation chunk repeats this player's extended timestamp after the shared
            // basic header: the body goes out in pieces with those 4 bytes between them.
            ChunkHeaders.putU32(buf, 0, (int) timestamp);
            for (int k = 0, chunks = body.chunks(); k < chunks; k++) {
                gather.putShared(body.chunkThroughNextBasicHeader(k));
                if (k < chunks - 1) {
                    gather.put(buf, 0, 4);
                }
            }
        } catch (IOException e) {
            throw writeError(e);
        }
    }

    /** False for an empty message (skipped, as SRS does); throws for what no header can carry. */
    private static boolean checkMessage(int csid, int size) {
        ChunkHeaders.checkCsid(csid);
        if (size > ChunkLimits.PROTOCOL_MAX_MESSAGE_LENGTH) {
            throw new SrsException(ErrorCode.RTMP_MESSAGE_ENCODE,
                    "message of " + size + " bytes exceeds the 24-bit length field");
        }
        return size != 0;
    }

    /** A connection's own message on a channel: headers and payload copied into its buffer. */
    private void copyToChannel(MediaMessage msg, long timestamp, int csid) {
        Bytes payload = msg.payload();
        int size = payload.length();
        byte[] src = payload.array();
        int off = payload.offset();
        int end = off + size;
        try {
            int h = ChunkHeaders.putFmt0(buf, 0, csid, timestamp, size, msg.type(), msg.streamId());
            gather.reserve(h);
            gather.put(buf, 0, h);
            int n = Math.min(chunkSize, size);
            gather.put(src, off, n);
            off += n;
            while (off < end) {
                h = ChunkHeaders.putFmt3(buf, 0, csid, timestamp);
                gather.reserve(h);
                gather.put(buf, 0, h);
                n = Math.min(chunkSize, end - off);
                gather.put(src, off, n);
                off += n;
            }
        } catch (IOException e) {
            throw writeError(e);
        }
    }

    /** Appends each message in order on chunk stream {@code csid}; see {@link #write}. */
    public void writeAll(List<MediaMessage> msgs, int csid) {
        for (int i = 0, size = msgs.size(); i < size; i++) {
            write(msgs.get(i), csid);
        }
    }

    /** Writes everything buffered to the stream in one call, then flushes the stream. */
    public void flush() {
        if (gather != null) {
            drainChannel();
            return;
        }
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            throw writeError(e);
        }
    }

    private void reserve(int n) {
        if (buf.length - len < n) {
            spill();
        }
    }

    /**
     * A large payload slice (a keyframe) goes straight from the shared payload to the stream
     * after what is buffered: copying it into our buffer first would only cost memory and a copy.
     */
    private void appendPayload(byte[] src, int off, int n) {
        if (n < maxBufferSize / 2) {
            append(src, off, n);
            return;
        }
        drain();
        try {
            out.write(src, off, n);
        } catch (IOException e) {
            throw writeError(e);
        }
        bytesWritten += n;
    }

    private void append(byte[] src, int off, int n) {
        while (n > 0) {
            if (len == buf.length) {
                spill();
            }
            int k = Math.min(n, buf.length - len);
            System.arraycopy(src, off, buf, len, k);
            len += k;
            off += k;
            n -= k;
        }
    }

    /** The buffer overflowed mid-batch: write it out and let it grow for the next batches. */
    private void spill() {
        drain();
        if (buf.length < maxBufferSize) {
            buf = new byte[Math.min(maxBufferSize, buf.length * 2)];
        }
    }

    /** The current buffer capacity (grows with the traffic, up to the configured size). */
    int capacity() {
        return gather != null ? gather.capacity() : buf.length;
    }

    private void drainChannel() {
        try {
            gather.drain();
        } catch (IOException e) {
            throw writeError(e);
        }
    }

    private void drain() {
        if (len == 0) {
            return;
        }
        try {
            out.write(buf, 0, len);
        } catch (IOException e) {
            len = 0;
            throw writeError(e);
        }
        bytesWritten += len;
        len = 0;
    }

    private static SrsException writeError(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return new SrsException(ErrorCode.SOCKET_TIMEOUT, "write timeout", e);
        }
        return new SrsException(ErrorCode.SOCKET_WRITE, "write failed", e);
    }
}
