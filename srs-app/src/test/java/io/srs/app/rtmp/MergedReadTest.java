package io.srs.app.rtmp;

import io.srs.app.config.PublishConfig;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.chunk.ChunkWriter;
import io.srs.rtmp.chunk.RtmpProtocol;
import org.junit.jupiter.api.Test;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The publisher's merged read on a real loopback socket: with {@code mr on} a trickle of small
 * messages (an encoder's audio and video, one TCP segment each) is taken in a few large reads,
 * every message intact and in order; off, or with {@code min_latency on}, one read per message;
 * toggling it (a reload) takes effect at the next read.
 */
class MergedReadTest {
    /** An encoder's pace: a message every 20 ms. */
    private static final int GAP_MILLIS = 20;
    private static final int MESSAGES = 40;

    private static PublishConfig publish(boolean mr, long latencyMillis) {
        return new PublishConfig(mr, Duration.ofMillis(latencyMillis), Duration.ofSeconds(20), Duration.ofSeconds(5),
                true, true, Duration.ZERO);
    }

    /** The server side of one connection: its socket, the protocol reading it, and a read counter. */
    private record Conn(Socket socket, RtmpProtocol protocol, AtomicInteger reads, Socket client,
                        ChunkWriter writer) implements AutoCloseable {
        static Conn open() throws IOException {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Socket client = new Socket();
                client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
                client.setTcpNoDelay(true);
                Socket server = listener.accept();
                AtomicInteger reads = new AtomicInteger();
                InputStream counted = new FilterInputStream(server.getInputStream()) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        reads.incrementAndGet();
                        return super.read(b, off, len);
                    }
                };
                return new Conn(server, new RtmpProtocol(counted, server.getOutputStream()), reads, client,
                        new ChunkWriter(client.getOutputStream()));
            }
        }

        /**
         * Sends {@link #MESSAGES} small video messages {@link #GAP_MILLIS} apart from another
         * thread, reads them here; returns how many reads the server made meanwhile.
         */
        int relay(int round) throws Exception {
            int before = reads.get();
            Thread sender = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < MESSAGES; i++) {
                    writer.write(message(round, i), 6);
                    writer.flush();
                    try {
                        Thread.sleep(GAP_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            for (int i = 0; i < MESSAGES; i++) {
                MediaMessage got = protocol.readMessage();
                assertEquals(round * 1000L + i, got.timestamp(), "in order");
                assertArrayEquals(message(round, i).payload().toArray(), got.payload().toArray(), "intact");
            }
            sender.join();
            return reads.get() - before;
        }

        @Override
        public void close() throws IOException {
            client.close();
            socket.close();
        }
    }

    private static MediaMessage message(int round, int i) {
        byte[] payload = new byte[300];
        for (int k = 0; k < payload.length; k++) {
            payload[k] = (byte) (k + i * 7 + round);
        }
        return new MediaMessage(MessageType.VIDEO, round * 1000L + i, 1, Bytes.wrap(payload));
    }

    @Test
    void onTakesATrickleInFewReadsAndATogglePlaysAtTheNextRead() throws Exception {
        try (Conn c = Conn.open()) {
            MergedRead mr = new MergedRead(c.socket, c.protocol);
            int before = c.socket.getReceiveBufferSize();
            assertTrue(mr.apply(publish(true, 300), false));
            // 300 ms x 5000 kbps / 8 = 187,500 bytes, of which the kernel is asked for half and doubles it.
            int after = c.socket.getReceiveBufferSize();
            assertTrue(after > before || after >= 150_000, "receive buffer " + before + " => " + after);

            // 40 messages over 800 ms: one small read, a wait, then a read of everything that came.
            int merged = c.relay(0);
            assertTrue(merged <= 12, "reads with mr on: " + merged);

            // A reload turning it off: one read per message again.
            assertTrue(mr.apply(publish(false, 300), false));
            int off = c.relay(1);
            assertTrue(off >= 25, "reads with mr off: " + off);

            // ... and on again.
            assertTrue(mr.apply(publish(true, 300), false));
            assertFalse(mr.apply(publish(true, 300), false), "same settings: nothing changed");
            int again = c.relay(2);
            assertTrue(again <= 12, "reads with mr on again: " + again);
        }
    }

    @Test
    void minLatencyTurnsTheWaitOff() throws Exception {
        try (Conn c = Conn.open()) {
            MergedRead mr = new MergedRead(c.socket, c.protocol);
            mr.apply(publish(true, 300), true);
            long start = System.nanoTime();
            int reads = c.relay(0);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(reads >= 25, "realtime: no merging, reads: " + reads);
            // 40 messages 20 ms apart take 800 ms; a 300 ms wait per small read would take far longer.
            assertTrue(tookMillis < 5_000, "took " + tookMillis + " ms");
        }
    }

    @Test
    void aSocketClosedUnderThePublisherIsAnOrdinaryEnd() throws Exception {
        Socket s = new Socket();
        s.close();
        SrsException e = assertThrows(SrsException.class, () -> RtmpConnection.readTimeout(s, 0));
        assertEquals(ErrorCode.SOCKET_CLOSED, e.code());
        assertTrue(e.code().isGracefulClose(), "logged as one INFO line, no stack trace");
    }
}
