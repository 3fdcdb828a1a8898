package io.srs.rtmp.chunk;

import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaBatch;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.GatheringByteChannel;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The chunk layer of one RTMP connection: a {@link ChunkReader} and a {@link ChunkWriter} plus
 * the automatic responses of {@code SrsProtocol} (srs_protocol_rtmp_stack.cpp): an
 * Acknowledgement when enough bytes arrived for the peer's window, and a Ping Response to each
 * Ping Request. Outgoing Set Chunk Size messages switch the outgoing chunk size right after
 * they are written, as {@code SrsProtocol::on_send_packet} does.
 *
 * <p>Threading contract:
 * <ul>
 *   <li>Exactly one thread calls {@link #readMessage()} (the connection's reader).</li>
 *   <li>{@link #send}, {@link #sendAll}, {@link #flush} and {@link #sendAndFlush} may be called
 *       from any thread; they are serialized by one {@link ReentrantLock}, held while writing
 *       to the socket. In practice one thread writes (a player's writer loop, or the reader
 *       itself on a publishing connection).</li>
 *   <li>Responses the reader produces (acknowledgements, ping responses) are queued and written
 *       by whichever thread next holds the lock: the reader writes them itself only if the lock
 *       is free ({@code tryLock}), so it never waits behind a writer blocked on a full socket;
 *       a writer releasing the lock writes any response queued meanwhile.</li>
 *   <li>Counters and chunk sizes may be read from any thread.</li>
 * </ul>
 */
public final class RtmpProtocol {
    /** SRS's sequence numbers restart from the last delta once they pass this (srs issue 730). */
    private static final long SEQUENCE_RESET = 0xF0000000L;

    private final ChunkReader reader;
    private final ChunkWriter writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Queue<MediaMessage> responses = new ConcurrentLinkedQueue<>();

    // Reader-thread state for acknowledgements.
    private long lastAckBytes;
    private long ackSequence;
    private long acksQueued;

    public RtmpProtocol(InputStream in, OutputStream out) {
        this(in, out, ChunkLimits.DEFAULT, ChunkWriter.DEFAULT_BUFFER_SIZE);
    }

    public RtmpProtocol(InputStream in, OutputStream out, ChunkLimits limits, int writeBufferSize) {
        this.reader = new ChunkReader(in, limits);
        this.writer = new ChunkWriter(out, writeBufferSize);
    }

    /**
     * Writes with gathering writes to {@code channel} (blocking mode; the socket {@code in}
     * reads from), so shared media payloads are never copied per connection; see
     * {@link ChunkWriter#writeShared}.
     */
    public RtmpProtocol(InputStream in, GatheringByteChannel channel, ChunkLimits limits, int writeBufferSize) {
        this(in, channel, limits, writeBufferSize, null);
    }

    /** Like the above; shared chunked payloads take their memory from {@code memory}. */
    public RtmpProtocol(InputStream in, GatheringByteChannel channel, ChunkLimits limits, int writeBufferSize,
                        DirectSlabs memory) {
        this.reader = new ChunkReader(in, limits);
        this.writer = new ChunkWriter(channel, writeBufferSize, memory);
    }

    /**
     * Blocks until one whole message has arrived and returns it, control messages included
     * (the caller may ignore those). Reader thread only.
     */
    public MediaMessage readMessage() {
        MediaMessage msg = reader.readMessage();
        boolean queued = queueAcknowledgement();
        if (msg.type() == MessageType.USER_CONTROL && isPingRequest(msg.payload())) {
            int data = (msg.payload().get(2) << 24) | (msg.payload().get(3) << 16)
                    | (msg.payload().get(4) << 8) | msg.payload().get(5);
            responses.add(ControlMessages.userControl(ControlMessages.EVENT_PING_RESPONSE, data));
            queued = true;
        }
        if (queued) {
            writeResponsesIfIdle();
        }
        return msg;
    }

    /** Chunk stream id of the message last returned by {@link #readMessage()}. Reader thread. */
    public int lastChunkStreamId() {
        return reader.lastChunkStreamId();
    }

    /** Appends a message to the output buffer; see {@link ChunkWriter#write}. */
    public void send(MediaMessage msg, int csid) {
        writeLock.lock();
        try {
            writeLocked(msg, csid);
        } finally {
            writeLock.unlock();
        }
        writeResponsesIfIdle();
    }

    /** Appends messages in order to the output buffer. */
    public void sendAll(List<MediaMessage> msgs, int csid) {
        writeLock.lock();
        try {
            for (int i = 0, n = msgs.size(); i < n; i++) {
                writeLocked(msgs.get(i), csid);
            }
        } finally {
            writeLock.unlock();
        }
        writeResponsesIfIdle();
    }

    /**
     * Writes a batch with one lock and one flush (merged write); each message goes out with the
     * batch's timestamp for it, on the chunk stream {@code csidOfType} gives for its type. The
     * messages are taken as shared (see {@link ChunkWriter#writeShared}).
     */
    public void sendAndFlush(MediaBatch batch, IntUnaryOperator csidOfType) {
        writeLock.lock();
        try {
            for (int i = 0, n = batch.size(); i < n; i++) {
                MediaMessage m = batch.message(i);
                writer.writeShared(m, batch.timestamp(i), csidOfType.applyAsInt(m.type()));
            }
            writeResponsesLocked();
            writer.flush();
        } finally {
            writeLock.unlock();
        }
        writeResponsesIfIdle();
    }

    /** Writes buffered chunks (and queued responses) to the socket. */
    public void flush() {
        writeLock.lock();
        try {
            writeResponsesLocked();
            writer.flush();
        } finally {
            writeLock.unlock();
        }
        writeResponsesIfIdle();
    }

    public void sendAndFlush(MediaMessage msg, int csid) {
        writeLock.lock();
        try {
            writeLocked(msg, csid);
            writeResponsesLocked();
            writer.flush();
        } finally {
            writeLock.unlock();
        }
        writeResponsesIfIdle();
    }

    /** Reports the bytes held in unfinished incoming messages to {@code memory}; call before reading. */
    public void useMemory(ChunkMemory memory) {
        reader.useMemory(memory);
    }

    /** See {@link ChunkReader#useMessageTimeout(long)}. */
    public void useMessageTimeout(long millis) {
        reader.useMessageTimeout(millis);
    }

    /** The peer's chunk size. */
    public int inChunkSize() {
        return reader.chunkSize();
    }

    /** Our chunk size, changed by sending a Set Chunk Size message. */
    public int outChunkSize() {
        return writer.chunkSize();
    }

    /** The window the peer asked us to acknowledge, or 0. */
    public long inWindowAckSize() {
        return reader.windowAckSize();
    }

    public long bytesRead() {
        return reader.bytesRead();
    }

    public long bytesWritten() {
        return writer.bytesWritten();
    }

    private void writeLocked(MediaMessage msg, int csid) {
        writer.write(msg, csid);
        if (msg.type() == MessageType.SET_CHUNK_SIZE && msg.payload().length() >= 4) {
            Bytes p = msg.payload();
            writer.setChunkSize((p.get(0) << 24) | (p.get(1) << 16) | (p.get(2) << 8) | p.get(3));
        }
    }

    /**
     * Queues an Acknowledgement once the bytes received since the last one reach half the
     * peer's window. Half, not the whole window the spec names: SRS changed to this in 2017
     * following Flash Player (srs issue 730, {@code response_acknowledgement_message}), so that
     * the ack reaches a peer that stops sending at exactly one window before it stalls. The
     * check runs per whole message, as in SRS. The sequence number is the byte count, reset to
     * the delta once past 0xF0000000 like SRS.
     */
    private boolean queueAcknowledgement() {
        long window = reader.windowAckSize();
        if (window <= 0) {
            return false;
        }
        long received = reader.bytesRead();
        long delta = received - lastAckBytes;
        if (delta < window / 2) {
            return false;
        }
        lastAckBytes = received;
        long sequence = ackSequence + delta;
        if (sequence > SEQUENCE_RESET) {
            sequence = delta;
        }
        ackSequence = sequence;
        acksQueued++;
        responses.add(ControlMessages.acknowledgement(sequence));
        return true;
    }

    /** Acknowledgements queued so far (for tests and statistics). Reader thread. */
    long acknowledgementsQueued() {
        return acksQueued;
    }

    private static boolean isPingRequest(Bytes p) {
        return p.length() >= 6 && ((p.get(0) << 8) | p.get(1)) == ControlMessages.EVENT_PING_REQUEST;
    }

    /**
     * Writes queued responses if nobody holds the lock; loops because a response may be queued
     * just after the holder checked the queue and just before it released the lock.
     */
    private void writeResponsesIfIdle() {
        while (!responses.isEmpty() && writeLock.tryLock()) {
            try {
                if (writeResponsesLocked()) {
                    writer.flush();
                }
            } finally {
                writeLock.unlock();
            }
        }
    }

    private boolean writeResponsesLocked() {
        boolean any = false;
        MediaMessage m;
        while ((m = responses.poll()) != null) {
            writer.write(m, ChunkHeaders.CONTROL_CSID);
            any = true;
        }
        return any;
    }
}
