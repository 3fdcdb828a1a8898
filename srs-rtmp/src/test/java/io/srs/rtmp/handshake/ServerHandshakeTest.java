package io.srs.rtmp.handshake;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
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

class ServerHandshakeTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochSecond(0x5f000001L));
    private static final int FLASH_10 = 0x0a002d02;

    private static ServerHandshake server(long seed) {
        return new ServerHandshake(new SplittableRandom(seed), CLOCK);
    }

    private static byte[] c0(int version) {
        return new byte[] {(byte) version};
    }

    private static byte[] randomPacket(long seed) {
        byte[] p = new byte[1536];
        new Random(seed).nextBytes(p);
        return p;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void answersSignedC1InTheSameSchemaWithDigestsFlashVerifies(int schema) {
        byte[] c1 = FlashSpec.signed(7 + schema, schema, FLASH_10, FP_KEY, 30);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The C2 a Flash player sends: random bytes signed with a key derived from S1's digest.
        InputStream in = TestStreams.thenLazily(join(c0(3), c1), () -> {
            byte[] s1 = slice(out.toByteArray(), 1, 1536);
            byte[] s1Digest = slice(s1, FlashSpec.digestOffset(s1, schema), 32);
            byte[] c2 = randomPacket(99);
            System.arraycopy(FlashSpec.answerSignature(c2, s1Digest, FP_KEY), 0, c2, 1504, 32);
            return c2;
        });

        HandshakeResult r = server(1).perform(in, out);

        assertEquals(HandshakeKind.COMPLEX, r.kind());
        assertEquals(schema == 0 ? Schema.SCHEMA0 : Schema.SCHEMA1, r.schema().orElseThrow());
        assertEquals(0x1234, r.peerTime());
        assertEquals(FLASH_10, r.peerVersion());
        assertEquals("10.0.45.2", r.peerVersionString());
        assertTrue(r.peerVerified());

        byte[] s = out.toByteArray();
        assertEquals(3073, s.length);
        assertEquals(3, s[0]);
        byte[] s1 = slice(s, 1, 1536);
        byte[] s2 = slice(s, 1537, 1536);
        assertArrayEquals(new byte[] {0x5f, 0, 0, 1, 1, 0, 5, 4}, slice(s1, 0, 8), "S1 time and version 1.0.5.4");
        assertTrue(FlashSpec.verifies(s1, FlashSpec.digestOffset(s1, schema), FMS_KEY, 36), "S1 digest in C1's schema");
        byte[] c1Digest = slice(c1, FlashSpec.digestOffset(c1, schema), 32);
        assertArrayEquals(FlashSpec.answerSignature(s2, c1Digest, FMS_KEY), slice(s2, 1504, 32), "S2 signature");
    }

    @Test
    void c2WithoutValidDigestIsAcceptedButReported() {
        byte[] c1 = FlashSpec.signed(3, 1, FLASH_10, FP_KEY, 30);
        HandshakeResult r = server(1).perform(new ByteArrayInputStream(join(c0(3), c1, randomPacket(5))),
                new ByteArrayOutputStream());
        assertEquals(HandshakeKind.COMPLEX, r.kind());
        assertFalse(r.peerVerified());
    }

    @Test
    void c1SignedWithTheWrongKeyFallsBackToSimple() {
        byte[] c1 = FlashSpec.signed(3, 1, FLASH_10, FMS_KEY, 36);
        HandshakeResult r = server(1).perform(new ByteArrayInputStream(join(c0(3), c1, randomPacket(5))),
                new ByteArrayOutputStream());
        assertEquals(HandshakeKind.SIMPLE, r.kind());
    }

    @Test
    void randomC1GetsTheSimpleHandshakeWithS2EchoingC1() {
        byte[] c1 = randomPacket(11);
        c1[0] = 0; c1[1] = 0; c1[2] = 0x01; c1[3] = 0x02;
        c1[4] = 0; c1[5] = 0; c1[6] = 0; c1[7] = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // An FFmpeg-like client: C2 echoes S1.
        InputStream in = TestStreams.thenLazily(join(c0(3), c1), () -> slice(out.toByteArray(), 1, 1536));

        HandshakeResult r = server(1).perform(in, out);

        assertEquals(HandshakeKind.SIMPLE, r.kind());
        assertTrue(r.schema().isEmpty());
        assertEquals(0x0102, r.peerTime());
        assertEquals(0, r.peerVersion());
        assertTrue(r.peerVerified());
        byte[] s = out.toByteArray();
        assertEquals(3073, s.length);
        assertEquals(3, s[0]);
        assertArrayEquals(new byte[] {0x5f, 0, 0, 1}, slice(s, 1, 4), "S1 time");
        assertArrayEquals(new byte[] {0, 0, 1, 2}, slice(s, 5, 4), "S1 second field carries C1's time, as SRS does");
        assertArrayEquals(c1, slice(s, 1537, 1536), "S2 echoes C1");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, 8, 0x02, 0xff})
    void rejectsEveryVersionButPlainRtmp(int version) {
        byte[] c1 = FlashSpec.signed(1, 0, FLASH_10, FP_KEY, 30); // even a well-signed RTMPE C1
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SrsException e = assertThrows(SrsException.class, () ->
                server(1).perform(new ByteArrayInputStream(join(c0(version), c1, randomPacket(2))), out));
        assertEquals(ErrorCode.RTMP_PLAIN_REQUIRED, e.code());
        assertEquals(0, out.size(), "nothing is answered");
    }

    @Test
    void proxyHeaderGivesTheRealClientAddress() throws Exception {
        byte[] header = {(byte) 0xF3, 0, 6, 10, 1, 2, 3, 0x55, 0x66};
        byte[] c1 = FlashSpec.signed(1, 0, FLASH_10, FP_KEY, 30);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HandshakeResult r = server(1).perform(
                new ByteArrayInputStream(join(header, c0(3), c1, randomPacket(2))), out);
        assertEquals(InetAddress.getByAddress(new byte[] {10, 1, 2, 3}), r.proxyRealIp().orElseThrow());
        assertEquals(HandshakeKind.COMPLEX, r.kind());
        assertEquals(3073, out.size());
    }

    @Test
    void proxyHeaderShorterThanAnAddressCarriesNone() {
        byte[] header = {(byte) 0xF3, 0, 2, 1, 1};
        HandshakeResult r = server(1).perform(
                new ByteArrayInputStream(join(header, c0(3), randomPacket(1), randomPacket(2))), new ByteArrayOutputStream());
        assertTrue(r.proxyRealIp().isEmpty());
        assertEquals(HandshakeKind.SIMPLE, r.kind());
    }

    @Test
    void oversizedProxyHeaderIsRejected() {
        byte[] data = join(new byte[] {(byte) 0xF3, 0x04, 0x01}, randomPacket(1), randomPacket(2));
        SrsException e = assertThrows(SrsException.class, () ->
                server(1).perform(new ByteArrayInputStream(data), new ByteArrayOutputStream()));
        assertEquals(ErrorCode.RTMP_PROXY_EXCEED, e.code());
    }

    private static byte[] complexInput() {
        return join(c0(3), FlashSpec.signed(21, 0, FLASH_10, FP_KEY, 30), randomPacket(22));
    }

    @Test
    void everyTruncationEndsInSocketRead() {
        byte[] full = complexInput();
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            SrsException e = assertThrows(SrsException.class, () ->
                    server(1).perform(new ByteArrayInputStream(cut), new ByteArrayOutputStream()), "length " + len);
            assertEquals(ErrorCode.SOCKET_READ, e.code(), "length " + len);
        }
    }

    @Test
    void oneBytePiecesGiveTheSameAnswer() {
        byte[] full = complexInput();
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        HandshakeResult expected = server(5).perform(new ByteArrayInputStream(full), whole);
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        HandshakeResult actual = server(5).perform(TestStreams.oneBytePieces(full), pieces);
        assertEquals(expected, actual);
        assertArrayEquals(whole.toByteArray(), pieces.toByteArray());
    }

    @Test
    void everyTwoPieceSplitGivesTheSameAnswer() {
        byte[] full = complexInput();
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        HandshakeResult expected = server(5).perform(new ByteArrayInputStream(full), whole);
        for (int split = 0; split <= full.length; split++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            HandshakeResult actual = server(5).perform(TestStreams.splitAt(full, split), out);
            assertEquals(expected, actual, "split " + split);
            assertArrayEquals(whole.toByteArray(), out.toByteArray(), "split " + split);
        }
    }

    @Test
    void randomInputOnlyEverYieldsSrsException() {
        SplittableRandom rnd = new SplittableRandom(2024);
        int failures = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] data = new byte[rnd.nextInt(3200)];
            rnd.nextBytes(data);
            if (data.length > 0 && rnd.nextBoolean()) {
                data[0] = 3;
            } else if (data.length > 3 && rnd.nextInt(4) == 0) {
                data[0] = (byte) 0xF3;
            }
            try {
                server(i).perform(new ByteArrayInputStream(data), new ByteArrayOutputStream());
            } catch (SrsException e) {
                failures++;
            }
        }
        assertTrue(failures > 0);
    }

    @Test
    void readTimeoutBecomesSocketTimeout() {
        InputStream stalled = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new SocketTimeoutException("Read timed out");
            }
        };
        SrsException e = assertThrows(SrsException.class, () -> server(1).perform(stalled, new ByteArrayOutputStream()));
        assertEquals(ErrorCode.SOCKET_TIMEOUT, e.code());
    }

    @Test
    void readFailureBecomesSocketRead() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset");
            }
        };
        SrsException e = assertThrows(SrsException.class, () -> server(1).perform(broken, new ByteArrayOutputStream()));
        assertEquals(ErrorCode.SOCKET_READ, e.code());
    }

    @Test
    void writeFailureBecomesSocketWrite() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        SrsException e = assertThrows(SrsException.class, () ->
                server(1).perform(new ByteArrayInputStream(complexInput()), broken));
        assertEquals(ErrorCode.SOCKET_WRITE, e.code());
    }

    @Test
    void readsNothingPastC2() throws IOException {
        byte[] trailer = {0x03, 0, 0, 0};
        ByteArrayInputStream in = new ByteArrayInputStream(join(complexInput(), trailer));
        server(1).perform(in, new ByteArrayOutputStream());
        assertArrayEquals(trailer, in.readAllBytes());
    }
}
