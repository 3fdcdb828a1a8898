package io.srs.research.load;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.chunk.ChunkReader;
import io.srs.rtmp.chunk.ChunkWriter;
import io.srs.rtmp.chunk.ControlMessages;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkCounterTest {

    /** What a server sends after Play.Start: chunk size change, metadata, headers, frames. */
    private static byte[] stream(boolean extendedTimestamps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkWriter w = new ChunkWriter(out);
        w.write(ControlMessages.setChunkSize(4096), 2);
        w.setChunkSize(4096);
        w.write(ControlMessages.windowAckSize(1000), 2);
        long t = extendedTimestamps ? 0x1000000L : 0;
        w.write(msg(MessageType.AMF0_DATA, t, 300, 0x02), 5);
        w.write(msg(MessageType.VIDEO, t, 40, 0x17, 0x00), 6);      // AVC sequence header
        w.write(msg(MessageType.AUDIO, t, 7, 0xaf, 0x00), 7);       // AAC sequence header
        w.write(msg(MessageType.VIDEO, t + 40, 5000, 0x27, 0x01), 6); // inter frame: no picture yet
        w.write(msg(MessageType.AUDIO, t + 40, 200, 0xaf, 0x01), 7);
        w.write(ControlMessages.userControl(ControlMessages.EVENT_PING_REQUEST, 0x01020304), 2);
        w.write(msg(MessageType.VIDEO, t + 80, 20000, 0x17, 0x01), 6); // keyframe, 5 chunks
        w.write(msg(MessageType.AUDIO, t + 80, 1, 0xaf), 7);
        w.flush();
        return out.toByteArray();
    }

    private static MediaMessage msg(int type, long ts, int size, int... head) {
        byte[] p = new byte[size];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 31);
        }
        for (int i = 0; i < head.length && i < size; i++) {
            p[i] = (byte) head[i];
        }
        return new MediaMessage(type, ts, 1, Bytes.wrap(p));
    }

    /** Hands out the input in pieces of at most {@code piece} bytes, then end of stream. */
    private static final class Pieces implements ReadableByteChannel {
        private final byte[] data;
        private final int[] cuts;
        private int pos;
        private int cut;

        Pieces(byte[] data, int... cuts) {
            this.data = data;
            this.cuts = cuts;
        }

        static Pieces of(byte[] data, int piece) {
            List<Integer> c = new ArrayList<>();
            for (int i = piece; i < data.length; i += piece) {
                c.add(i);
            }
            return new Pieces(data, c.stream().mapToInt(Integer::intValue).toArray());
        }

        @Override
        public int read(ByteBuffer dst) {
            if (pos >= data.length) {
                return -1;
            }
            int end = cut < cuts.length ? cuts[cut] : data.length;
            int n = Math.min(dst.remaining(), end - pos);
            dst.put(data, pos, n);
            pos += n;
            if (pos == end) {
                cut++;
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private record Run(ClientStats stats, byte[] replies, SrsException end, int afterFirstFrame) {
    }

    private static Run run(ReadableByteChannel in, int block, byte[] preloaded) {
        ClientStats stats = new ClientStats(0);
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocateDirect(block);
        buf.put(preloaded);
        int[] ran = new int[1];
        ChunkCounter c = new ChunkCounter(in, replies, buf, 128, 0, preloaded.length, stats, () -> ran[0]++);
        SrsException end = assertThrows(SrsException.class, c::run);
        return new Run(stats, replies.toByteArray(), end, ran[0]);
    }

    private static void assertCounted(Run r, int total) {
        assertEquals(ErrorCode.SOCKET_READ, r.end().code(), r.end().getMessage());
        assertEquals(total, r.stats().bytes);
        assertEquals(3, r.stats().videoFrames);
        assertEquals(3, r.stats().audioFrames);
        assertNotEquals(0, r.stats().firstFrameAt);
        // The keyframe arrives in the input's last part; the hook runs on the read after it.
        assertTrue(r.afterFirstFrame() <= 1);
    }

    @Test
    void countsMessagesAndFindsTheKeyframeInOneRead() {
        byte[] s = stream(false);
        Run r = run(Pieces.of(s, s.length), 1 << 16, new byte[0]);
        assertCounted(r, s.length);
    }

    @Test
    void extendedTimestampsRepeatInEveryChunk() {
        byte[] s = stream(true);
        Run r = run(Pieces.of(s, 1000), 16384, new byte[0]);
        assertCounted(r, s.length);
    }

    @Test
    void oneBytePieces() {
        for (boolean ext : new boolean[]{false, true}) {
            byte[] s = stream(ext);
            assertCounted(run(Pieces.of(s, 1), 1024, new byte[0]), s.length);
        }
    }

    @Test
    void everyTwoPieceSplitAndPreloadedPrefix() {
        byte[] s = stream(false);
        for (int cut = 1; cut < s.length; cut += 7) {
            assertCounted(run(new Pieces(s, cut), 1024, new byte[0]), s.length);
        }
        // Bytes the dialogue already read sit at the start of the buffer.
        for (int pre = 0; pre < 600; pre += 37) {
            byte[] head = java.util.Arrays.copyOf(s, pre);
            byte[] rest = java.util.Arrays.copyOfRange(s, pre, s.length);
            assertCounted(run(Pieces.of(rest, 100), 1024, head), s.length);
        }
    }

    @Test
    void noFrameBeforeTheKeyframe() {
        // Cut the input right before the keyframe message starts: headers and an inter frame only.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkWriter w = new ChunkWriter(out);
        w.write(msg(MessageType.VIDEO, 0, 40, 0x17, 0x00), 6);
        w.write(msg(MessageType.VIDEO, 40, 300, 0x27, 0x01), 6);
        w.write(msg(MessageType.VIDEO, 80, 300, 0x17, 0x01), 6);
        w.flush();
        byte[] all = out.toByteArray();
        byte[] before = java.util.Arrays.copyOf(all, all.length - 300 - 12 - 2);
        Run r = run(Pieces.of(before, 50), 1024, new byte[0]);
        assertEquals(2, r.stats().videoFrames);
        assertEquals(0, r.stats().firstFrameAt);
        assertEquals(0, r.afterFirstFrame());
    }

    @Test
    void answersPingAndAcknowledgesTheWindow() {
        byte[] s = stream(false);
        Run r = run(Pieces.of(s, 700), 1024, new byte[0]);
        List<MediaMessage> replies = new ArrayList<>();
        ChunkReader reader = new ChunkReader(new ByteArrayInputStream(r.replies()));
        try {
            while (true) {
                replies.add(reader.readMessage());
            }
        } catch (SrsException e) {
            assertEquals(ErrorCode.SOCKET_READ, e.code());
        }
        List<MediaMessage> pings = replies.stream().filter(m -> m.type() == MessageType.USER_CONTROL).toList();
        assertEquals(1, pings.size());
        assertEquals("000701020304", pings.get(0).payload().toHex());
        List<MediaMessage> acks = replies.stream().filter(m -> m.type() == MessageType.ACKNOWLEDGEMENT).toList();
        // Window 1000: one acknowledgement per 500 bytes or more received, at read boundaries.
        assertTrue(acks.size() >= s.length / 1400, "acks " + acks.size());
        long last = -1;
        for (MediaMessage a : acks) {
            long seq = ((long) a.payload().get(0) << 24) | (a.payload().get(1) << 16) | (a.payload().get(2) << 8) | a.payload().get(3);
            assertTrue(seq > last && seq <= s.length);
            last = seq;
        }
    }

    @Test
    void keyframeDetection() {
        assertTrue(ChunkCounter.isKeyframe(0x17, 0x01));
        assertFalse(ChunkCounter.isKeyframe(0x17, 0x00));      // AVC sequence header
        assertFalse(ChunkCounter.isKeyframe(0x27, 0x01));      // inter frame
        assertTrue(ChunkCounter.isKeyframe(0x1c, 0x01));       // HEVC keyframe
        assertFalse(ChunkCounter.isKeyframe(0x1c, 0x00));
        assertTrue(ChunkCounter.isKeyframe(0x12, -1));          // Sorenson keyframe, one byte
        assertFalse(ChunkCounter.isKeyframe(0x57, 0x01));      // command frame
        assertTrue(ChunkCounter.isKeyframe(0x91, 0x00));       // enhanced RTMP, coded frames
        assertTrue(ChunkCounter.isKeyframe(0x93, 0x00));       // enhanced RTMP, coded frames X
        assertFalse(ChunkCounter.isKeyframe(0x90, 0x00));      // enhanced RTMP, sequence start
        assertFalse(ChunkCounter.isKeyframe(0xa1, 0x00));      // enhanced RTMP, inter frame
    }

    @Test
    void randomAndTruncatedInputOnlyEndsInSrsException() {
        Random rnd = new Random(8);
        byte[] s = stream(false);
        for (int i = 0; i < 3000; i++) {
            byte[] in;
            if (i % 2 == 0) {
                in = new byte[rnd.nextInt(400)];
                rnd.nextBytes(in);
            } else {
                in = java.util.Arrays.copyOf(s, rnd.nextInt(s.length));
                if (in.length > 0) {
                    in[rnd.nextInt(in.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
            }
            Run r = run(Pieces.of(in, 1 + rnd.nextInt(64)), 1024, new byte[0]);
            assertTrue(r.stats().bytes <= in.length);
        }
    }
}
