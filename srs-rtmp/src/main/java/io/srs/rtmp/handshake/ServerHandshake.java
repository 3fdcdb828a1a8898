package io.srs.rtmp.handshake;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The server side of the RTMP handshake, a port of {@code SrsRtmpServer::handshake}
 * (srs_protocol_rtmp_handshake.cpp): read C0C1, answer with the complex handshake when C1 carries
 * a valid Flash Player digest in either layout, otherwise with the simple one, then read C2.
 *
 * <p>Reads exactly 1537 + 1536 bytes (plus an optional proxy header of at most 1024 bytes) and
 * writes 3073; nothing past C2 is consumed, so the caller continues with the chunk stream on the
 * same streams. Timeouts are the caller's (e.g. {@code Socket.setSoTimeout}).
 *
 * <p>Thread-safe if its {@link RandomGenerator} is (the default one is): one instance can serve
 * every connection, each call running on the connection's own thread.
 */
public final class ServerHandshake {
    /** The version SRS puts in S1 (1.0.5.4); Flash players need a non-zero first byte here. */
    static final int SERVER_VERSION = 0x01000504;
    static final int PLAIN_RTMP = 0x03;
    /** The first byte of a TLS ClientHello record: an rtmps client on the plain port. */
    private static final byte TLS_HANDSHAKE_RECORD = 0x16;

    /** C0 of the go-oryx RTMP proxy, which prefixes the client's real address. */
    static final int PROXY_MAGIC = 0xF3;
    static final int PROXY_HEADER_MAX = 1024;

    private static final System.Logger LOG = System.getLogger(ServerHandshake.class.getName());

    private final RandomGenerator random;
    private final InstantSource clock;

    public ServerHandshake(RandomGenerator random, InstantSource clock) {
        this.random = random;
        this.clock = clock;
    }

    /** With a {@link SecureRandom} and the system clock. */
    public ServerHandshake() {
        this(new SecureRandom(), InstantSource.system());
    }

    /**
     * Runs the handshake on a client connection.
     *
     * @throws SrsException {@code SOCKET_READ}/{@code SOCKET_TIMEOUT}/{@code SOCKET_WRITE} on IO
     *         failure or early end of stream, {@code RTMP_PLAIN_REQUIRED} when C0 is not 3 (e.g. 6,
     *         RTMPE), {@code RTMP_PROXY_EXCEED} for an oversized proxy header
     */
    public HandshakeResult perform(InputStream in, OutputStream out) {
        byte[] c0c1 = new byte[1 + Digests.PACKET_SIZE];
        // C0 alone first: a TLS ClientHello is shorter than C1, so waiting for 1537 bytes would
        // turn a clear "wrong port" into a timeout.
        HandshakeIo.readFully(in, c0c1, 0, 1, "c0");
        if (c0c1[0] == TLS_HANDSHAKE_RECORD) {
            throw new SrsException(ErrorCode.RTMP_HS_SSL_REQUIRE,
                    "a TLS client on the plain rtmp port (use the rtmps port)");
        }
        HandshakeIo.readFully(in, c0c1, 1, c0c1.length - 1, "c0c1");
        Optional<InetAddress> proxyRealIp = Optional.empty();
        if ((c0c1[0] & 0xff) == PROXY_MAGIC) {
            proxyRealIp = skipProxyHeader(in, c0c1);
        }
        // SRS checks the version only on its simple path, so a digest-signed RTMPE C1 (C0 = 6)
        // gets a complex answer there and the connection dies at the first encrypted chunk.
        // Failing here says why.
        if (c0c1[0] != PLAIN_RTMP) {
            throw new SrsException(ErrorCode.RTMP_PLAIN_REQUIRED,
                    "only plain rtmp (version 3) is supported, client sent " + (c0c1[0] & 0xff));
        }
        byte[] c1 = Arrays.copyOfRange(c0c1, 1, c0c1.length);
        long peerTime = HandshakeIo.u32(c1, 0) & 0xffffffffL;
        int peerVersion = HandshakeIo.u32(c1, 4);

        // SRS tries schema0 first: Flash players sign C1 in either layout.
        Optional<Schema> schema = ComplexPackets.findSchema(c1, Digests.FP_KEY, Digests.FP_TEXT_LENGTH, Schema.SCHEMA0);
        int now = (int) clock.instant().getEpochSecond();
        boolean verified;
        if (schema.isPresent()) {
            verified = complex(in, out, c1, schema.get(), now);
            LOG.log(System.Logger.Level.DEBUG, "complex handshake, schema={0}", schema.get());
        } else {
            verified = simple(in, out, c1, now);
            LOG.log(System.Logger.Level.DEBUG, "simple handshake");
        }
        return new HandshakeResult(schema.isPresent() ? HandshakeKind.COMPLEX : HandshakeKind.SIMPLE,
                schema, peerTime, peerVersion, verified, proxyRealIp);
    }

    private boolean complex(InputStream in, OutputStream out, byte[] c1, Schema schema, int now) {
        byte[] s1 = ComplexPackets.signedC1S1(schema, now, SERVER_VERSION, random,
                Digests.FMS_KEY, Digests.FMS_TEXT_LENGTH);
        byte[] s2 = ComplexPackets.answer(Digests.FMS_KEY, ComplexPackets.digestOf(c1, schema), random);
        writeS0S1S2(out, s1, s2);

        byte[] c2 = new byte[Digests.PACKET_SIZE];
        HandshakeIo.readFully(in, c2, 0, c2.length, "c2");
        // Never rejected: SRS notes that FFmpeg's C2 does not verify.
        return Digests.hasAnswerDigest(Digests.FP_KEY, ComplexPackets.digestOf(s1, schema), c2);
    }

    private boolean simple(InputStream in, OutputStream out, byte[] c1, int now) {
        byte[] s1 = new byte[Digests.PACKET_SIZE];
        random.nextBytes(s1);
        HandshakeIo.putU32(s1, 0, now);
        // SRS puts the client's time where the spec has zeros; kept for byte-level parity.
        System.arraycopy(c1, 0, s1, 4, 4);
        writeS0S1S2(out, s1, c1); // S2 echoes C1 (SRS #46)

        byte[] c2 = new byte[Digests.PACKET_SIZE];
        HandshakeIo.readFully(in, c2, 0, c2.length, "c2");
        // C2 should echo S1; clients may rewrite the second time field, so compare the rest.
        return Arrays.equals(c2, 8, c2.length, s1, 8, s1.length);
    }

    private static void writeS0S1S2(OutputStream out, byte[] s1, byte[] s2) {
        byte[] s0s1s2 = new byte[1 + 2 * Digests.PACKET_SIZE];
        s0s1s2[0] = PLAIN_RTMP;
        System.arraycopy(s1, 0, s0s1s2, 1, s1.length);
        System.arraycopy(s2, 0, s0s1s2, 1 + s1.length, s2.length);
        HandshakeIo.write(out, s0s1s2, "s0s1s2");
    }

    /**
     * The proxy header is {@code 0xF3, u16 n, n bytes} whose first 4 bytes are the client's IPv4
     * address; the real C0C1 follows. Shifts the bytes after the header to the front of
     * {@code c0c1} and reads the rest of it.
     */
    private static Optional<InetAddress> skipProxyHeader(InputStream in, byte[] c0c1) {
        int n = (c0c1[1] & 0xff) << 8 | (c0c1[2] & 0xff);
        if (n > PROXY_HEADER_MAX) {
            throw new SrsException(ErrorCode.RTMP_PROXY_EXCEED, "proxy header of " + n + " bytes exceeds " + PROXY_HEADER_MAX);
        }
        Optional<InetAddress> ip = Optional.empty();
        if (n >= 4) {
            try {
                ip = Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(c0c1, 3, 7)));
            } catch (UnknownHostException e) {
                throw new SrsException(ErrorCode.SYSTEM_ASSERT_FAILED, "4-byte address rejected", e);
            }
        }
        int consumed = 3 + n;
        System.arraycopy(c0c1, consumed, c0c1, 0, c0c1.length - consumed);
        HandshakeIo.readFully(in, c0c1, c0c1.length - consumed, consumed, "c0c1 after proxy header");
        return ip;
    }
}
