package io.srs.research.jmh;

import java.io.OutputStream;

/** Discards bytes but counts them and the write calls, so the JIT cannot drop the writes. */
final class CountingSink extends OutputStream {
    long bytes;
    long writes;

    @Override
    public void write(int b) {
        bytes++;
        writes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        // Touch the data so a copy into the sink cannot be elided.
        bytes += len + (len > 0 ? b[off + len - 1] & 1 : 0);
        writes++;
    }
}
