package io.srs.rtmp.handshake;

import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Builds and checks the packets of the complex handshake. Like SRS, no Diffie-Hellman exchange
 * is done: the 128-byte key slot holds random bytes, since plain RTMP never uses the shared key.
 */
final class ComplexPackets {
    private ComplexPackets() {
    }

    /**
     * A C1 or S1: time, version, random blocks, and the digest of the rest of the packet keyed by
     * the text part of {@code key} ({@link Digests#FP_KEY} for C1, {@link Digests#FMS_KEY} for S1).
     */
    static byte[] signedC1S1(Schema schema, int time, int version, RandomGenerator random,
                             byte[] key, int keyLength) {
        byte[] p = new byte[Digests.PACKET_SIZE];
        random.nextBytes(p);
        HandshakeIo.putU32(p, 0, time);
        HandshakeIo.putU32(p, 4, version);
        int at = schema.digestOffset(p);
        byte[] digest = Digests.packetDigest(key, keyLength, p, at);
        System.arraycopy(digest, 0, p, at, Digests.DIGEST_SIZE);
        return p;
    }

    /** The schema in which {@code c1s1} carries a valid digest, trying {@code first} first. */
    static Optional<Schema> findSchema(byte[] c1s1, byte[] key, int keyLength, Schema first) {
        for (Schema s : new Schema[] {first, first.other()}) {
            if (Digests.hasPacketDigest(key, keyLength, c1s1, s.digestOffset(c1s1))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    static byte[] digestOf(byte[] c1s1, Schema schema) {
        int at = schema.digestOffset(c1s1);
        return Arrays.copyOfRange(c1s1, at, at + Digests.DIGEST_SIZE);
    }

    /**
     * A C2 or S2 answering the peer's C1/S1: 1504 random bytes then their digest keyed by
     * {@code HMAC(fullKey, peerDigest)} ({@link Digests#FMS_KEY} for S2, {@link Digests#FP_KEY} for C2).
     */
    static byte[] answer(byte[] fullKey, byte[] peerDigest, RandomGenerator random) {
        byte[] p = new byte[Digests.PACKET_SIZE];
        random.nextBytes(p);
        byte[] digest = Digests.answerDigest(fullKey, peerDigest, p);
        System.arraycopy(digest, 0, p, Digests.PACKET_SIZE - Digests.DIGEST_SIZE, Digests.DIGEST_SIZE);
        return p;
    }
}
