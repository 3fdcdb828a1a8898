package io.srs.rtmp.chunk;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.testing.RecordingChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.srs.rtmp.chunk.Decoding.concat;
import static io.srs.rtmp.chunk.Decoding.hex;
import static io.srs.rtmp.chunk.Decoding.pattern;
import static io.srs.rtmp.chunk.Decoding.slice;
import static io.srs.rtmp.chunk.Decoding.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gathering (channel) output of {@link ChunkWriter}: byte for byte what the stream output
 * writes, for shared and own messages, every header shape, partial writes and spills; payloads
 * are shared, never copied, and only direct memory reaches the channel.
 */
class GatheringChunkWriterTest {

    /** The stream writer's bytes: the reference the channel output must match. */
    private static byte[] viaStream(int chunkSize, int csid, MediaMessage... msgs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkWriter w = new ChunkWriter(out);
        w.setChunkSize(chunkSize);
        for (MediaMessage m : msgs) {
            w.write(m, csid);
        }
        w.flush();
        return out.toByteArray();
    }

    private static byte[] viaChannel(int chunkSize, int csid, int maxPerWrite, MediaMessage... msgs) {
        RecordingChannel ch = new RecordingChannel(maxPerWrite);
        ChunkWriter w = new ChunkWriter(ch, ChunkWriter.DEFAULT_BUFFER_SIZE);
        w.setChunkSize(chunkSize);
        for (MediaMessage m : msgs) {
            w.writeShared(m, m.timestamp(), csid);
        }
        w.flush();
        assertEquals(0, ch.heapBuffers, "only direct buffers reach the channel");
        assertEquals(ch.bytes.size(), w.bytesWritten());
        return ch.bytes.toByteArray();
    }

    @Test
    void sharedMessagesMatchTheFramingVectors() {
        byte[] p = pattern(300);
        MediaMessage m = new MediaMessage(8, 0x123456, 0x01020304, Bytes.wrap(p));
        byte[] expected = concat(hex("04 123456 00012c 08 04030201"),
                slice(p, 0, 128), hex("c4"), slice(p, 128, 256),
                hex("c4"), slice(p, 256, 300));
        assertArrayEquals(expected, viaChannel(128, 4, Integer.MAX_VALUE, m));
        // Extended timestamps: the player's 4 bytes go between the shared body's pieces.
        byte[] q = pattern(200);
        MediaMessage e = new MediaMessage(9, 0x01000000, 1, Bytes.wrap(q));
        assertArrayEquals(concat(hex("06 ffffff 0000c8 09 01000000 01000000"),
                        slice(q, 0, 128), hex("c6 01000000"), slice(q, 128, 200)),
                viaChannel(128, 6, Integer.MAX_VALUE, e));
        assertArrayEquals(hex("06 ffffff 000001 09 01000000 00ffffff aa"),
                viaChannel(128, 6, 1, new MediaMessage(9, 0xFFFFFF, 1, Bytes.wrap(hex("aa")))));
        assertArrayEquals(hex("06 fffffe 000001 09 01000000 aa"),
                viaChannel(128, 6, 1, new MediaMessage(9, 0xFFFFFE, 1, Bytes.wrap(hex("aa")))));
    }

    @Test
    void everyBasicHeaderSizeTimestampAndChunkSizeMatchesTheStreamWriter() {
        long[] timestamps = {0, 1, 0xFFFFFE, 0xFFFFFF, 0x1000000, 0xFFFFFFFFL, 0x1FFFFFFFEL};
        int[] sizes = {1, 127, 128, 129, 256, 257, 1000, 40_000};
        int[] csids = {2, 6, 63, 64, 319, 320, 65599};
        int[] chunkSizes = {128, 129, 4096, 60000};
        for (int chunkSize : chunkSizes) {
            for (int csid : csids) {
                for (long ts : timestamps) {
                    for (int size : sizes) {
                        MediaMessage m = new MediaMessage(9, ts, 1, Bytes.wrap(pattern(size)));
                        String what = "chunk " + chunkSize + " csid " + csid + " ts " + ts + " size " + size;
                        assertArrayEquals(viaStream(chunkSize, csid, m), viaChannel(chunkSize, csid, 1000, m), what);
                    }
                }
            }
        }
    }

    @Test
    void onePlayersTimestampsOnSharedPayloadsBesideOwnMessagesInOneWrite() {
        RecordingChannel ch = new RecordingChannel(Integer.MAX_VALUE);
        ChunkWriter w = new ChunkWriter(ch, ChunkWriter.DEFAULT_BUFFER_SIZE);
        ByteArrayOutputStream ref = new ByteArrayOutputStream();
        ChunkWriter r = new ChunkWriter(ref);
        MediaMessage ack = ControlMessages.acknowledgement(1234);
        for (ChunkWriter x : List.of(w, r)) {
            x.write(ControlMessages.setChunkSize(4096), ChunkHeaders.CONTROL_CSID);
            x.setChunkSize(4096);
        }
        List<MediaMessage> media = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            media.add(new MediaMessage(i % 3 == 0 ? 9 : 8, 1000 + i * 20, 1, Bytes.wrap(pattern(100 + i * 250))));
        }
        for (int i = 0; i < media.size(); i++) {
            MediaMessage m = media.get(i);
            // This player's own timeline, as jitter correction gives it.
            w.writeShared(m, i * 20L, m.isVideo() ? 6 : 7);
            r.write(m, i * 20L, m.isVideo() ? 6 : 7);
            if (i == 17) {
                w.write(ack, ChunkHeaders.CONTROL_CSID);
                r.write(ack, ChunkHeaders.CONTROL_CSID);
            }
        }
        w.flush();
        r.flush();
        assertEquals(1, ch.writes, "one gathering write for the batch");
        assertArrayEquals(ref.toByteArray(), ch.bytes.toByteArray());
        assertEquals(0, ch.heapBuffers);
    }

    @Test
    void partialWritesAndOwnBufferSpillsKeepTheBytes() {
        Random rnd = new Random(7);
        List<MediaMessage> sent = new ArrayList<>();
        RecordingChannel ch = new RecordingChannel(333);
        // The smallest own buffer: headers of a long batch overflow it again and again.
        ChunkWriter w = new ChunkWriter(ch, 256);
        MediaMessage announce = ControlMessages.setChunkSize(129);
        w.write(announce, ChunkHeaders.CONTROL_CSID);
        w.setChunkSize(129);
        sent.add(announce);
        long[] timestamps = {5, 0xFFFFFF, 0x7FFFFFFF};
        for (int i = 0; i < 300; i++) {
            byte[] p = new byte[1 + rnd.nextInt(700)];
            rnd.nextBytes(p);
            MediaMessage m = new MediaMessage(8 + rnd.nextInt(2), timestamps[rnd.nextInt(3)], 1, Bytes.wrap(p));
            if (i % 5 == 0) {
                w.write(m, 70);
            } else {
                w.writeShared(m, m.timestamp(), 70);
            }
            sent.add(m);
        }
        w.flush();
        assertEquals(sent, readAll(ch.bytes.toByteArray()));
        assertEquals(ch.bytes.size(), w.bytesWritten());
        assertTrue(w.capacity() <= 256);
        assertEquals(0, ch.heapBuffers);
    }

    @Test
    void thePayloadIsChunkedOnceForAllPlayers() {
        Bytes payload = Bytes.wrap(pattern(5000));
        MediaMessage m = new MediaMessage(9, 40, 1, payload);
        ChunkWriter a = new ChunkWriter(new RecordingChannel(Integer.MAX_VALUE), 4096);
        ChunkWriter b = new ChunkWriter(new RecordingChannel(Integer.MAX_VALUE), 4096);
        a.setChunkSize(1000);
        b.setChunkSize(1000);
        a.writeShared(m, 0, 6);
        Object form = payload.derived();
        assertTrue(form instanceof ChunkedPayload);
        b.writeShared(m, 777, 6);
        assertSame(form, payload.derived(), "the second player reuses the chunked body");
        assertTrue(((ChunkedPayload) form).whole().isDirect());
        assertTrue(((ChunkedPayload) form).whole().isReadOnly());
        // Another chunk size gets its own form (a reload changed chunk_size).
        ChunkWriter c = new ChunkWriter(new RecordingChannel(Integer.MAX_VALUE), 4096);
        c.setChunkSize(60000);
        c.writeShared(m, 0, 6);
        assertEquals(60000, ((ChunkedPayload) payload.derived()).chunkSize());
        a.flush();
        b.flush();
        c.flush();
    }

    @Test
    void emptyAndOversizedMessagesAndWriteFailures() {
        RecordingChannel ch = new RecordingChannel(Integer.MAX_VALUE);
        ChunkWriter w = new ChunkWriter(ch, 4096);
        w.writeShared(new MediaMessage(9, 5, 1, Bytes.EMPTY), 5, 6);
        w.flush();
        assertEquals(0, ch.bytes.size());
        SrsException e = assertThrows(SrsException.class,
                () -> w.writeShared(new MediaMessage(9, 0, 1, Bytes.wrap(new byte[0x1000000])), 0, 6));
        assertEquals(ErrorCode.RTMP_MESSAGE_ENCODE, e.code());
        assertThrows(IllegalArgumentException.class,
                () -> w.writeShared(new MediaMessage(9, 0, 1, Bytes.wrap(hex("aa"))), 0, 1));
        w.writeShared(new MediaMessage(9, 0, 1, Bytes.wrap(hex("aa"))), 0, 6);
        ch.fail = new IOException("Broken pipe");
        assertEquals(ErrorCode.SOCKET_WRITE, assertThrows(SrsException.class, w::flush).code());
        // Nothing of the failed batch stays queued.
        assertEquals(0, w.buffered());
    }
}
