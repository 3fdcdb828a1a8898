package io.srs.rtmp.handshake;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

import static io.srs.rtmp.handshake.FlashSpec.FMS_KEY;
import static io.srs.rtmp.handshake.FlashSpec.FP_KEY;
import static io.srs.rtmp.handshake.FlashSpec.join;
import static io.srs.rtmp.handshake.FlashSpec.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientHandshakeTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochSecond(0x60000002L));

    private static ClientHandshake client(long seed) {
        return new ClientHandshake(new SplittableRandom(seed), CLOCK);
    }

    private static byte[] randomPacket(long seed) {
        byte[] p = new byte[1536];
        new Random(seed).nextBytes(p);
        return p;
    }

    /** An FMS-like server's S0S1S2 for the C1 the client wrote, S1 signed in {@code schema}. */
    private static byte[] fmsAnswer(ByteArrayOutputStream clientOut, int s1Schema) {
        byte[] c1 = slice(clientOut.toByteArray(), 1, 1536);
        byte[] c1Digest = slice(c1, FlashSpec.digestOffsetAt8(c1), 32);
        byte[] s1 = FlashSpec.signed(77, s1Schema, 0x03050101, FMS_KEY, 36);
        byte[] s2 = randomPacket(78);
        System.arraycopy(FlashSpec.answerSignature(s2, c1Digest, FMS_KEY), 0, s2, 1504, 32);
        return join(new byte[] {3}, s1, s2);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void complexSendsSignedSchema1C1AndAnswersS1LikeFlashPlayer(int s1Schema) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = TestStreams.thenLazily(new byte[0], () -> fmsAnswer(out, s1Schema));

        HandshakeResult r = client(3).perform(in, out, true);

        byte[] written = out.toByteArray();
        assertEquals(1537 + 1536, written.length);
        assertEquals(3, written[0]);
        byte[] c1 = slice(written, 1, 1536);
        assertArrayEquals(new byte[] {0x60, 0, 0, 2, (byte) 0x80, 0, 7, 2}, slice(c1, 0, 8), "C1 time and version");
        assertTrue(FlashSpec.verifies(c1, FlashSpec.digestOffsetAt8(c1), FP_KEY, 30), "C1 digest-first layout");

        byte[] s1 = slice(fmsAnswer(out, s1Schema), 1, 1536);
        byte[] s1Digest = slice(s1, FlashSpec.digestOffset(s1, s1Schema), 32);
        byte[] c2 = slice(written, 1537, 1536);
        assertArrayEquals(FlashSpec.answerSignature(c2, s1Digest, FP_KEY), slice(c2, 1504, 32), "C2 signature");

        assertEquals(HandshakeKind.COMPLEX, r.kind());
        assertEquals(Schema.SCHEMA1, r.schema().orElseThrow());
        assertEquals(0x03050101, r.peerVersion());
        assertEquals(0x1234, r.peerTime());
        assertTrue(r.peerVerified());
    }

    @Test
    void unsignedServerAnswerIsToleratedLikeSrs() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] s0s1s2 = join(new byte[] {3}, randomPacket(1), randomPacket(2));
        HandshakeResult r = client(3).perform(new ByteArrayInputStream(s0s1s2), out, true);
        assertEquals(HandshakeKind.COMPLEX, r.kind());
        assertFalse(r.peerVerified());
        // C2 still answers "the digest" at S1's schema1 position, as SRS's client does.
        byte[] s1 = slice(s0s1s2, 1, 1536);
        byte[] c2 = slice(out.toByteArray(), 1537, 1536);
        byte[] s1Digest = slice(s1, FlashSpec.digestOffsetAt8(s1), 32);
        assertArrayEquals(FlashSpec.answerSignature(c2, s1Digest, FP_KEY), slice(c2, 1504, 32));
    }

    @Test
    void simpleSendsPlainC1AndEchoesS1AsC2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] s1 = randomPacket(8);
        InputStream in = TestStreams.thenLazily(new byte[0],
                () -> join(new byte[] {3}, s1, slice(out.toByteArray(), 1, 1536)));

        HandshakeResult r = client(4).perform(in, out, false);

        byte[] written = out.toByteArray();
        assertEquals(3, written[0]);
        assertArrayEquals(new byte[] {0x60, 0, 0, 2, 0, 0, 0, 0}, slice(written, 1, 8), "C1 time and zero version");
        assertArrayEquals(s1, slice(written, 1537, 1536), "C2 is S1");
        assertEquals(HandshakeKind.SIMPLE, r.kind());
        assertTrue(r.schema().isEmpty());
        assertTrue(r.peerVerified());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, 0xff})
    void rejectsNonPlainServerVersion(int s0) {
        byte[] s0s1s2 = join(new byte[] {(byte) s0}, randomPacket(1), randomPacket(2));
        SrsException e = assertThrows(SrsException.class, () ->
                client(1).perform(new ByteArrayInputStream(s0s1s2), new ByteArrayOutputStream(), true));
        assertEquals(ErrorCode.RTMP_HANDSHAKE, e.code());
    }

    @Test
    void everyTruncatedServerAnswerEndsInSocketRead() {
        byte[] full = join(new byte[] {3}, randomPacket(1), randomPacket(2));
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            boolean complex = len % 2 == 0;
            SrsException e = assertThrows(SrsException.class, () ->
                    client(1).perform(new ByteArrayInputStream(cut), new ByteArrayOutputStream(), complex));
            assertEquals(ErrorCode.SOCKET_READ, e.code());
        }
    }

    @Test
    void oneBytePiecesAndEverySplitGiveTheSameC2() {
        byte[] full = join(new byte[] {3}, FlashSpec.signed(5, 0, 0x03050101, FMS_KEY, 36), randomPacket(2));
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        HandshakeResult expected = client(9).perform(new ByteArrayInputStream(full), whole, true);

        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        assertEquals(expected, client(9).perform(TestStreams.oneBytePieces(full), pieces, true));
        assertArrayEquals(whole.toByteArray(), pieces.toByteArray());

        for (int split = 0; split <= full.length; split += 7) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(expected, client(9).perform(TestStreams.splitAt(full, split), out, true));
            assertArrayEquals(whole.toByteArray(), out.toByteArray(), "split " + split);
        }
    }
}
