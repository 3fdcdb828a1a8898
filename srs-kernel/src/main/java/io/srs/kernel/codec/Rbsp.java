package io.srs.kernel.codec;

import java.util.Arrays;

/**
 * NAL unit payload helpers shared by the H.264 and H.265 parsers.
 *
 * <p>Stateless; thread-safe.
 */
final class Rbsp {
    private Rbsp() {
    }

    /**
     * Removes emulation prevention bytes: every {@code 00 00 03} becomes {@code 00 00}
     * (H.264 7.4.1, H.265 7.4.2). Returns a new array, never longer than the input.
     */
    static byte[] unescape(byte[] src, int off, int len) {
        byte[] out = new byte[len];
        int n = 0;
        int zeros = 0;
        for (int i = off; i < off + len; i++) {
            int b = src[i] & 0xff;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            out[n++] = (byte) b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return n == len ? out : Arrays.copyOf(out, n);
    }
}
