package io.srs.app.rtmp;

import io.srs.app.config.PublishConfig;
import io.srs.rtmp.chunk.ReadListener;
import io.srs.rtmp.chunk.RtmpProtocol;

import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketException;

/**
 * A publisher's merged read ({@code publish { mr on; mr_latency 350; }}), as SRS's
 * {@code SrsPublishRecvThread} does it: after a read of fewer than {@value #SMALL_BYTES} bytes
 * the reading thread sleeps {@code mr_latency}, so the next read takes everything that came
 * meanwhile, parsed in one go; the socket's receive buffer and the reader's buffer are sized to
 * hold that much ({@code mr_latency} x {@value #ASSUMED_KBPS} kbps / 8, SRS's formula).
 *
 * <p>The cost is latency: every message waits up to {@code mr_latency} more before players get
 * it (SRS: "the latency of stream >= mw_latency + mr_latency"). The gain: one wake of the
 * publisher's thread per window instead of one per message. {@code min_latency on} turns the
 * wait off (SRS's realtime), as does {@code mr_latency 0}. A reload applies to live publishers
 * at their next message (SRS applies it at once; a publisher blocked in a read gets its next
 * message within milliseconds).
 *
 * <p>Threading: the publisher's connection thread only (the read hook runs on it too).
 */
final class MergedRead implements ReadListener {
    private static final System.Logger LOG = System.getLogger(MergedRead.class.getName());
    /** SRS_MR_SMALL_BYTES: reads smaller than this are followed by the wait. */
    static final int SMALL_BYTES = 4096;
    /** The stream bitrate SRS sizes the buffers for. */
    static final int ASSUMED_KBPS = 5000;

    private final Socket socket;
    private final RtmpProtocol protocol;
    private boolean enabled;
    private boolean realtime;
    private long sleepMillis;
    /** The wait the socket buffer was last sized for, or -1 (never sized). */
    private long sizedForMillis = -1;

    MergedRead(Socket socket, RtmpProtocol protocol) {
        this.socket = socket;
        this.protocol = protocol;
    }

    /**
     * Applies the vhost's settings: at publish start and after a reload. Returns whether
     * anything changed.
     */
    boolean apply(PublishConfig publish, boolean minLatency) {
        boolean wasEnabled = enabled;
        boolean changed = enabled != publish.mr() || realtime != minLatency
                || sleepMillis != publish.mrLatency().toMillis();
        enabled = publish.mr();
        realtime = minLatency;
        sleepMillis = publish.mrLatency().toMillis();
        if (enabled && sleepMillis != sizedForMillis) {
            sizeBuffers();
        }
        if (enabled != wasEnabled) {
            // Like SRS: turning it off stops the waits; the bigger buffers stay.
            protocol.useReadListener(enabled ? this : null);
        }
        return changed;
    }

    boolean enabled() {
        return enabled;
    }

    long sleepMillis() {
        return sleepMillis;
    }

    @Override
    public void onRead(int bytes) {
        if (realtime || sleepMillis <= 0 || bytes >= SMALL_BYTES) {
            return;
        }
        try {
            Thread.sleep(sleepMillis);
        } catch (InterruptedException e) {
            // Shutting down: let the read that follows fail.
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SRS's set_socket_buffer: the kernel doubles what it is asked for, hence the half; it caps
     * the request at {@code net.core.rmem_max} (212,992 by default, so 425,984 at most).
     */
    private void sizeBuffers() {
        long wanted = Math.min(Integer.MAX_VALUE, sleepMillis * ASSUMED_KBPS / 8);
        int before = -1;
        int after = -1;
        try {
            before = socket.getReceiveBufferSize();
            socket.setReceiveBufferSize((int) Math.max(1, wanted / 2));
            after = socket.getReceiveBufferSize();
        } catch (SocketException e) {
            // The publisher vanished; its next read says so.
            LOG.log(Level.INFO, "mr: socket buffer not set: {0}", e.getMessage());
        }
        // Java reports half of what Linux holds (it hides the kernel's doubling), so the read
        // buffer takes the formula's size, as SRS's does when the kernel grants it.
        protocol.useReadBuffer((int) wanted);
        LOG.log(Level.INFO, "mr change sleep {0}=>{1}, erbuf={2}, rbuf {3}=>{4}, sbytes={5}, realtime={6}",
                Math.max(0, sizedForMillis), sleepMillis, wanted, before, after, SMALL_BYTES, realtime);
        sizedForMillis = sleepMillis;
    }
}
