package io.srs.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

/**
 * A blocking channel that takes at most {@code maxPerWrite} bytes per call, like a socket
 * whose buffer is nearly full, and records what it got and whether a buffer was on the heap
 * (which the JDK would copy before writev).
 *
 * <p>Not thread-safe: one test thread.
 */
public final class RecordingChannel implements GatheringByteChannel {
    public final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    public final int maxPerWrite;
    public int writes;
    public int heapBuffers;
    public int buffers;
    public IOException fail;

    public RecordingChannel(int maxPerWrite) {
        this.maxPerWrite = maxPerWrite;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (fail != null) {
            throw fail;
        }
        writes++;
        long budget = maxPerWrite;
        long n = 0;
        for (int i = offset; i < offset + length && budget > 0; i++) {
            ByteBuffer b = srcs[i];
            buffers++;
            if (!b.isDirect()) {
                heapBuffers++;
            }
            int k = (int) Math.min(budget, b.remaining());
            byte[] tmp = new byte[k];
            b.get(tmp);
            bytes.writeBytes(tmp);
            budget -= k;
            n += k;
        }
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[]{src}, 0, 1);
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }
}
