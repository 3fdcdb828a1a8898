package io.srs.rtmp.chunk;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reassembles RTMP messages from the chunk stream of one connection (spec 5.3). Port of the
 * receive half of {@code SrsProtocol} ({@code recv_interlaced_message}, {@code read_basic_header},
 * {@code read_message_header}, {@code read_message_payload}), srs_protocol_rtmp_stack.cpp.
 *
 * <p>Buffering: one 64 KiB array, reused for the life of the connection; each message payload is
 * copied from that array (or, for large chunk bodies arriving on an empty buffer, straight from
 * the stream) into the message's own array, which then becomes the immutable
 * {@link MediaMessage#payload()}. That array grows with the bytes that actually arrived (doubling
 * from {@value #INITIAL_PAYLOAD_SIZE} bytes up to the announced length, which it reaches exactly),
 * never with the length the peer announced: a peer that announces 16 MiB and sends one chunk
 * costs one chunk. The bytes held in unfinished messages are capped per connection
 * ({@link ChunkLimits#maxPendingBytes()}) and reported to a {@link ChunkMemory}.
 *
 * <p>Protocol control messages that steer the chunk layer take effect here and are still
 * returned to the caller: Set Chunk Size (1) changes the incoming chunk size, Abort (2) drops
 * the partial message of a chunk stream, Window Acknowledgement Size (5) is remembered for
 * {@link #windowAckSize()}.
 *
 * <p>Timestamps, where this differs from SRS v7.0.18:
 * <ul>
 *   <li>the extended field of a type-1/2 chunk is a delta, as in the spec and SRS v7.0.37+
 *       (srs pull 4356);</li>
 *   <li>timestamps are unsigned 32-bit (SRS masks them to 31 bits);</li>
 *   <li>a type-3 chunk that starts a new message adds the stream's last delta, taking the
 *       delta from its extended field when extended timestamps are in use (SRS v7.0.18 takes
 *       that field as an absolute time).</li>
 * </ul>
 *
 * <p>Threading: not thread-safe; exactly one thread reads. After any exception the reader's
 * state is undefined and the connection must be closed.
 */
public final class ChunkReader {
    static final int BUFFER_SIZE = 64 * 1024;
    static final int INITIAL_BUFFER_SIZE = 1024;
    /** Chunk bodies at least this large are read straight into the message when the buffer is empty. */
    static final int DIRECT_READ_MIN = 16 * 1024;
    /**
     * Chunk stream ids below this use an array slot, others a map. Real clients use 2..8; SRS
     * caches 16 too (SRS_PERF_CHUNK_STREAM_CACHE). A bigger table costs every player memory.
     */
    private static final int FAST_CSIDS = 16;
    /** First capacity of a partial message's array; it doubles as bytes arrive. */
    static final int INITIAL_PAYLOAD_SIZE = 4096;
    private static final long U32 = 0xFFFFFFFFL;
    private static final byte[] NO_BYTES = new byte[0];

    private final InputStream in;
    private final ChunkLimits limits;
    /**
     * Starts small and doubles up to {@link #BUFFER_SIZE} whenever a read fills it, so a
     * publisher gets big reads while a player, which sends a few hundred bytes of commands in
     * its life, keeps 1 KiB (one connect command fits; 4 KiB was 3 KB more per idle player).
     */
    private byte[] buf = new byte[INITIAL_BUFFER_SIZE];
    private int pos;
    private int limit;
    /** Written by the reading thread only; volatile so statistics can read it from any thread. */
    private volatile long bytesRead;

    private int chunkSize = ChunkHeaders.DEFAULT_CHUNK_SIZE;
    private long windowAckSize;
    private int lastCsid;

    private final ChunkStream[] fastStreams = new ChunkStream[FAST_CSIDS];
    private Map<Integer, ChunkStream> slowStreams;
    private int streamCount;
    /** Bytes held by the arrays of unfinished messages (their capacity, not their announced length). */
    private long pendingBytes;
    private ChunkMemory memory = ChunkMemory.NONE;
    /** 0: none; else a message must complete within this once its first byte arrived. */
    private long messageTimeoutNanos;
    /** When the first byte of the message being read arrived, or 0 while idle. */
    private long messageStartNanos;

    /** State kept per chunk stream id; fields are inherited by type 1-3 headers. */
    private static final class ChunkStream {
        final int csid;
        boolean seen;
        long timestamp;
        long delta;
        /** The most recent type 0/1/2 header announced an extended timestamp. */
        boolean extended;
        /** The last value read from an extended timestamp field, for detecting repeats. */
        long extendedField;
        int length;
        int type;
        int streamId;
        /** The message being reassembled, or null between messages. */
        byte[] payload;
        int filled;

        ChunkStream(int csid) {
            this.csid = csid;
        }
    }

    public ChunkReader(InputStream in) {
        this(in, ChunkLimits.DEFAULT);
    }

    public ChunkReader(InputStream in, ChunkLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /** Reports held bytes to {@code memory} from now on; call before the first read. */
    public void useMemory(ChunkMemory memory) {
        this.memory = memory;
    }

    /**
     * From now on, a message whose first byte arrived must be complete within {@code millis}
     * (0: no limit): a peer that dribbles bytes, each within the socket's read timeout, cannot
     * keep the connection forever. Checked whenever bytes arrive, so a peer that goes silent is
     * left to the socket's read timeout.
     */
    public void useMessageTimeout(long millis) {
        this.messageTimeoutNanos = millis * 1_000_000L;
    }

    /** Bytes held now by unfinished messages (for tests and statistics of the reading thread). */
    public long pendingBytes() {
        return pendingBytes;
    }

    /**
     * Blocks until one whole message has arrived. Chunks of other chunk streams that arrive in
     * between are reassembled along the way.
     *
     * @throws SrsException SOCKET_READ when the peer closed or the read failed, SOCKET_TIMEOUT
     *                      on a socket timeout, an RTMP_* code on a protocol violation
     */
    public MediaMessage readMessage() {
        MediaMessage msg;
        do {
            msg = readChunk();
        } while (msg == null);
        // Bytes already buffered belong to the next message, which has thus begun.
        messageStartNanos = limit > pos && messageTimeoutNanos > 0 ? System.nanoTime() : 0;
        applyControl(msg);
        return msg;
    }

    /** Chunk stream id of the message last returned by {@link #readMessage()}. */
    public int lastChunkStreamId() {
        return lastCsid;
    }

    /** The peer's chunk size, 128 until it sends Set Chunk Size. */
    public int chunkSize() {
        return chunkSize;
    }

    /** The peer's acknowledgement window from Window Acknowledgement Size, or 0 if none yet. */
    public long windowAckSize() {
        return windowAckSize;
    }

    /**
     * Bytes taken from the input stream so far, including bytes buffered but not yet parsed.
     * Safe to call from any thread.
     */
    public long bytesRead() {
        return bytesRead;
    }

    /** Reads one chunk; returns the message it completes, or null. */
    private MediaMessage readChunk() {
        require(1);
        int b0 = buf[pos++] & 0xff;
        int fmt = b0 >>> 6;
        int csid = b0 & 0x3f;
        if (csid == 0) {
            require(1);
            csid = 64 + (buf[pos++] & 0xff);
        } else if (csid == 1) {
            require(2);
            csid = 64 + (buf[pos] & 0xff) + ((buf[pos + 1] & 0xff) << 8);
            pos += 2;
        }
        ChunkStream cs = stream(csid);
        boolean first = cs.payload == null;
        readMessageHeader(cs, fmt, first);
        return readPayload(cs, first);
    }

    private ChunkStream stream(int csid) {
        ChunkStream cs;
        if (csid < FAST_CSIDS) {
            cs = fastStreams[csid];
            if (cs == null) {
                cs = fastStreams[csid] = newStream(csid);
            }
        } else {
            if (slowStreams == null) {
                slowStreams = new HashMap<>();
            }
            cs = slowStreams.get(csid);
            if (cs == null) {
                cs = newStream(csid);
                slowStreams.put(csid, cs);
            }
        }
        return cs;
    }

    private ChunkStream newStream(int csid) {
        if (streamCount >= limits.maxChunkStreams()) {
            throw new SrsException(ErrorCode.RTMP_CHUNK_STREAMS_EXCEED,
                    "chunk stream " + csid + " exceeds " + limits.maxChunkStreams() + " streams");
        }
        streamCount++;
        return new ChunkStream(csid);
    }

    private void readMessageHeader(ChunkStream cs, int fmt, boolean first) {
        if (!cs.seen && fmt != 0) {
            // librtmp opens chunk stream 2 with a type-1 header for its ping, so SRS lets type 1
            // start a stream (inheriting zeros); anything shorter has nothing to inherit.
            if (fmt != 1) {
                throw new SrsException(ErrorCode.RTMP_CHUNK_START,
                        "fresh chunk stream " + cs.csid + " starts with fmt=" + fmt);
            }
        }
        if (!first && fmt == 0) {
            throw new SrsException(ErrorCode.RTMP_CHUNK_START,
                    "fmt=0 inside a partial message on chunk stream " + cs.csid);
        }
        cs.seen = true;

        if (fmt <= 2) {
            int size = fmt == 0 ? 11 : fmt == 1 ? 7 : 3;
            require(size);
            int ts24 = u24(pos);
            if (fmt <= 1) {
                int length = u24(pos + 3);
                if (!first && length != cs.length) {
                    throw new SrsException(ErrorCode.RTMP_PACKET_SIZE, "message length on chunk stream "
                            + cs.csid + " changed from " + cs.length + " to " + length + " mid-message");
                }
                cs.length = length;
                cs.type = buf[pos + 6] & 0xff;
                if (fmt == 0) {
                    cs.streamId = (buf[pos + 7] & 0xff) | (buf[pos + 8] & 0xff) << 8
                            | (buf[pos + 9] & 0xff) << 16 | (buf[pos + 10] & 0xff) << 24;
                }
            }
            pos += size;
            cs.extended = ts24 == ChunkHeaders.EXTENDED_TIMESTAMP;
            long value = ts24;
            if (cs.extended) {
                require(4);
                value = u32(pos);
                pos += 4;
                cs.extendedField = value;
            }
            if (fmt == 0) {
                // Spec 5.3.1.2.4: a type-3 message after a type-0 one uses the type-0 timestamp
                // as its delta (FMLE relies on this, see SRS's comment on 0xC4 audio).
                cs.timestamp = value;
                cs.delta = value;
            } else {
                // Types 1 and 2 carry a delta, also when it is in the extended field
                // (spec 5.3.1.3; SRS v7.0.37+, srs pull 4356). SRS applies it on
                // continuation chunks too, so the message keeps the last one; so do we.
                cs.delta = value;
                cs.timestamp = (cs.timestamp + value) & U32;
            }
        } else if (first) {
            if (cs.extended) {
                // A type-3 chunk that starts a message always carries the extended field when
                // the stream uses one; it holds the delta of the type 0/1/2 header it repeats.
                require(4);
                cs.delta = u32(pos);
                cs.extendedField = cs.delta;
                pos += 4;
            }
            cs.timestamp = (cs.timestamp + cs.delta) & U32;
        } else if (cs.extended) {
            skipRepeatedExtendedTimestamp(cs);
        }
    }

    /**
     * Continuation chunks of a message with an extended timestamp carry the 4-byte field again
     * when sent by Flash, FMLE, FMS, SRS or current FFmpeg, but not by librtmp and old FFmpeg,
     * which followed the spec's 2009 text. Like SRS, we peek: 4 bytes equal to the stream's last
     * extended field are the repeat, anything else is payload. A payload that happens to start
     * with those 4 bytes is misread; no better test exists.
     *
     * <p>This peek waits for 4 bytes even if the chunk body is shorter, as SRS does; a peer
     * always sends more after a continuation chunk (the next header at least) in practice.
     */
    private void skipRepeatedExtendedTimestamp(ChunkStream cs) {
        require(4);
        if (u32(pos) == cs.extendedField) {
            pos += 4;
        }
    }

    private MediaMessage readPayload(ChunkStream cs, boolean first) {
        if (first) {
            if (cs.length == 0) {
                // SRS returns empty messages as they are; there is nothing to reassemble.
                lastCsid = cs.csid;
                return new MediaMessage(cs.type, cs.timestamp, cs.streamId, Bytes.EMPTY);
            }
            if (cs.length > limits.maxMessageLength()) {
                throw new SrsException(ErrorCode.RTMP_MSG_INVALID_SIZE, "message length " + cs.length
                        + " on chunk stream " + cs.csid + " exceeds " + limits.maxMessageLength());
            }
            cs.payload = NO_BYTES;
            cs.filled = 0;
        }
        int n = Math.min(cs.length - cs.filled, chunkSize);
        while (n > 0) {
            if (cs.filled == cs.payload.length) {
                grow(cs);
            }
            int k = Math.min(n, cs.payload.length - cs.filled);
            copyTo(cs.payload, cs.filled, k);
            cs.filled += k;
            n -= k;
        }
        if (cs.filled < cs.length) {
            return null;
        }
        MediaMessage msg = new MediaMessage(cs.type, cs.timestamp, cs.streamId, Bytes.wrap(cs.payload));
        forget(cs);
        lastCsid = cs.csid;
        return msg;
    }

    private void applyControl(MediaMessage msg) {
        switch (msg.type()) {
            case MessageType.SET_CHUNK_SIZE -> {
                int size = controlInt(msg, "set chunk size");
                // SRS fails below 128 (srs issue 541) but only warns above 65536 and uses the
                // value anyway (srs issue 160); bodies copy in pieces, so any size works here.
                if (size < ChunkHeaders.MIN_CHUNK_SIZE) {
                    throw new SrsException(ErrorCode.RTMP_CHUNK_SIZE,
                            "chunk size " + size + " below " + ChunkHeaders.MIN_CHUNK_SIZE);
                }
                chunkSize = size;
            }
            case MessageType.ABORT -> abort(controlInt(msg, "abort"));
            case MessageType.WINDOW_ACK_SIZE -> {
                int window = controlInt(msg, "window acknowledgement size");
                // Like SRS: a zero or negative (>= 2^31) window is ignored.
                if (window > 0) {
                    windowAckSize = window;
                }
            }
            default -> {
            }
        }
    }

    /** Abort (spec 5.4.2): forget the partial message of a chunk stream. SRS ignores Abort. */
    private void abort(int csid) {
        ChunkStream cs = csid >= 0 && csid < FAST_CSIDS ? fastStreams[csid]
                : slowStreams == null ? null : slowStreams.get(csid);
        if (cs != null && cs.payload != null) {
            forget(cs);
        }
    }

    /**
     * Makes room for more of the message: twice the capacity, at most the announced length.
     * Called only when the array is full and more bytes of the message are about to be copied,
     * so what is held never exceeds twice what arrived.
     */
    private void grow(ChunkStream cs) {
        int old = cs.payload.length;
        int next = (int) Math.min(cs.length, Math.max(INITIAL_PAYLOAD_SIZE, 2L * old));
        int delta = next - old;
        if (pendingBytes + delta > limits.maxPendingBytes()) {
            throw new SrsException(ErrorCode.RTMP_MSG_INVALID_SIZE, "partial messages of "
                    + (pendingBytes + delta) + " bytes exceed " + limits.maxPendingBytes());
        }
        memory.acquire(delta);
        pendingBytes += delta;
        cs.payload = java.util.Arrays.copyOf(cs.payload, next);
    }

    /** Drops the stream's partial message from the accounts (it completed or was aborted). */
    private void forget(ChunkStream cs) {
        int held = cs.payload.length;
        pendingBytes -= held;
        cs.payload = null;
        memory.release(held);
    }

    private static int controlInt(MediaMessage msg, String what) {
        Bytes p = msg.payload();
        if (p.length() < 4) {
            throw new SrsException(ErrorCode.RTMP_MESSAGE_DECODE,
                    what + " needs 4 bytes, got " + p.length());
        }
        return (p.get(0) << 24) | (p.get(1) << 16) | (p.get(2) << 8) | p.get(3);
    }

    private int u24(int at) {
        return (buf[at] & 0xff) << 16 | (buf[at + 1] & 0xff) << 8 | (buf[at + 2] & 0xff);
    }

    private long u32(int at) {
        return ((long) (buf[at] & 0xff) << 24 | (buf[at + 1] & 0xff) << 16
                | (buf[at + 2] & 0xff) << 8 | (buf[at + 3] & 0xff)) & U32;
    }

    /** Makes at least {@code n} (at most 18) unread bytes available in the buffer. */
    private void require(int n) {
        if (limit - pos >= n) {
            return;
        }
        if (buf.length - pos < n) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit - pos < n) {
            limit += read(buf, limit, buf.length - limit);
        }
        growIfFull();
    }

    /** A read that filled the whole buffer means more is waiting: read bigger next time. */
    private void growIfFull() {
        if (limit == buf.length && buf.length < BUFFER_SIZE) {
            buf = java.util.Arrays.copyOf(buf, Math.min(BUFFER_SIZE, buf.length * 2));
        }
    }

    /** The current buffer capacity (for tests). */
    int capacity() {
        return buf.length;
    }

    /** Copies the next {@code n} bytes of the stream into {@code dst}. */
    private void copyTo(byte[] dst, int off, int n) {
        int buffered = Math.min(n, limit - pos);
        System.arraycopy(buf, pos, dst, off, buffered);
        pos += buffered;
        off += buffered;
        n -= buffered;
        while (n > 0) {
            // The buffer is empty here.
            pos = 0;
            limit = 0;
            if (n >= DIRECT_READ_MIN) {
                int r = read(dst, off, n);
                off += r;
                n -= r;
            } else {
                limit = read(buf, 0, buf.length);
                growIfFull();
                int k = Math.min(n, limit);
                System.arraycopy(buf, 0, dst, off, k);
                pos = k;
                off += k;
                n -= k;
            }
        }
    }

    private void checkMessageTimeout() {
        long now = System.nanoTime();
        if (messageStartNanos == 0) {
            messageStartNanos = now;
        } else if (now - messageStartNanos > messageTimeoutNanos) {
            throw new SrsException(ErrorCode.SOCKET_TIMEOUT, "message not complete within "
                    + messageTimeoutNanos / 1_000_000 + " ms of its first byte");
        }
    }

    /** One read of at least one byte; IO failures become SrsException. */
    private int read(byte[] dst, int off, int len) {
        int r;
        try {
            r = in.read(dst, off, len);
        } catch (SocketTimeoutException e) {
            throw new SrsException(ErrorCode.SOCKET_TIMEOUT, "read timeout", e);
        } catch (IOException e) {
            throw new SrsException(ErrorCode.SOCKET_READ, "read failed", e);
        }
        if (r < 0) {
            throw new SrsException(ErrorCode.SOCKET_READ, "peer closed");
        }
        if (r == 0) {
            // Blocking streams never return 0 for len > 0; a broken one must not spin us.
            throw new SrsException(ErrorCode.SOCKET_READ, "read returned no bytes");
        }
        bytesRead += r;
        if (messageTimeoutNanos > 0) {
            checkMessageTimeout();
        }
        return r;
    }
}
