package io.srs.kernel.flv;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.codec.Vectors;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class FlvReaderTest {
    private static List<MediaMessage> readAll(InputStream in) {
        FlvReader r = new FlvReader(in);
        List<MediaMessage> out = new ArrayList<>();
        for (MediaMessage m; (m = r.next()) != null; ) {
            out.add(m);
        }
        return out;
    }

    @Test
    void readsGeneratedH264AacFile() {
        byte[] file = Vectors.resource("avc_aac.flv");
        FlvReader r = new FlvReader(new ByteArrayInputStream(file));
        assertTrue(r.hasAudio());
        assertTrue(r.hasVideo());
        List<MediaMessage> all = readAll(new ByteArrayInputStream(file));
        MediaMessage meta = all.getFirst();
        assertEquals(MessageType.AMF0_DATA, meta.type());
        assertEquals("onMetaData", new String(meta.payload().toArray(), 3, 10));
        assertEquals(Bytes.fromHex("17000000000164001effe1001a6764001eacd940a02ff97011000003000100000300320f162d9601000468ef8fcbfdf8f800"),
                all.get(1).payload());
        long video = all.stream().filter(MediaMessage::isVideo).count();
        // 2 s at 25 fps plus the sequence header and FFmpeg's end-of-sequence tag.
        assertEquals(52, video);
        assertTrue(all.stream().filter(MediaMessage::isAudio).count() > 80);
        MediaMessage last = all.getLast();
        assertTrue(last.timestamp() >= 1900 && last.timestamp() <= 2100, "last ts " + last.timestamp());
        long prev = -1;
        for (MediaMessage m : all) {
            if (m.isVideo()) {
                assertTrue(m.timestamp() >= prev);
                prev = m.timestamp();
            }
        }
    }

    @Test
    void writerReproducesFfmpegFileByteForByte() {
        byte[] file = Vectors.resource("avc_aac.flv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FlvWriter w = new FlvWriter(out);
        w.writeHeader(true, true);
        for (MediaMessage m : readAll(new ByteArrayInputStream(file))) {
            w.write(m);
        }
        w.flush();
        assertArrayEquals(file, out.toByteArray());
    }

    @Test
    void extendedTimestampRoundTrips() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FlvWriter w = new FlvWriter(out);
        w.writeHeader(false, true);
        w.write(new MediaMessage(MessageType.VIDEO, 0x12345678L, 0, Bytes.fromHex("2701000000")));
        byte[] b = out.toByteArray();
        assertEquals(Bytes.fromHex("464c5601010000000900000000" + "09000005345678120000002701000000" + "00000010"), Bytes.wrap(b));
        MediaMessage m = new FlvReader(new ByteArrayInputStream(b)).next();
        assertEquals(0x12345678L, m.timestamp());
    }

    private static byte[] smallFile() {
        byte[] file = Vectors.resource("avc_aac.flv");
        // Header plus the first four tags (metadata, video and audio sequence headers, first IDR).
        int p = 13;
        for (int i = 0; i < 4; i++) {
            int size = ((file[p + 1] & 0xff) << 16) | ((file[p + 2] & 0xff) << 8) | (file[p + 3] & 0xff);
            p += 11 + size + 4;
        }
        return Arrays.copyOf(file, p);
    }

    @Test
    void everyTwoPieceSplitAndOneBytePiecesGiveTheSameTags() {
        byte[] small = smallFile();
        List<MediaMessage> expected = readAll(new ByteArrayInputStream(small));
        assertEquals(4, expected.size());
        for (int cut = 0; cut <= small.length; cut++) {
            InputStream in = new SequenceInputStream(new ByteArrayInputStream(small, 0, cut),
                    new ByteArrayInputStream(small, cut, small.length - cut));
            assertEquals(expected, readAll(in), "cut at " + cut);
        }
        assertEquals(expected, readAll(new OneByteInputStream(small)));
    }

    @Test
    void truncationEndsCleanlyAtTagBoundariesElseThrowsEof() {
        byte[] small = smallFile();
        for (int n = 0; n < small.length; n++) {
            byte[] cut = Arrays.copyOf(small, n);
            try {
                List<MediaMessage> got = readAll(new ByteArrayInputStream(cut));
                assertTrue(n >= 13, "clean end needs a header, n=" + n);
                assertFalse(got.size() > 4);
            } catch (SrsException e) {
                assertTrue(e.code() == ErrorCode.SYSTEM_FILE_EOF || e.code() == ErrorCode.KERNEL_FLV_HEADER,
                        "n=" + n + " " + e);
            }
        }
        // Exactly at a boundary (missing the final PreviousTagSize) is a clean end.
        assertEquals(4, readAll(new ByteArrayInputStream(Arrays.copyOf(small, small.length - 4))).size());
    }

    @Test
    void rejectsBadHeaderAndOversizeTags() {
        assertEquals(ErrorCode.KERNEL_FLV_HEADER, assertThrows(SrsException.class,
                () -> new FlvReader(new ByteArrayInputStream(Bytes.fromHex("464c5801050000000900000000").toArray())).next()).code());
        byte[] big = Bytes.fromHex("464c5601050000000900000000" + "09100001000000000000000000").toArray();
        assertEquals(ErrorCode.KERNEL_FLV_HEADER, assertThrows(SrsException.class,
                () -> new FlvReader(new ByteArrayInputStream(big), 1 << 20).next()).code());
        // Lying size with no data: a clean EOF error, not a 16 MB allocation.
        byte[] lying = Bytes.fromHex("464c5601050000000900000000" + "09ffffff0000000000000017").toArray();
        assertEquals(ErrorCode.SYSTEM_FILE_EOF, assertThrows(SrsException.class,
                () -> new FlvReader(new ByteArrayInputStream(lying)).next()).code());
    }

    @Test
    void skipsUnknownTagTypes() {
        byte[] b = Bytes.fromHex("464c5601050000000900000000" + "0f000001 00000000 000000 2a 0000000c"
                + "08000001 00000000 000000 2f 0000000c").toArray();
        MediaMessage m = new FlvReader(new ByteArrayInputStream(b)).next();
        assertEquals(MessageType.AUDIO, m.type());
        assertEquals(Bytes.fromHex("2f"), m.payload());
    }

    @Test
    void randomInputOnlyThrowsSrsException() {
        Random rnd = new Random(3);
        byte[] small = smallFile();
        for (int i = 0; i < 3000; i++) {
            byte[] a = i % 2 == 0 ? Arrays.copyOf(small, 14 + rnd.nextInt(200)) : new byte[rnd.nextInt(100)];
            if (i % 2 == 0) {
                for (int f = 0; f < 3; f++) {
                    a[13 + rnd.nextInt(a.length - 13)] = (byte) rnd.nextInt();
                }
            } else {
                rnd.nextBytes(a);
                if (a.length >= 3 && rnd.nextBoolean()) {
                    a[0] = 'F';
                    a[1] = 'L';
                    a[2] = 'V';
                }
            }
            try {
                readAll(new ByteArrayInputStream(a));
            } catch (SrsException expected) {
                // fine
            } catch (RuntimeException | Error e) {
                fail("gave " + e, e);
            }
        }
    }

    @Test
    void emptyFileIsAHeaderError() {
        assertThrows(SrsException.class, () -> new FlvReader(new ByteArrayInputStream(new byte[0])).next());
        assertNull(new FlvReader(new ByteArrayInputStream(Bytes.fromHex("464c5601050000000900000000").toArray())).next());
    }

    /** Returns at most one byte per read, like a slow socket. */
    static final class OneByteInputStream extends InputStream {
        private final byte[] data;
        private int pos;

        OneByteInputStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }
}
