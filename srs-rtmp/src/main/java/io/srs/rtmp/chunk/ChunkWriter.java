package io.srs.rtmp.chunk;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * Encodes messages as RTMP chunks into one reused output buffer (spec 5.3). Port of the send
 * half of {@code SrsProtocol::do_send_messages} and {@code srs_chunk_header_c0/c3}
 * (srs_kernel_utility.cpp): like SRS, a message's first chunk always has a type-0 header and
 * every other chunk a type-3 header repeating the extended timestamp when there is one.
 *
 * <p>Fan-out cost: chunk boundaries depend only on the chunk size, so sending one shared message
 * to N players costs N header encodes and N payload copies into the players' buffers, and
 * nothing else; no per-message or per-chunk object is allocated. The JMH benchmark in
 * research/jmh measured this at the copy floor; caching encoded headers per message did not
 * pay, and writing large payload slices straight to the stream only paid on sinks that copy
 * nothing (unlike a socket), so neither was adopted (research/jmh/README.md).
 *
 * <p>{@link #write} and {@link #writeAll} only append; when the buffer fills mid-batch it is
 * written out and reused. {@link #flush()} writes what is buffered and flushes the stream, so a
 * player writes a batch and flushes once (SRS's merged write).
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
        this.maxBufferSize = bufferSize;
        this.buf = new byte[Math.min(INITIAL_BUFFER_SIZE, bufferSize)];
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
        return bytesWritten;
    }

    /** Bytes buffered and not yet written to the stream. */
    public int buffered() {
        return len;
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
        ChunkHeaders.checkCsid(csid);
        Bytes payload = msg.payload();
        int size = payload.length();
        if (size == 0) {
            return;
        }
        if (size > ChunkLimits.PROTOCOL_MAX_MESSAGE_LENGTH) {
            throw new SrsException(ErrorCode.RTMP_MESSAGE_ENCODE,
                    "message of " + size + " bytes exceeds the 24-bit length field");
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

    /** Appends each message in order on chunk stream {@code csid}; see {@link #write}. */
    public void writeAll(List<MediaMessage> msgs, int csid) {
        for (int i = 0, size = msgs.size(); i < size; i++) {
            write(msgs.get(i), csid);
        }
    }

    /** Writes everything buffered to the stream in one call, then flushes the stream. */
    public void flush() {
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
        return buf.length;
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
