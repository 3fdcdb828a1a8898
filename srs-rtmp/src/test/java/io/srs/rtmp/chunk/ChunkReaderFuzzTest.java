package io.srs.rtmp.chunk;

import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Random, truncated and mutated chunk streams must only ever end in SrsException, with bounded allocation. */
class ChunkReaderFuzzTest {
    private static final ChunkLimits SMALL = new ChunkLimits(4096, 8, 8192);
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static byte[] validStream(Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkWriter w = new ChunkWriter(out);
        int n = 1 + rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(5) == 0) {
                int size = 128 + rnd.nextInt(1000);
                w.write(ControlMessages.setChunkSize(size), 2);
                w.setChunkSize(size);
            }
            byte[] p = new byte[rnd.nextInt(600)];
            rnd.nextBytes(p);
            long ts = rnd.nextBoolean() ? rnd.nextInt(1000) : rnd.nextLong() & 0xFFFFFFFFL;
            w.write(new MediaMessage(1 + rnd.nextInt(22), ts, rnd.nextInt(), Bytes.wrap(p)), 2 + rnd.nextInt(400));
        }
        w.flush();
        return out.toByteArray();
    }

    private static void decodeExpectingOnlySrsException(byte[] data, boolean oneByteReads) {
        long before = MX.getCurrentThreadAllocatedBytes();
        try {
            Decoding.readAll(oneByteReads ? PieceInputStream.oneByteReads(data) : new PieceInputStream(data), SMALL);
        } catch (SrsException expected) {
            // The only acceptable failure.
        } catch (RuntimeException | Error e) {
            fail("non-SrsException for input " + Bytes.wrap(data).toHex(), e);
        }
        long allocated = MX.getCurrentThreadAllocatedBytes() - before;
        // Read buffer + pending cap + what the input itself can turn into, plus slack for
        // exceptions and bookkeeping.
        long bound = ChunkReader.BUFFER_SIZE + SMALL.maxPendingBytes() + 8L * data.length + 256 * 1024;
        assertTrue(allocated < bound, "allocated " + allocated + " for " + data.length + " input bytes");
    }

    @Test
    void randomBytes() {
        Random rnd = new Random(1);
        for (int i = 0; i < 3000; i++) {
            byte[] data = new byte[rnd.nextInt(400)];
            rnd.nextBytes(data);
            if (data.length > 0 && rnd.nextBoolean()) {
                data[0] = (byte) (data[0] & 0x3f); // a type-0 header, so more cases get past the first check
            }
            decodeExpectingOnlySrsException(data, i % 10 == 0);
        }
    }

    @Test
    void truncatedValidStreams() {
        Random rnd = new Random(2);
        for (int i = 0; i < 2000; i++) {
            byte[] data = validStream(rnd);
            decodeExpectingOnlySrsException(Arrays.copyOf(data, rnd.nextInt(data.length + 1)), i % 10 == 0);
        }
    }

    @Test
    void mutatedValidStreams() {
        Random rnd = new Random(3);
        for (int i = 0; i < 3000; i++) {
            byte[] data = validStream(rnd);
            int flips = 1 + rnd.nextInt(4);
            for (int f = 0; f < flips && data.length > 0; f++) {
                data[rnd.nextInt(data.length)] = (byte) rnd.nextInt(256);
            }
            decodeExpectingOnlySrsException(data, i % 10 == 0);
        }
    }

    @Test
    void hugeLengthFieldsFailWithoutAllocating() {
        Random rnd = new Random(4);
        for (int i = 0; i < 1000; i++) {
            byte[] data = new byte[12 + rnd.nextInt(50)];
            rnd.nextBytes(data);
            data[0] = (byte) (2 + rnd.nextInt(60));
            data[4] = (byte) (0x10 + rnd.nextInt(0xF0)); // length >= 0x100000, far over the 4096 cap
            decodeExpectingOnlySrsException(data, false);
        }
    }
}
