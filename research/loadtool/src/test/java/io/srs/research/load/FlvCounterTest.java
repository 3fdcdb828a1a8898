package io.srs.research.load;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lean HTTP-FLV walk: tags counted and the first keyframe found across any split. */
class FlvCounterTest {
    private static byte[] tag(int type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) type, (byte) (body.length >> 16), (byte) (body.length >> 8),
                (byte) body.length, 0, 0, 0, 0, 0, 0, 0});
        out.writeBytes(body);
        int total = body.length + 11;
        out.writeBytes(new byte[]{(byte) (total >> 24), (byte) (total >> 16), (byte) (total >> 8), (byte) total});
        return out.toByteArray();
    }

    private static byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0});
        out.writeBytes(tag(18, new byte[30]));
        out.writeBytes(tag(9, new byte[]{0x17, 0, 0, 0, 0, 1, 2}));   // sequence header: not a frame
        out.writeBytes(tag(8, new byte[]{(byte) 0xaf, 0, 0x12, 0x10}));
        out.writeBytes(tag(9, new byte[]{0x27, 1, 0, 0, 0, 5, 5, 5}));  // inter frame
        out.writeBytes(tag(9, new byte[]{0x17, 1, 0, 0, 0, 6, 6, 6}));  // keyframe
        out.writeBytes(tag(8, new byte[]{(byte) 0xaf, 1, 9}));
        return out.toByteArray();
    }

    private static byte[] chunked(byte[] body, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += chunk) {
            int n = Math.min(chunk, body.length - i);
            out.writeBytes((Integer.toHexString(n) + (i == 0 ? ";ext=1" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** Feeds {@code data} in pieces of {@code piece} bytes. */
    private static ClientStats walk(byte[] data, boolean chunked, int piece) {
        ClientStats s = new ClientStats(0);
        FlvCounter c = new FlvCounter(chunked, s);
        ByteBuffer buf = ByteBuffer.allocateDirect(data.length);
        buf.put(data);
        for (int i = 0; i < data.length; i += piece) {
            c.feed(buf, i, Math.min(data.length, i + piece));
        }
        return s;
    }

    @Test
    void countsTagsAndFindsTheKeyframeWhateverTheSplit() {
        byte[] flv = stream();
        for (int chunk : new int[]{1, 3, 7, 64, flv.length}) {
            for (int piece : new int[]{1, 2, 5, 13, 4096}) {
                ClientStats s = walk(chunked(flv, chunk), true, piece);
                assertEquals(3, s.videoFrames, "chunk " + chunk + " piece " + piece);
                assertEquals(2, s.audioFrames);
                assertTrue(s.firstFrameAt != 0);
            }
        }
        ClientStats plain = walk(flv, false, 3);
        assertEquals(3, plain.videoFrames);
        assertTrue(plain.firstFrameAt != 0);
    }

    @Test
    void noKeyframeBeforeOneArrives() {
        byte[] flv = stream();
        byte[] cut = java.util.Arrays.copyOf(flv, flv.length - 18 - 23 + 11 + 1); // the keyframe header and its first body byte
        ClientStats s = walk(cut, false, 4096);
        assertEquals(3, s.videoFrames, "the keyframe tag was entered");
        assertEquals(0, s.firstFrameAt);
    }

    @Test
    void notesTheHeaderFlagsAndDumpsTheDechunkedBodyWhateverTheSplit() {
        byte[] flv = stream();
        for (int chunk : new int[]{1, 4, 7, flv.length}) {
            for (int piece : new int[]{1, 3, 5, 4096}) {
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                ClientStats s = new ClientStats(0);
                FlvCounter c = new FlvCounter(true, s, Channels.newChannel(sink), 40);
                byte[] data = chunked(flv, chunk);
                ByteBuffer buf = ByteBuffer.allocateDirect(data.length);
                buf.put(data);
                for (int i = 0; i < data.length; i += piece) {
                    c.feed(buf, i, Math.min(data.length, i + piece));
                }
                assertEquals(5, s.flvFlags, "chunk " + chunk + " piece " + piece);
                assertArrayEquals(Arrays.copyOf(flv, 40), sink.toByteArray(), "chunk " + chunk + " piece " + piece);
            }
        }
        assertEquals(-1, walk(Arrays.copyOf(stream(), 4), false, 1).flvFlags);
    }

    @Test
    void aBadChunkSizeIsAnError() {
        byte[] bad = "zz\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThrows(RuntimeException.class, () -> walk(bad, true, 4096));
    }
}
