package io.srs.research.load;

import java.nio.channels.Channel;

/**
 * What one client (player, publisher, HLS viewer) did, written by its own thread and read by
 * the reporter. Times are {@link System#nanoTime()} values, 0 until the event happened.
 *
 * <p>Threading: the owner writes, anyone reads (volatile fields); the window snapshot fields
 * are touched by the reporter thread only.
 */
final class ClientStats {
    final int index;
    volatile long startedAt;
    volatile long connectedAt;
    volatile long firstFrameAt;
    /** Bytes received (players, viewers) or sent (publishers). */
    volatile long bytes;
    volatile long videoFrames;
    volatile long audioFrames;
    /** The flags byte of an HTTP-FLV body's header (0x04 audio, 0x01 video); -1 until read. */
    volatile int flvFlags = -1;
    volatile String error;
    /** Closed by the tool to stop the client. */
    volatile Channel channel;

    long windowStartBytes = -1;
    long windowEndBytes = -1;
    /** The error as it stood at the window's end, before the tool closed everything. */
    String errorAtEnd;

    ClientStats(int index) {
        this.index = index;
    }

    boolean connected() {
        return connectedAt != 0;
    }
}
