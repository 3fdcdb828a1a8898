package io.srs.kernel.codec;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

/**
 * MSB-first bit cursor over an RBSP (emulation prevention bytes already removed), with the
 * Exp-Golomb codes of H.264/H.265. Core has no bit reader yet; this one is package-private so
 * it can move there later without breaking callers.
 *
 * <p>Not thread-safe; one reader per parse.
 */
final class BitReader {
    private final byte[] data;
    private final int end;
    private final ErrorCode code;
    private long bitPos;

    BitReader(byte[] data, int offset, int length, ErrorCode code) {
        this.data = data;
        this.end = offset + length;
        this.bitPos = (long) offset * 8;
        this.code = code;
    }

    long bitsLeft() {
        return (long) end * 8 - bitPos;
    }

    int readBit() {
        if (bitPos >= (long) end * 8) {
            throw new SrsException(code, "bitstream exhausted");
        }
        int b = (data[(int) (bitPos >>> 3)] >> (7 - (int) (bitPos & 7))) & 1;
        bitPos++;
        return b;
    }

    boolean readFlag() {
        return readBit() == 1;
    }

    /** Up to 32 bits, returned in the low bits of an int. */
    int readBits(int n) {
        if (n < 0 || n > 32) {
            throw new IllegalArgumentException("bits " + n);
        }
        if (bitsLeft() < n) {
            throw new SrsException(code, "need " + n + " bits, only " + bitsLeft() + " left");
        }
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | readBit();
        }
        return v;
    }

    void skipBits(long n) {
        if (n < 0 || bitsLeft() < n) {
            throw new SrsException(code, "skip " + n + " bits, only " + bitsLeft() + " left");
        }
        bitPos += n;
    }

    /**
     * ue(v). Values above 2^31-2 cannot be represented and are rejected, which also bounds
     * the loop: at most 31 leading zeros are accepted.
     */
    int readUe() {
        int zeros = 0;
        while (readBit() == 0) {
            if (++zeros > 30) {
                throw new SrsException(code, "ue(v) too large");
            }
        }
        if (zeros == 0) {
            return 0;
        }
        return (1 << zeros) - 1 + readBits(zeros);
    }

    int readSe() {
        int k = readUe();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    /** ue(v) that must not exceed {@code max}; syntax elements used as counts or sizes go here. */
    int readUe(int max, String what) {
        int v = readUe();
        if (v > max) {
            throw new SrsException(code, what + "=" + v + " exceeds " + max);
        }
        return v;
    }
}
