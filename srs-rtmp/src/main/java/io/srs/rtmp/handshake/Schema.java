package io.srs.rtmp.handshake;

/**
 * The two layouts of a complex-handshake C1/S1 packet (SRS's {@code schema0}/{@code schema1}).
 *
 * <p>A 1536-byte C1/S1 is a 4-byte time, a 4-byte version and two 764-byte blocks: a key block
 * and a digest block, in an order that depends on the schema. Inside the digest block, the first
 * 4 bytes choose where the 32-byte digest sits; inside the key block, the last 4 bytes choose
 * where the 128-byte key sits. The position is the sum of those 4 bytes modulo the room left.
 */
public enum Schema {
    /** Key block first (bytes 8..771), digest block second (772..1535). */
    SCHEMA0(772, 8),
    /** Digest block first (bytes 8..771), key block second (772..1535); what Flash Player and SRS's client send. */
    SCHEMA1(8, 772);

    static final int BLOCK_SIZE = 764;
    static final int DIGEST_SIZE = 32;
    static final int KEY_SIZE = 128;

    private final int digestBlock;
    private final int keyBlock;

    Schema(int digestBlock, int keyBlock) {
        this.digestBlock = digestBlock;
        this.keyBlock = keyBlock;
    }

    /** Position of the 32-byte digest inside a 1536-byte C1/S1 laid out in this schema. */
    int digestOffset(byte[] c1s1) {
        int room = BLOCK_SIZE - 4 - DIGEST_SIZE; // 728
        return digestBlock + 4 + sum4(c1s1, digestBlock) % room;
    }

    /** Position of the 128-byte key inside a 1536-byte C1/S1 laid out in this schema. */
    int keyOffset(byte[] c1s1) {
        int room = BLOCK_SIZE - 4 - KEY_SIZE; // 632
        return keyBlock + sum4(c1s1, keyBlock + BLOCK_SIZE - 4) % room;
    }

    /** The other layout. */
    Schema other() {
        return this == SCHEMA0 ? SCHEMA1 : SCHEMA0;
    }

    private static int sum4(byte[] b, int at) {
        return (b[at] & 0xff) + (b[at + 1] & 0xff) + (b[at + 2] & 0xff) + (b[at + 3] & 0xff);
    }
}
