package io.srs.app.stats;

/**
 * Bytes received and sent by one client, stream, vhost or the whole server, with the average
 * kbps over the last 30 seconds. SRS's {@code SrsKbps} refreshes its 30 s figure only once
 * every 30 s; here it is a sliding window over the sampler's ticks, so it follows traffic
 * within a tick and equals the average since creation until 30 s have passed.
 *
 * <p>Not thread-safe: guarded by the {@link Statistics} lock.
 */
final class Traffic {
    static final long WINDOW_NANOS = 30_000_000_000L;

    private long recvBytes;
    private long sendBytes;
    // (nanos, recv, send) samples covering the window, oldest at head; the head is at or before
    // the window's start. One ring of primitives: a long[3] per sample cost every connected
    // client about 1.3 KB at one sample a second.
    private long[] ring = new long[3 * 4];
    private int head;
    private int count;
    private int recvKbps30s;
    private int sendKbps30s;

    Traffic(long nowNanos) {
        push(nowNanos, 0, 0);
    }

    void add(long recv, long send) {
        recvBytes += recv;
        sendBytes += send;
    }

    /** Takes a sample and refreshes the 30 s rates. */
    void sample(long nowNanos) {
        push(nowNanos, recvBytes, sendBytes);
        // Drop the head while the second sample is already at or before the window's start.
        while (count > 2 && ring[slot(1)] <= nowNanos - WINDOW_NANOS) {
            head = (head + 1) % (ring.length / 3);
            count--;
        }
        int first = slot(0);
        long dt = nowNanos - ring[first];
        if (dt <= 0) {
            return;
        }
        recvKbps30s = kbps(recvBytes - ring[first + 1], dt);
        sendKbps30s = kbps(sendBytes - ring[first + 2], dt);
    }

    /** Index in the ring of the i-th oldest sample's first field. */
    private int slot(int i) {
        return (head + i) % (ring.length / 3) * 3;
    }

    private void push(long nanos, long recv, long send) {
        int capacity = ring.length / 3;
        if (count == capacity) {
            long[] bigger = new long[ring.length * 2];
            for (int i = 0; i < count; i++) {
                System.arraycopy(ring, slot(i), bigger, i * 3, 3);
            }
            ring = bigger;
            head = 0;
        }
        int at = slot(count);
        ring[at] = nanos;
        ring[at + 1] = recv;
        ring[at + 2] = send;
        count++;
    }

    private static int kbps(long bytes, long nanos) {
        return (int) Math.min(Integer.MAX_VALUE, bytes * 8e6 / nanos);
    }

    long recvBytes() {
        return recvBytes;
    }

    long sendBytes() {
        return sendBytes;
    }

    int recvKbps30s() {
        return recvKbps30s;
    }

    int sendKbps30s() {
        return sendKbps30s;
    }
}
