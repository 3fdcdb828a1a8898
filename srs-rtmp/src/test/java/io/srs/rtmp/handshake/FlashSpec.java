package io.srs.rtmp.handshake;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

/**
 * An independent, test-only rendering of the Flash (FP9) handshake as documented by librtmp and
 * the public RTMPE notes: it shares no code with the implementation, so a mistake in one shows up
 * as a mismatch against the other.
 */
final class FlashSpec {
    static final byte[] KEY_TAIL = HexFormat.of().parseHex(
            "F0EEC24A8068BEE82E00D0D1029E7E576EEC5D2D29806FAB93B8E636CFEB31AE");
    static final byte[] FP_KEY = join("Genuine Adobe Flash Player 001".getBytes(StandardCharsets.US_ASCII), KEY_TAIL);
    static final byte[] FMS_KEY = join("Genuine Adobe Flash Media Server 001".getBytes(StandardCharsets.US_ASCII), KEY_TAIL);

    private FlashSpec() {
    }

    /** librtmp's GetDigestOffset1: digest block at byte 8 (SRS schema1). */
    static int digestOffsetAt8(byte[] p) {
        return 12 + ((p[8] & 0xff) + (p[9] & 0xff) + (p[10] & 0xff) + (p[11] & 0xff)) % 728;
    }

    /** librtmp's GetDigestOffset2: digest block at byte 772 (SRS schema0). */
    static int digestOffsetAt772(byte[] p) {
        return 776 + ((p[772] & 0xff) + (p[773] & 0xff) + (p[774] & 0xff) + (p[775] & 0xff)) % 728;
    }

    static int digestOffset(byte[] p, int schema) {
        return schema == 0 ? digestOffsetAt772(p) : digestOffsetAt8(p);
    }

    static byte[] hmac(byte[] key, int keyLen, byte[] data, int off, int len) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, 0, keyLen, "HmacSHA256"));
            mac.update(data, off, len);
            return mac.doFinal();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** HMAC over the packet with the 32 digest bytes at {@code pos} cut out (librtmp CalculateDigest). */
    static byte[] digestWithout(byte[] p, int pos, byte[] key, int keyLen) {
        byte[] msg = new byte[1504];
        System.arraycopy(p, 0, msg, 0, pos);
        System.arraycopy(p, pos + 32, msg, pos, 1504 - pos);
        return hmac(key, keyLen, msg, 0, msg.length);
    }

    static boolean verifies(byte[] p, int pos, byte[] key, int keyLen) {
        byte[] d = digestWithout(p, pos, key, keyLen);
        for (int i = 0; i < 32; i++) {
            if (d[i] != p[pos + i]) {
                return false;
            }
        }
        return true;
    }

    /** A signed 1536-byte C1 (FP key, 30 bytes) or S1 (FMS key, 36 bytes) in the given schema. */
    static byte[] signed(long seed, int schema, int version, byte[] key, int keyLen) {
        byte[] p = new byte[1536];
        new Random(seed).nextBytes(p);
        p[0] = 0; p[1] = 0; p[2] = 0x12; p[3] = 0x34;
        p[4] = (byte) (version >>> 24); p[5] = (byte) (version >>> 16); p[6] = (byte) (version >>> 8); p[7] = (byte) version;
        int pos = digestOffset(p, schema);
        System.arraycopy(digestWithout(p, pos, key, keyLen), 0, p, pos, 32);
        return p;
    }

    /** The last 32 bytes a C2/S2 must carry when answering a packet whose digest is {@code peerDigest}. */
    static byte[] answerSignature(byte[] answer, byte[] peerDigest, byte[] fullKey) {
        byte[] k = hmac(fullKey, fullKey.length, peerDigest, 0, 32);
        return hmac(k, 32, answer, 0, 1504);
    }

    static byte[] slice(byte[] b, int from, int len) {
        byte[] r = new byte[len];
        System.arraycopy(b, from, r, 0, len);
        return r;
    }

    static byte[] join(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] r = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, r, at, p.length);
            at += p.length;
        }
        return r;
    }
}
