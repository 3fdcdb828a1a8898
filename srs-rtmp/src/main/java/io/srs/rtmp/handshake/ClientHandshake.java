package io.srs.rtmp.handshake;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The client side of the RTMP handshake, used by edge ingesters and forwarders; a port of
 * {@code SrsComplexHandshake::handshake_with_server} and {@code SrsSimpleHandshake::handshake_with_server}.
 *
 * <p>Complex mode sends a C1 in {@link Schema#SCHEMA1} signed with the Flash Player key (FMS
 * rejects the other layout) and answers S1 with a C2 as Flash Player 9 does. Like SRS's client it
 * never rejects the server's S1/S2, because some servers (nginx-rtmp) do not sign them; whether
 * they verified is reported in {@link HandshakeResult#peerVerified()}.
 *
 * <p>Thread-safe if its {@link RandomGenerator} is (the default one is).
 */
public final class ClientHandshake {
    /** The version SRS's client puts in C1 (128.0.7.2); any value with a non-zero first byte works. */
    static final int CLIENT_VERSION = 0x80000702;

    private static final System.Logger LOG = System.getLogger(ClientHandshake.class.getName());

    private final RandomGenerator random;
    private final InstantSource clock;

    public ClientHandshake(RandomGenerator random, InstantSource clock) {
        this.random = random;
        this.clock = clock;
    }

    /** With a {@link SecureRandom} and the system clock. */
    public ClientHandshake() {
        this(new SecureRandom(), InstantSource.system());
    }

    /**
     * Runs the handshake towards a server: writes C0C1, reads S0S1S2 (3073 bytes), writes C2.
     *
     * @param complex whether to send a signed (Flash 9) C1; false sends the plain handshake
     * @throws SrsException {@code SOCKET_*} on IO failure or early end of stream,
     *         {@code RTMP_HANDSHAKE} when S0 is not 3
     */
    public HandshakeResult perform(InputStream in, OutputStream out, boolean complex) {
        int now = (int) clock.instant().getEpochSecond();
        byte[] c1;
        if (complex) {
            c1 = ComplexPackets.signedC1S1(Schema.SCHEMA1, now, CLIENT_VERSION, random,
                    Digests.FP_KEY, Digests.FP_TEXT_LENGTH);
        } else {
            c1 = new byte[Digests.PACKET_SIZE];
            random.nextBytes(c1);
            HandshakeIo.putU32(c1, 0, now);
            HandshakeIo.putU32(c1, 4, 0);
        }
        byte[] c0c1 = new byte[1 + Digests.PACKET_SIZE];
        c0c1[0] = ServerHandshake.PLAIN_RTMP;
        System.arraycopy(c1, 0, c0c1, 1, c1.length);
        HandshakeIo.write(out, c0c1, "c0c1");

        byte[] s0s1s2 = new byte[1 + 2 * Digests.PACKET_SIZE];
        HandshakeIo.readFully(in, s0s1s2, 0, s0s1s2.length, "s0s1s2");
        if (s0s1s2[0] != ServerHandshake.PLAIN_RTMP) {
            throw new SrsException(ErrorCode.RTMP_HANDSHAKE,
                    "plain rtmp required, server answered version " + (s0s1s2[0] & 0xff));
        }
        byte[] s1 = Arrays.copyOfRange(s0s1s2, 1, 1 + Digests.PACKET_SIZE);
        byte[] s2 = Arrays.copyOfRange(s0s1s2, 1 + Digests.PACKET_SIZE, s0s1s2.length);
        long peerTime = HandshakeIo.u32(s1, 0) & 0xffffffffL;
        int peerVersion = HandshakeIo.u32(s1, 4);

        byte[] c2;
        boolean verified;
        if (complex) {
            // Servers may sign S1 in either layout (librtmp's server always uses schema0).
            Optional<Schema> s1Schema = ComplexPackets.findSchema(s1, Digests.FMS_KEY, Digests.FMS_TEXT_LENGTH, Schema.SCHEMA1);
            byte[] s1Digest = ComplexPackets.digestOf(s1, s1Schema.orElse(Schema.SCHEMA1));
            byte[] c1Digest = ComplexPackets.digestOf(c1, Schema.SCHEMA1);
            verified = s1Schema.isPresent() && Digests.hasAnswerDigest(Digests.FMS_KEY, c1Digest, s2);
            if (!verified) {
                LOG.log(System.Logger.Level.INFO, "server S1/S2 not signed as FMS does (s1 digest {0}); continuing",
                        s1Schema.isPresent() ? "ok" : "missing");
            }
            c2 = ComplexPackets.answer(Digests.FP_KEY, s1Digest, random);
        } else {
            verified = Arrays.equals(s2, 8, s2.length, c1, 8, c1.length);
            // SRS answers with S1 itself (SRS #418): some servers compare C2 with S1 byte for byte.
            c2 = s1;
        }
        HandshakeIo.write(out, c2, "c2");
        return new HandshakeResult(complex ? HandshakeKind.COMPLEX : HandshakeKind.SIMPLE,
                complex ? Optional.of(Schema.SCHEMA1) : Optional.empty(), peerTime, peerVersion, verified,
                Optional.empty());
    }
}
