package io.srs.kernel.ts;

/**
 * CRC-32/MPEG-2 (ISO/IEC 13818-1 Annex A: polynomial 0x04C11DB7, initial value all ones, no
 * reflection, no final xor), the CRC that ends every PSI section.
 *
 * <p>Stateless; thread-safe.
 */
public final class Crc32Mpeg {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04c11db7 : c << 1;
            }
            TABLE[i] = c;
        }
    }

    private Crc32Mpeg() {
    }

    public static int compute(byte[] data, int off, int len) {
        int crc = 0xffffffff;
        for (int i = off; i < off + len; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ data[i]) & 0xff];
        }
        return crc;
    }
}
