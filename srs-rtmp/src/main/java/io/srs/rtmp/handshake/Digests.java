package io.srs.rtmp.handshake;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA256 and the two well-known keys of the Flash handshake. A digest over a C1/S1 covers
 * the 1536 bytes minus the 32 bytes where the digest itself goes; the C2/S2 digest is the last 32
 * bytes, keyed by an HMAC of the peer's C1/S1 digest. Stateless; safe from any thread.
 */
final class Digests {
    /** Length of the FP key's ASCII text part, which alone signs a C1. */
    static final int FP_TEXT_LENGTH = 30;
    /** Length of the FMS key's ASCII text part, which alone signs an S1. */
    static final int FMS_TEXT_LENGTH = 36;

    private static final byte[] SUFFIX = hex(
            "f0eec24a8068bee82e00d0d1029e7e576eec5d2d29806fab93b8e636cfeb31ae");

    /** "Genuine Adobe Flash Player 001" + 32 bytes: 62 bytes. */
    static final byte[] FP_KEY = concat("Genuine Adobe Flash Player 001", SUFFIX);
    /** "Genuine Adobe Flash Media Server 001" + 32 bytes: 68 bytes. */
    static final byte[] FMS_KEY = concat("Genuine Adobe Flash Media Server 001", SUFFIX);

    static final int PACKET_SIZE = 1536;
    static final int DIGEST_SIZE = 32;

    private Digests() {
    }

    static byte[] hmac(byte[] key, int keyLength, byte[] data, int offset, int length) {
        Mac mac = mac(key, keyLength);
        mac.update(data, offset, length);
        return mac.doFinal();
    }

    /** The digest of a 1536-byte C1/S1, skipping the 32 bytes at {@code digestOffset}. */
    static byte[] packetDigest(byte[] key, int keyLength, byte[] packet, int digestOffset) {
        Mac mac = mac(key, keyLength);
        mac.update(packet, 0, digestOffset);
        int after = digestOffset + DIGEST_SIZE;
        mac.update(packet, after, PACKET_SIZE - after);
        return mac.doFinal();
    }

    /** Whether the 32 bytes at {@code digestOffset} are the digest of the rest of the packet. */
    static boolean hasPacketDigest(byte[] key, int keyLength, byte[] packet, int digestOffset) {
        byte[] expected = packetDigest(key, keyLength, packet, digestOffset);
        return regionEquals(expected, packet, digestOffset);
    }

    /**
     * The digest in the last 32 bytes of a C2/S2: HMAC over its first 1504 bytes with the key
     * {@code HMAC(fullKey, peerDigest)}, where peerDigest is the digest found in the C1/S1 being
     * answered.
     */
    static byte[] answerDigest(byte[] fullKey, byte[] peerDigest, byte[] packet) {
        byte[] tempKey = hmac(fullKey, fullKey.length, peerDigest, 0, peerDigest.length);
        return hmac(tempKey, tempKey.length, packet, 0, PACKET_SIZE - DIGEST_SIZE);
    }

    static boolean hasAnswerDigest(byte[] fullKey, byte[] peerDigest, byte[] packet) {
        return regionEquals(answerDigest(fullKey, peerDigest, packet), packet, PACKET_SIZE - DIGEST_SIZE);
    }

    private static boolean regionEquals(byte[] digest, byte[] packet, int offset) {
        byte[] actual = new byte[DIGEST_SIZE];
        System.arraycopy(packet, offset, actual, 0, DIGEST_SIZE);
        return MessageDigest.isEqual(digest, actual);
    }

    private static Mac mac(byte[] key, int keyLength) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, 0, keyLength, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256, so this is a broken installation.
            throw new SrsException(ErrorCode.SYSTEM_ASSERT_FAILED, "HmacSHA256 unavailable", e);
        }
    }

    private static byte[] concat(String text, byte[] suffix) {
        byte[] head = text.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + suffix.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(suffix, 0, all, head.length, suffix.length);
        return all;
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s, 2 * i, 2 * i + 2, 16);
        }
        return b;
    }
}
