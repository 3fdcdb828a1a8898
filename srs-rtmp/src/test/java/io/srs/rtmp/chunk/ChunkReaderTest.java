package io.srs.rtmp.chunk;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.SocketTimeoutException;
import java.util.List;

import static io.srs.rtmp.chunk.Decoding.decodeAllWays;
import static io.srs.rtmp.chunk.Decoding.decodeFails;
import static io.srs.rtmp.chunk.Decoding.hex;
import static io.srs.rtmp.chunk.Decoding.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkReaderTest {

    private static MediaMessage msg(int type, long ts, int sid, String payloadHex) {
        return new MediaMessage(type, ts, sid, Bytes.wrap(hex(payloadHex)));
    }

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void readsFmt0WindowAckSizeAndRemembersWindow() {
        // SRS utest ProtocolRecvAckSizeMessage.
        byte[] data = hex("02 000000 000004 05 00000000 | 00000763");
        assertEquals(List.of(msg(MessageType.WINDOW_ACK_SIZE, 0, 0, "00000763")), decodeAllWays(data));
        ChunkReader reader = new ChunkReader(new PieceInputStream(data));
        reader.readMessage();
        assertEquals(0x763, reader.windowAckSize());
        assertEquals(data.length, reader.bytesRead());
        assertEquals(2, reader.lastChunkStreamId());
    }

    @Test
    void appliesFmt1AndFmt2DeltasAndFmt3RepeatsTheLastDelta() {
        byte[] data = hex("""
                04 00001a 000003 08 01000000 aabbcc
                44 00000a 000002 08 dddd
                84 000005 eeff
                c4 1122
                """);
        assertEquals(List.of(
                msg(8, 26, 1, "aabbcc"),
                msg(8, 36, 1, "dddd"),
                msg(8, 41, 1, "eeff"),
                msg(8, 46, 1, "1122")), decodeAllWays(data));
    }

    @Test
    void fmt3AfterFmt0UsesTheFmt0TimestampAsDelta() {
        // The FMLE case from SRS's read_message_header comment: 0xC4 after a type-0 audio at 26.
        byte[] data = hex("04 00001a 000001 08 01000000 aa | c4 bb");
        assertEquals(List.of(msg(8, 26, 1, "aa"), msg(8, 52, 1, "bb")), decodeAllWays(data));
    }

    @Test
    void fmt1MayChangeTypeAndLengthBetweenMessages() {
        byte[] data = hex("05 000100 000001 14 01000000 01 | 45 000001 000002 12 0203");
        assertEquals(List.of(msg(20, 256, 1, "01"), msg(18, 257, 1, "0203")), decodeAllWays(data));
    }

    @Test
    void readsBasicHeadersOfOneTwoAndThreeBytes() {
        String body = " 000000 000001 14 00000000 99";
        int[][] cases = {
                {2, 0}, {63, 0}, {64, 0}, {319, 0}, {64, 1}, {320, 0}, {65599, 0}, {4000, 0}};
        String[] headers = {"02", "3f", "00 00", "00 ff", "01 00 00", "01 00 01", "01 ff ff", "01 60 0f"};
        for (int i = 0; i < cases.length; i++) {
            byte[] data = hex(headers[i] + body);
            ChunkReader reader = new ChunkReader(new PieceInputStream(data));
            assertEquals(msg(20, 0, 0, "99"), reader.readMessage());
            assertEquals(cases[i][0], reader.lastChunkStreamId(), headers[i]);
            assertEquals(1, decodeAllWays(data).size());
        }
    }

    @Test
    void readsExtendedTimestampOnFmt0() {
        // SRS utests ProtocolRecvExtTimeMessage 1-3; the last keeps all 32 bits (SRS masks to 31).
        assertEquals(0x10, readAll(hex("03 ffffff 000004 09 00000000 00000010 00000763")).get(0).timestamp());
        assertEquals(0x7f010203L,
                readAll(hex("03 ffffff 000004 09 00000000 7f010203 00000763")).get(0).timestamp());
        List<MediaMessage> m = decodeAllWays(hex("03 ffffff 000004 09 00000000 ff010203 00000763"));
        assertEquals(List.of(msg(9, 0xff010203L, 0, "00000763")), m);
    }

    private static byte[] extendedTwoChunkMessage(boolean repeatField, long ts) {
        byte[] payload = pattern(272, 5);
        String ext = String.format("%08x", ts);
        String again = repeatField ? ext : "";
        return concat(hex("03 ffffff 000110 09 00000000" + ext), java.util.Arrays.copyOfRange(payload, 0, 128),
                hex("c3" + again), java.util.Arrays.copyOfRange(payload, 128, 256),
                hex("c3" + again), java.util.Arrays.copyOfRange(payload, 256, 272));
    }

    @Test
    void readsFmt3ContinuationsWithAndWithoutTheRepeatedExtendedTimestamp() {
        // SRS utests ProtocolRecvVExtTime2Trunk (Flash/FMS style) and ...Trunk2 (librtmp style).
        MediaMessage expected = new MediaMessage(9, 0x00010203, 0, Bytes.wrap(pattern(272, 5)));
        assertEquals(List.of(expected), decodeAllWays(extendedTwoChunkMessage(true, 0x00010203)));
        assertEquals(List.of(expected), decodeAllWays(extendedTwoChunkMessage(false, 0x00010203)));
        MediaMessage big = new MediaMessage(9, 0xfedcba98L, 0, Bytes.wrap(pattern(272, 5)));
        assertEquals(List.of(big), decodeAllWays(extendedTwoChunkMessage(true, 0xfedcba98L)));
        assertEquals(List.of(big), decodeAllWays(extendedTwoChunkMessage(false, 0xfedcba98L)));
    }

    @Test
    void extendedFieldOfFmt1And2IsADeltaAndFmt3RepeatsIt() {
        // The vectors of srs pull 4356: video at 11000, then a delta of 16776216 in the extended field.
        byte[] data = hex("""
                06 002af8 000002 09 01000000 0102
                46 ffffff 000002 09 00fffc18 0304
                c6 00fffc18 0506
                86 ffffff 01000000 0708
                """);
        assertEquals(List.of(
                msg(9, 11000, 1, "0102"),
                msg(9, 11000 + 16776216L, 1, "0304"),
                msg(9, 11000 + 2 * 16776216L, 1, "0506"),
                msg(9, 11000 + 2 * 16776216L + 16777216L, 1, "0708")), decodeAllWays(data));
    }

    @Test
    void timestampsWrapAt32Bits() {
        byte[] data = hex("04 ffffff 000001 08 01000000 ffffff00 aa | 84 000200 bb");
        assertEquals(List.of(msg(8, 0xffffff00L, 1, "aa"), msg(8, 0x100, 1, "bb")), decodeAllWays(data));
    }

    @Test
    void reassemblesInterleavedChunkStreams() {
        byte[] video = pattern(300, 1);
        byte[] data = concat(
                hex("06 000064 00012c 09 01000000"), java.util.Arrays.copyOfRange(video, 0, 128),
                hex("04 000064 000002 08 01000000 a1a2"),
                hex("c6"), java.util.Arrays.copyOfRange(video, 128, 256),
                hex("44 000014 000003 08 b1b2b3"),
                hex("c6"), java.util.Arrays.copyOfRange(video, 256, 300));
        List<MediaMessage> got = decodeAllWays(data);
        assertEquals(List.of(
                msg(8, 100, 1, "a1a2"),
                msg(8, 120, 1, "b1b2b3"),
                new MediaMessage(9, 100, 1, Bytes.wrap(video))), got);
    }

    @Test
    void setChunkSizeTakesEffectForTheNextChunk() {
        byte[] body = pattern(1000, 2);
        byte[] data = concat(hex("02 000000 000004 01 00000000 00001000"),
                hex("06 000000 0003e8 09 01000000"), body);
        List<MediaMessage> got = decodeAllWays(data);
        assertEquals(msg(1, 0, 0, "00001000"), got.get(0));
        assertEquals(new MediaMessage(9, 0, 1, Bytes.wrap(body)), got.get(1));
        ChunkReader reader = new ChunkReader(new PieceInputStream(data));
        reader.readMessage();
        assertEquals(4096, reader.chunkSize());
    }

    @Test
    void acceptsChunkSizesAbove65536LikeSrs() {
        byte[] body = pattern(70000, 3);
        byte[] data = concat(hex("02 000000 000004 01 00000000 000186a0"),
                hex("06 000000 011170 09 01000000"), body);
        // Pieces of 7000 bytes exercise both the buffered and the direct-read copy.
        int[] cuts = new int[data.length / 7000];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = (i + 1) * 7000;
        }
        List<MediaMessage> got = readAll(new PieceInputStream(data, cuts), ChunkLimits.DEFAULT);
        assertEquals(new MediaMessage(9, 0, 1, Bytes.wrap(body)), got.get(1));
        assertEquals(got, readAll(PieceInputStream.oneByteReads(data), ChunkLimits.DEFAULT));
        assertEquals(got, readAll(data));
    }

    @Test
    void rejectsChunkSizesBelow128AndShortBodies() {
        decodeFails(hex("02 000000 000004 01 00000000 0000007f"), ChunkLimits.DEFAULT, ErrorCode.RTMP_CHUNK_SIZE);
        decodeFails(hex("02 000000 000004 01 00000000 80000000"), ChunkLimits.DEFAULT, ErrorCode.RTMP_CHUNK_SIZE);
        decodeFails(hex("02 000000 000002 01 00000000 0080"), ChunkLimits.DEFAULT, ErrorCode.RTMP_MESSAGE_DECODE);
        decodeFails(hex("02 000000 000003 05 00000000 000080"), ChunkLimits.DEFAULT, ErrorCode.RTMP_MESSAGE_DECODE);
        decodeFails(hex("02 000000 000000 02 00000000"), ChunkLimits.DEFAULT, ErrorCode.RTMP_MESSAGE_DECODE);
    }

    @Test
    void ignoresNonPositiveWindowAckSize() {
        ChunkReader reader = new ChunkReader(new PieceInputStream(
                hex("02 000000 000004 05 00000000 00001000 | 02 000000 000004 05 00000000 80000000")));
        reader.readMessage();
        reader.readMessage();
        assertEquals(4096, reader.windowAckSize());
    }

    @Test
    void partialMessagesHoldWhatArrivedNotWhatWasAnnounced() {
        // 100 chunk streams each announce an 8 MiB message and send one 128-byte chunk: the old
        // reader reserved 8 MiB per stream (and refused the third); now each holds 4 KiB.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int csid = 3; csid < 103; csid++) {
            out.writeBytes(hex(csid < 64 ? String.format("%02x", csid) : "00 " + String.format("%02x", csid - 64)));
            out.writeBytes(hex("000000 800000 09 01000000"));
            out.writeBytes(pattern(128, csid));
        }
        out.writeBytes(hex("02 000000 000004 05 00000000 00001000"));
        long[] held = new long[1];
        ChunkMemory memory = new ChunkMemory() {
            @Override
            public void acquire(int bytes) {
                held[0] += bytes;
            }

            @Override
            public void release(int bytes) {
                held[0] -= bytes;
            }
        };
        ChunkReader reader = new ChunkReader(new PieceInputStream(out.toByteArray()));
        reader.useMemory(memory);
        assertEquals(MessageType.WINDOW_ACK_SIZE, reader.readMessage().type());
        assertEquals(100L * ChunkReader.INITIAL_PAYLOAD_SIZE, reader.pendingBytes());
        assertEquals(reader.pendingBytes(), held[0]);
    }

    @Test
    void aMessageGrowsToExactlyItsLengthAndReleasesWhatItHeld() {
        byte[] body = pattern(100_000, 7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hex("02 000000 000004 01 00000000 00010000"));
        out.writeBytes(hex("06 000000 0186a0 09 01000000"));
        out.write(body, 0, 65536);
        out.writeBytes(hex("c6"));
        out.write(body, 65536, body.length - 65536);
        long[] held = new long[2];
        ChunkMemory memory = new ChunkMemory() {
            @Override
            public void acquire(int bytes) {
                held[0] += bytes;
                held[1] = Math.max(held[1], held[0]);
            }

            @Override
            public void release(int bytes) {
                held[0] -= bytes;
            }
        };
        assertArrayEquals(body, readAll(PieceInputStream.oneByteReads(out.toByteArray()), ChunkLimits.DEFAULT).get(1).payload().toArray());
        ChunkReader reader = new ChunkReader(new PieceInputStream(out.toByteArray()));
        reader.useMemory(memory);
        reader.readMessage();
        assertArrayEquals(body, reader.readMessage().payload().toArray());
        assertEquals(0, reader.pendingBytes());
        assertEquals(0, held[0]);
        assertEquals(body.length, held[1]);
    }

    @Test
    void theConnectionCapCountsBytesThatArrived() {
        // Cap 300 KB: one 200 KB message fits; a second one interleaved past 100 KB does not.
        ChunkLimits limits = new ChunkLimits(256 * 1024, 16, 300 * 1024);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hex("02 000000 000004 01 00000000 00010000"));
        out.writeBytes(hex("06 000000 030d40 09 01000000"));
        out.writeBytes(pattern(65536, 1));
        out.writeBytes(hex("07 000000 030d40 08 01000000"));
        out.writeBytes(pattern(65536, 2));
        out.writeBytes(hex("c6"));
        out.writeBytes(pattern(65536, 3));
        out.writeBytes(hex("c7"));
        out.writeBytes(pattern(65536, 4));
        out.writeBytes(hex("c6"));
        out.writeBytes(pattern(65536, 5));
        decodeFails(out.toByteArray(), limits, ErrorCode.RTMP_MSG_INVALID_SIZE);
    }

    @Test
    void abortDiscardsThePartialMessageAndFreesItsBudget() {
        // Budget of 260 pending bytes (the 4-byte Abort needs room beside the partial message):
        // without releasing the aborted 256-byte message the next one would not fit.
        ChunkLimits tight = new ChunkLimits(256, 16, 260);
        byte[] data = concat(
                hex("06 000000 000100 09 01000000"), pattern(128, 1),
                hex("02 000000 000004 02 00000000 00000006"),
                hex("07 000005 000100 09 01000000"), pattern(128, 2),
                hex("c7"), pattern(128, 3),
                hex("06 000009 000003 09 01000000 aabbcc"));
        List<MediaMessage> got = decodeAllWays(data, tight);
        assertEquals(3, got.size());
        assertEquals(msg(MessageType.ABORT, 0, 0, "00000006"), got.get(0));
        assertEquals(new MediaMessage(9, 5, 1, Bytes.wrap(concat(pattern(128, 2), pattern(128, 3)))), got.get(1));
        assertEquals(msg(9, 9, 1, "aabbcc"), got.get(2));
        // Aborting an unknown or idle chunk stream is harmless.
        assertEquals(1, readAll(hex("02 000000 000004 02 00000000 0000ffff")).size());
    }

    @Test
    void freshChunkStreamMayStartWithFmt1LikeLibrtmpPing() {
        // SRS utest ProtocolRecvMessageBug98.
        assertEquals(List.of(msg(4, 0, 0, "0006 00000d0f")), decodeAllWays(hex("42 000000 000006 04 0006 00000d0f")));
    }

    @Test
    void rejectsFreshChunkStreamStartingWithFmt2Or3() {
        decodeFails(hex("82 000000 00"), ChunkLimits.DEFAULT, ErrorCode.RTMP_CHUNK_START);
        decodeFails(hex("c2 00"), ChunkLimits.DEFAULT, ErrorCode.RTMP_CHUNK_START);
    }

    @Test
    void rejectsFmt0InsideAPartialMessage() {
        byte[] data = concat(hex("06 000000 0000c8 09 01000000"), pattern(128, 0),
                hex("06 000000 0000c8 09 01000000"), pattern(72, 0));
        decodeFails(data, ChunkLimits.DEFAULT, ErrorCode.RTMP_CHUNK_START);
    }

    @Test
    void rejectsALengthChangeMidMessageButAcceptsFmt1WithTheSameLength() {
        byte[] changed = concat(hex("06 000000 0000c8 09 01000000"), pattern(128, 0),
                hex("46 000000 0000c9 09"), pattern(72, 0));
        decodeFails(changed, ChunkLimits.DEFAULT, ErrorCode.RTMP_PACKET_SIZE);
        byte[] same = concat(hex("06 000000 0000c8 09 01000000"), pattern(128, 0),
                hex("46 000007 0000c8 09"), pattern(72, 0));
        // SRS applies the delta of a mid-message type-1 header; the message keeps it.
        assertEquals(7, decodeAllWays(same).get(0).timestamp());
    }

    @Test
    void rejectsAMessageOverTheCapBeforeReadingOrAllocatingIt() {
        ChunkLimits limits = new ChunkLimits(1024 * 1024, 16, 1024 * 1024);
        // Only the header is there: failing with MSG_INVALID_SIZE, not "peer closed", shows the
        // length was checked before any payload was awaited.
        byte[] header = hex("06 000000 ffffff 09 01000000");
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        SrsException e = decodeFails(header, limits, ErrorCode.RTMP_MSG_INVALID_SIZE);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(e.getMessage().contains("16777215"), e.getMessage());
        // Two readers with a 64 KiB buffer each, plus exceptions: far below the 16 MiB asked for.
        assertTrue(allocated < 1024 * 1024, "allocated " + allocated);
    }

    @Test
    void limitsTheNumberOfChunkStreams() {
        ChunkLimits limits = new ChunkLimits(1024, 4, 1024);
        StringBuilder ok = new StringBuilder();
        for (int csid = 2; csid <= 5; csid++) {
            ok.append(String.format("%02x 000000 000001 08 01000000 aa", csid));
        }
        assertEquals(4, readAll(new PieceInputStream(hex(ok.toString())), limits).size());
        decodeFails(hex(ok + "06 000000 000001 08 01000000 aa"), limits, ErrorCode.RTMP_CHUNK_STREAMS_EXCEED);
        // Ids of the 3-byte form are counted too.
        decodeFails(hex(ok + "01 00 10 000000 000001 08 01000000 aa"), limits, ErrorCode.RTMP_CHUNK_STREAMS_EXCEED);
    }

    @Test
    void limitsTheBytesOfAllPartialMessages() {
        ChunkLimits limits = new ChunkLimits(1000, 16, 1500);
        byte[] data = concat(hex("06 000000 0003e8 09 01000000"), pattern(128, 0),
                hex("07 000000 000258 09 01000000"), pattern(128, 0));
        decodeFails(data, limits, ErrorCode.RTMP_MSG_INVALID_SIZE);
    }

    @Test
    void returnsEmptyMessages() {
        byte[] data = hex("06 000010 000000 09 01000000 | c6");
        assertEquals(List.of(new MediaMessage(9, 16, 1, Bytes.EMPTY), new MediaMessage(9, 32, 1, Bytes.EMPTY)),
                decodeAllWays(data));
    }

    @Test
    void readsTheFlashConnectCommandOfSrsUtest() {
        // SRS utest ProtocolRecvMessage: a 417-byte AMF0 connect in four 128-byte chunks on csid 3.
        byte[] data = hex("""
                03 000000 0001a1 14 00000000
                02000763 6f6e6e65 6374003f f0000000 00000003 00036170 70020004 6c697665 0008666c
                61736856 65720200 0d57494e 2031322c 302c302c 34310006 73776655 726c0200 51687474
                703a2f2f 7777772e 6f737372 732e6e65 743a3830 38352f70 6c617965 72732f73 72735f70
                6c617965 722f7265 6c656173 652f7372 735f706c
                c3 61796572 2e737766 3f5f7665 7273696f 6e3d312e 32330005 74635572 6c020014 72746d70
                3a2f2f64 65763a31 3933352f 6c697665 00046670 61640100 000c6361 70616269 6c697469
                65730040 6de00000 00000000 0b617564 696f436f 64656373 0040abee 00000000 00000b76
                6964656f 436f6465 63730040 6f800000 00000000
                c3 0d766964 656f4675 6e637469 6f6e003f f0000000 00000000 07706167 6555726c 02006268
                7474703a 2f2f7777 772e6f73 7372732e 6e65743a 38303835 2f706c61 79657273 2f737273
                5f706c61 7965722e 68746d6c 3f76686f 73743d64 65762673 74726561 6d3d6c69 76657374
                7265616d 26736572 7665723d 64657626 706f7274
                c3 3d313933 35000e6f 626a6563 74456e63 6f64696e 67004008 00000000 00000000 09
                """);
        List<MediaMessage> got = decodeAllWays(data);
        assertEquals(1, got.size());
        MediaMessage connect = got.get(0);
        assertEquals(MessageType.AMF0_COMMAND, connect.type());
        assertEquals(417, connect.size());
        assertEquals(0, connect.streamId());
        assertArrayEquals(hex("02 0007 636f6e6e656374"), connect.payload().slice(0, 10).toArray());
        assertArrayEquals(hex("000009"), connect.payload().slice(414).toArray());
    }

    @Test
    void readsLargeMessagesAcrossManyChunks() {
        byte[] body = pattern(200_000, 9);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkWriter writer = new ChunkWriter(out);
        writer.write(ControlMessages.setChunkSize(60000), 2);
        writer.setChunkSize(60000);
        writer.write(new MediaMessage(9, 40, 1, Bytes.wrap(body)), 6);
        writer.flush();
        byte[] data = out.toByteArray();
        List<MediaMessage> whole = readAll(data);
        assertEquals(new MediaMessage(9, 40, 1, Bytes.wrap(body)), whole.get(1));
        assertEquals(whole, readAll(PieceInputStream.oneByteReads(data), ChunkLimits.DEFAULT));
        assertEquals(whole, readAll(new PieceInputStream(data, 13, 30000, 60017, 60018, 120000), ChunkLimits.DEFAULT));
    }

    @Test
    void endOfStreamMidMessageIsPeerClosed() {
        byte[] data = concat(hex("06 000000 0000c8 09 01000000"), pattern(100, 0));
        SrsException e = assertThrows(SrsException.class,
                () -> new ChunkReader(new PieceInputStream(data)).readMessage());
        assertEquals(ErrorCode.SOCKET_READ, e.code());
        assertEquals("peer closed", e.getMessage());
    }

    @Test
    void mapsTimeoutsAndIoErrors() {
        InputStream timesOut = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new SocketTimeoutException("slow");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new SocketTimeoutException("slow");
            }
        };
        assertEquals(ErrorCode.SOCKET_TIMEOUT,
                assertThrows(SrsException.class, () -> new ChunkReader(timesOut).readMessage()).code());
        IOException reset = new IOException("Connection reset");
        InputStream fails = new InputStream() {
            @Override
            public int read() throws IOException {
                throw reset;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw reset;
            }
        };
        SrsException e = assertThrows(SrsException.class, () -> new ChunkReader(fails).readMessage());
        assertEquals(ErrorCode.SOCKET_READ, e.code());
        assertInstanceOf(IOException.class, e.getCause());
    }

    /** Video messages i = 0..39 at timestamp i, payload {@code pattern(5000, i)}, chunked by 128. */
    private static byte[] fortyVideoMessagesOf5000Bytes() {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        ChunkWriter w = new ChunkWriter(encoded);
        for (int i = 0; i < 40; i++) {
            w.write(new MediaMessage(MessageType.VIDEO, i, 1, Bytes.wrap(pattern(5000, i))), 6);
        }
        w.flush();
        return encoded.toByteArray();
    }

    @Test
    void bufferStaysSmallForTrickleAndGrowsForBulkInput() {
        byte[] bulk = fortyVideoMessagesOf5000Bytes();
        ChunkReader big = new ChunkReader(new java.io.ByteArrayInputStream(bulk));
        for (int i = 0; i < 40; i++) {
            big.readMessage();
        }
        assertEquals(ChunkReader.BUFFER_SIZE, big.capacity(), "bulk reads grew the buffer");

        // A peer that sends a few bytes at a time never fills the buffer.
        InputStream trickle = new java.io.ByteArrayInputStream(bulk) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 100));
            }
        };
        ChunkReader small = new ChunkReader(trickle);
        for (int i = 0; i < 40; i++) {
            small.readMessage();
        }
        assertEquals(ChunkReader.INITIAL_BUFFER_SIZE, small.capacity());
    }

    @Test
    void aLargerReadBufferTakesAMergedWindowInOneReadAndTheListenerHearsEachRead() {
        byte[] bulk = fortyVideoMessagesOf5000Bytes();
        assertTrue(bulk.length > ChunkReader.BUFFER_SIZE * 3 && bulk.length < 256 * 1024, "" + bulk.length);

        ChunkReader r = new ChunkReader(new java.io.ByteArrayInputStream(bulk));
        List<Integer> reads = new java.util.ArrayList<>();
        r.useReadListener(reads::add);
        // Some bytes are already buffered when the size changes: they must survive the resize.
        MediaMessage first = r.readMessage();
        assertArrayEquals(pattern(5000, 0), first.payload().toArray());
        int smallReads = reads.size();
        r.useReadBuffer(Integer.MAX_VALUE);
        assertEquals(ChunkReader.MAX_READ_BUFFER, r.capacity(), "capped at SRS's 256 KiB");
        for (int i = 1; i < 40; i++) {
            assertArrayEquals(pattern(5000, i), r.readMessage().payload().toArray(), "message " + i);
        }
        assertEquals(bulk.length, reads.stream().mapToInt(Integer::intValue).sum(), "every read reported");
        assertEquals(bulk.length, r.bytesRead());
        // After the small reads of the first message, the rest came in one read of the remainder.
        assertTrue(reads.size() - smallReads <= 1, "reads: " + reads + ", the first " + smallReads + " small");

        r.useReadBuffer(1024);
        assertEquals(ChunkReader.MAX_READ_BUFFER, r.capacity(), "never shrinks");
    }
}
