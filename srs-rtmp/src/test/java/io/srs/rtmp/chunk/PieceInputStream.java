package io.srs.rtmp.chunk;

import java.io.InputStream;

/**
 * Serves a byte array in pieces: each read returns at most what is left of the current piece,
 * as TCP may deliver a stream. Piece size 1 gives 1-byte reads; a split point gives two pieces.
 */
final class PieceInputStream extends InputStream {
    private final byte[] data;
    private final int[] cuts;
    private int pos;
    private int cut;

    /** @param cuts increasing positions where a piece ends (the end of data is implicit) */
    PieceInputStream(byte[] data, int... cuts) {
        this.data = data;
        this.cuts = cuts;
    }

    static PieceInputStream oneByteReads(byte[] data) {
        int[] cuts = new int[Math.max(0, data.length - 1)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return new PieceInputStream(data, cuts);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= data.length) {
            return -1;
        }
        while (cut < cuts.length && cuts[cut] <= pos) {
            cut++;
        }
        int end = cut < cuts.length ? cuts[cut] : data.length;
        int n = Math.min(len, end - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
