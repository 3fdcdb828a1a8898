package io.srs.rtmp.chunk;

import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static io.srs.rtmp.chunk.Decoding.hex;
import static io.srs.rtmp.chunk.Decoding.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtmpProtocolTest {

    /** Peer bytes: Window Ack Size 1000, then {@code n} audio messages of 100 bytes (112 on the wire). */
    private static byte[] windowThenAudio(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkWriter w = new ChunkWriter(out);
        w.write(ControlMessages.windowAckSize(1000), 2);
        for (int i = 0; i < n; i++) {
            w.write(new MediaMessage(8, i, 1, Bytes.wrap(new byte[100])), 4);
        }
        w.flush();
        return out.toByteArray();
    }

    @Test
    void acknowledgesEveryHalfWindowWithTheByteCountLikeSrs() {
        byte[] in = windowThenAudio(10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // 1-byte reads so the reader's byte count is exact at every message boundary.
        RtmpProtocol p = new RtmpProtocol(PieceInputStream.oneByteReads(in), out);
        assertEquals(MessageType.WINDOW_ACK_SIZE, p.readMessage().type());
        assertEquals(1000, p.inWindowAckSize());
        // 16 + 112 * k bytes read: the first ack is due at >= 500, after the 5th audio (576).
        for (int i = 0; i < 4; i++) {
            p.readMessage();
        }
        assertEquals(0, out.size());
        p.readMessage();
        assertEquals(576, p.bytesRead());
        assertArrayEquals(hex("02 000000 000004 03 00000000 00000240"), out.toByteArray());
        // The next after another 500: at 16 + 112 * 10 = 1136 bytes, sequence 1136.
        for (int i = 0; i < 5; i++) {
            p.readMessage();
        }
        List<MediaMessage> acks = readAll(out.toByteArray());
        assertEquals(List.of(ControlMessages.acknowledgement(576), ControlMessages.acknowledgement(1136)), acks);
        assertEquals(2, p.acknowledgementsQueued());
        assertEquals(out.size(), p.bytesWritten());
    }

    @Test
    void sendsNoAcknowledgementWithoutAWindow() {
        ByteArrayOutputStream peer = new ByteArrayOutputStream();
        ChunkWriter w = new ChunkWriter(peer);
        for (int i = 0; i < 100; i++) {
            w.write(new MediaMessage(8, i, 1, Bytes.wrap(new byte[1000])), 4);
        }
        w.flush();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RtmpProtocol p = new RtmpProtocol(new PieceInputStream(peer.toByteArray()), out);
        for (int i = 0; i < 100; i++) {
            p.readMessage();
        }
        assertEquals(0, out.size());
    }

    @Test
    void answersPingRequests() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RtmpProtocol p = new RtmpProtocol(new PieceInputStream(hex("42 000000 000006 04 0006 00000d0f")), out);
        MediaMessage ping = p.readMessage();
        assertEquals(MessageType.USER_CONTROL, ping.type());
        assertArrayEquals(hex("02 000000 000006 04 00000000 0007 00000d0f"), out.toByteArray());
    }

    @Test
    void sendingSetChunkSizeSwitchesTheOutgoingChunkSize() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RtmpProtocol p = new RtmpProtocol(new PieceInputStream(new byte[0]), out);
        assertEquals(128, p.outChunkSize());
        p.send(ControlMessages.setChunkSize(60000), ChunkHeaders.CONTROL_CSID);
        assertEquals(60000, p.outChunkSize());
        MediaMessage video = new MediaMessage(9, 40, 1, Bytes.wrap(new byte[20000]));
        p.sendAndFlush(video, 6);
        byte[] wire = out.toByteArray();
        // 16 bytes of Set Chunk Size, then one 12-byte header and the payload in a single chunk.
        assertEquals(16 + 12 + 20000, wire.length);
        assertEquals(List.of(ControlMessages.setChunkSize(60000), video), readAll(wire));
    }

    @Test
    void writesControlMessageBodiesLikeSrs() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RtmpProtocol p = new RtmpProtocol(new PieceInputStream(new byte[0]), out);
        p.send(ControlMessages.windowAckSize(2_500_000), 2);
        p.send(ControlMessages.setPeerBandwidth(2_500_000, ControlMessages.LIMIT_DYNAMIC), 2);
        p.send(ControlMessages.userControl(ControlMessages.EVENT_STREAM_BEGIN, 1), 2);
        p.send(ControlMessages.abort(6), 2);
        p.flush();
        assertArrayEquals(hex("""
                02 000000 000004 05 00000000 002625a0
                02 000000 000005 06 00000000 002625a0 02
                02 000000 000006 04 00000000 0000 00000001
                02 000000 000004 02 00000000 00000006
                """), out.toByteArray());
    }

    /** An output stream whose first write blocks until released. */
    private static final class GateStream extends OutputStream {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bytes.write(b, off, len);
        }
    }

    @Test
    void readerDoesNotWaitForAWriterBlockedOnTheSocket() throws Exception {
        GateStream gate = new GateStream();
        RtmpProtocol p = new RtmpProtocol(PieceInputStream.oneByteReads(windowThenAudio(10)), gate);
        MediaMessage video = new MediaMessage(9, 0, 1, Bytes.wrap(new byte[50]));
        Thread writer = Thread.ofVirtual().start(() -> p.sendAndFlush(video, 6));
        gate.entered.await();
        // The writer holds the lock inside a blocked write; reading on (and queuing an ack)
        // must not block behind it.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 11; i++) {
                p.readMessage();
            }
        });
        assertEquals(2, p.acknowledgementsQueued());
        gate.release.countDown();
        writer.join();
        // Released, the writer wrote the queued acks after its own message.
        List<MediaMessage> written = readAll(gate.bytes.toByteArray());
        assertEquals(video, written.get(0));
        assertEquals(3, written.size());
        assertTrue(written.subList(1, 3).stream().allMatch(m -> m.type() == MessageType.ACKNOWLEDGEMENT));
    }
}
