package io.srs.rtmp.chunk;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChunkWriterTest {

    private static byte[] encode(int chunkSize, int csid, MediaMessage... msgs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkWriter w = new ChunkWriter(out);
        w.setChunkSize(chunkSize);
        for (MediaMessage m : msgs) {
            w.write(m, csid);
        }
        w.flush();
        return out.toByteArray();
    }




    @Test
    void writesOneChunkMessageWithFmt0Header() {
        MediaMessage m = new MediaMessage(9, 0x10, 1, Bytes.wrap(hex("00000763")));
        assertArrayEquals(hex("06 000010 000004 09 01000000 00000763"), encode(128, 6, m));
    }

    @Test
    void writesContinuationChunksWithFmt3Headers() {
        byte[] p = pattern(300);
        MediaMessage m = new MediaMessage(8, 0x123456, 0x01020304, Bytes.wrap(p));
        byte[] expected = concat(hex("04 123456 00012c 08 04030201"), slice(p, 0, 128),
                hex("c4"), slice(p, 128, 256), hex("c4"), slice(p, 256, 300));
        assertArrayEquals(expected, encode(128, 4, m));
    }

    @Test
    void repeatsTheExtendedTimestampOnEveryChunk() {
        byte[] p = pattern(200);
        MediaMessage m = new MediaMessage(9, 0x01000000, 1, Bytes.wrap(p));
        byte[] expected = concat(hex("06 ffffff 0000c8 09 01000000 01000000"), slice(p, 0, 128),
                hex("c6 01000000"), slice(p, 128, 200));
        assertArrayEquals(expected, encode(128, 6, m));
        // 0xFFFFFF itself already needs the extended field; 0xFFFFFE does not.
        assertArrayEquals(hex("06 ffffff 000001 09 01000000 00ffffff aa"),
                encode(128, 6, new MediaMessage(9, 0xFFFFFF, 1, Bytes.wrap(hex("aa")))));
        assertArrayEquals(hex("06 fffffe 000001 09 01000000 aa"),
                encode(128, 6, new MediaMessage(9, 0xFFFFFE, 1, Bytes.wrap(hex("aa")))));
        // Only the low 32 bits go on the wire.
        assertArrayEquals(hex("06 ffffff 000001 09 01000000 fffffffe aa"),
                encode(128, 6, new MediaMessage(9, 0x1FFFFFFFEL, 1, Bytes.wrap(hex("aa")))));
    }

    @Test
    void writesBasicHeadersOfOneTwoAndThreeBytes() {
        byte[] p = pattern(130);
        MediaMessage m = new MediaMessage(20, 0, 0, Bytes.wrap(p));
        String tail = " 000000 000082 14 00000000";
        assertArrayEquals(concat(hex("3f" + tail), slice(p, 0, 128), hex("ff"), slice(p, 128, 130)), encode(128, 63, m));
        assertArrayEquals(concat(hex("00 00" + tail), slice(p, 0, 128), hex("c0 00"), slice(p, 128, 130)), encode(128, 64, m));
        assertArrayEquals(concat(hex("00 ff" + tail), slice(p, 0, 128), hex("c0 ff"), slice(p, 128, 130)), encode(128, 319, m));
        assertArrayEquals(concat(hex("01 00 01" + tail), slice(p, 0, 128), hex("c1 00 01"), slice(p, 128, 130)), encode(128, 320, m));
        assertArrayEquals(concat(hex("01 ff ff" + tail), slice(p, 0, 128), hex("c1 ff ff"), slice(p, 128, 130)), encode(128, 65599, m));
    }

    @Test
    void skipsEmptyMessagesLikeSrsAndRejectsBadChunkStreamIds() {
        assertArrayEquals(new byte[0], encode(128, 6, new MediaMessage(9, 5, 1, Bytes.EMPTY)));
        ChunkWriter w = new ChunkWriter(new ByteArrayOutputStream());
        MediaMessage m = new MediaMessage(9, 0, 1, Bytes.wrap(hex("aa")));
        assertThrows(IllegalArgumentException.class, () -> w.write(m, 1));
        assertThrows(IllegalArgumentException.class, () -> w.write(m, 65600));
        assertThrows(IllegalArgumentException.class, () -> w.setChunkSize(127));
        SrsException e = assertThrows(SrsException.class,
                () -> w.write(new MediaMessage(9, 0, 1, Bytes.wrap(new byte[0x1000000])), 6));
        assertEquals(ErrorCode.RTMP_MESSAGE_ENCODE, e.code());
    }

    /** Counts write calls and bytes. */
    private static final class CountingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;
        int flushes;

        @Override
        public void write(int b) {
            writes++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void batchIsWrittenWithOneCallPerFlushOnceTheBufferHasGrown() {
        CountingStream out = new CountingStream();
        ChunkWriter w = new ChunkWriter(out);
        List<MediaMessage> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(new MediaMessage(i % 2 == 0 ? 8 : 9, i * 20, 1, Bytes.wrap(pattern(300 + i))));
        }
        // The first batch overflows the small initial buffer once, which makes it grow.
        assertEquals(ChunkWriter.INITIAL_BUFFER_SIZE, w.capacity());
        w.writeAll(batch, 6);
        w.flush();
        assertTrue(w.capacity() > ChunkWriter.INITIAL_BUFFER_SIZE);
        out.writes = 0;
        out.flushes = 0;
        out.bytes.reset();
        long before = w.bytesWritten();

        w.writeAll(batch, 6);
        assertEquals(0, out.writes);
        assertEquals(before, w.bytesWritten());
        int buffered = w.buffered();
        w.flush();
        assertEquals(1, out.writes);
        assertEquals(1, out.flushes);
        assertEquals(buffered, out.bytes.size());
        assertEquals(before + buffered, w.bytesWritten());
        assertEquals(batch, readAll(out.bytes.toByteArray()));
    }

    @Test
    void largePayloadSlicesBypassTheBufferAndKeepTheBytes() {
        CountingStream out = new CountingStream();
        ChunkWriter w = new ChunkWriter(out, 16384);
        w.setChunkSize(60000);
        List<MediaMessage> batch = List.of(
                new MediaMessage(8, 1, 1, Bytes.wrap(pattern(200))),
                new MediaMessage(9, 2, 1, Bytes.wrap(pattern(40_000))),
                new MediaMessage(8, 3, 1, Bytes.wrap(pattern(300))));
        w.writeAll(batch, 6);
        w.flush();
        assertEquals(ChunkWriter.INITIAL_BUFFER_SIZE, w.capacity(), "a keyframe does not grow the buffer");
        assertEquals(3, out.writes, "header+audio, the keyframe itself, the rest");
        assertEquals(out.bytes.size(), w.bytesWritten());
        // The same bytes as a writer whose buffer takes everything.
        CountingStream big = new CountingStream();
        ChunkWriter all = new ChunkWriter(big, 256 * 1024);
        all.setChunkSize(60000);
        all.writeAll(batch, 6);
        all.flush();
        assertArrayEquals(big.bytes.toByteArray(), out.bytes.toByteArray());
    }

    @Test
    void bufferGrowsNoFurtherThanItsConfiguredSize() {
        ChunkWriter w = new ChunkWriter(new CountingStream(), 8192);
        for (int i = 0; i < 5; i++) {
            w.write(new MediaMessage(9, 0, 1, Bytes.wrap(pattern(50_000))), 6);
            w.flush();
        }
        assertEquals(8192, w.capacity());
    }

    @Test
    void smallBufferSpillsButProducesTheSameBytes() {
        MediaMessage m = new MediaMessage(9, 0x01020304L, 1, Bytes.wrap(pattern(10_000)));
        byte[] expected = encode(128, 300, m);
        CountingStream out = new CountingStream();
        ChunkWriter w = new ChunkWriter(out, 256);
        w.write(m, 300);
        w.flush();
        assertArrayEquals(expected, out.bytes.toByteArray());
        assertEquals(expected.length, w.bytesWritten());
        assertEquals(true, out.writes > expected.length / 256);
    }

    @Test
    void roundTripsManySizesTimestampsAndChunkStreams() {
        Random rnd = new Random(42);
        long[] timestamps = {0, 1, 0xFFFFFE, 0xFFFFFF, 0x1000000, 0x7FFFFFFF, 0x80000000L, 0xFFFFFFFFL};
        int[] sizes = {1, 2, 127, 128, 129, 255, 256, 257, 4095, 4096, 4097, 60000, 60001, 65536, 100_000};
        int[] csids = {2, 3, 63, 64, 65, 319, 320, 1000, 65599};
        int[] chunkSizes = {128, 129, 4096, 60000, 65536, 100_000};
        for (int chunkSize : chunkSizes) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChunkWriter w = new ChunkWriter(out);
            List<MediaMessage> sent = new ArrayList<>();
            MediaMessage announce = ControlMessages.setChunkSize(chunkSize);
            w.write(announce, ChunkHeaders.CONTROL_CSID);
            w.setChunkSize(chunkSize);
            sent.add(announce);
            for (int i = 0; i < 60; i++) {
                byte[] p = new byte[sizes[rnd.nextInt(sizes.length)]];
                rnd.nextBytes(p);
                MediaMessage m = new MediaMessage(8 + rnd.nextInt(2), timestamps[rnd.nextInt(timestamps.length)],
                        rnd.nextInt(), Bytes.wrap(p));
                w.write(m, csids[rnd.nextInt(csids.length)]);
                sent.add(m);
            }
            w.flush();
            assertEquals(sent, readAll(out.toByteArray()), "chunk size " + chunkSize);
        }
    }

    @Test
    void roundTripsInFragmentedReads() {
        // Small messages so that every 2-piece split stays cheap.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkWriter w = new ChunkWriter(out);
        List<MediaMessage> sent = List.of(
                new MediaMessage(9, 0xFFFFFF, 1, Bytes.wrap(pattern(300))),
                new MediaMessage(8, 0xFFFFFFFFL, 1, Bytes.wrap(pattern(129))),
                new MediaMessage(18, 7, 1, Bytes.wrap(pattern(40))));
        w.write(sent.get(0), 6);
        w.write(sent.get(1), 400);
        w.write(sent.get(2), 70);
        w.flush();
        assertEquals(sent, Decoding.decodeAllWays(out.toByteArray()));
    }

    @Test
    void mapsWriteFailures() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        ChunkWriter w = new ChunkWriter(broken);
        w.write(new MediaMessage(9, 0, 1, Bytes.wrap(hex("aa"))), 6);
        assertEquals(ErrorCode.SOCKET_WRITE, assertThrows(SrsException.class, w::flush).code());
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new SocketTimeoutException("slow");
            }
        };
        ChunkWriter w2 = new ChunkWriter(slow);
        w2.write(new MediaMessage(9, 0, 1, Bytes.wrap(hex("aa"))), 6);
        assertEquals(ErrorCode.SOCKET_TIMEOUT, assertThrows(SrsException.class, w2::flush).code());
    }
}
