package io.srs.app.stats;

import java.util.ArrayDeque;

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
    // (nanos, recv, send) samples covering the window; the head is at or before its start.
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private int recvKbps30s;
    private int sendKbps30s;

    Traffic(long nowNanos) {
        samples.add(new long[] {nowNanos, 0, 0});
    }

    void add(long recv, long send) {
        recvBytes += recv;
        sendBytes += send;
    }

    /** Takes a sample and refreshes the 30 s rates. */
    void sample(long nowNanos) {
        samples.addLast(new long[] {nowNanos, recvBytes, sendBytes});
        while (samples.size() > 2) {
            long[] second = secondSample();
            if (second[0] > nowNanos - WINDOW_NANOS) {
                break;
            }
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        long dt = nowNanos - first[0];
        if (dt <= 0) {
            return;
        }
        recvKbps30s = kbps(recvBytes - first[1], dt);
        sendKbps30s = kbps(sendBytes - first[2], dt);
    }

    private long[] secondSample() {
        var it = samples.iterator();
        it.next();
        return it.next();
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
