package io.srs.research.jmh;

import java.io.InputStream;

/**
 * Serves one byte array over and over, each read stopping at the end of the array, like a
 * socket delivering a steady stream. Unsynchronized, unlike ByteArrayInputStream.
 */
final class LoopingInputStream extends InputStream {
    private final byte[] data;
    private int pos;

    LoopingInputStream(byte[] data) {
        this.data = data;
    }

    @Override
    public int read() {
        int b = data[pos] & 0xff;
        pos = pos + 1 == data.length ? 0 : pos + 1;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int n = Math.min(len, data.length - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        if (pos == data.length) {
            pos = 0;
        }
        return n;
    }
}
