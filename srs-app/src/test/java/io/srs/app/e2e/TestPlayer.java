package io.srs.app.e2e;

import io.srs.kernel.media.MediaMessage;
import io.srs.rtmp.chunk.ChunkLimits;
import io.srs.rtmp.session.ConnectResult;
import io.srs.rtmp.session.RtmpClientSession;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** An RTMP player built on our client session, recording what it receives and when. */
final class TestPlayer implements AutoCloseable {
    private final Socket socket = new Socket();
    private final ReentrantLock lock = new ReentrantLock();
    private final List<MediaMessage> media = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();
    private final int receiveBuffer;
    private final java.util.concurrent.locks.Condition changed = lock.newCondition();
    private final CountDownLatch firstVideo = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);
    private long videoFrames;
    private long frames;
    private volatile long playNanos;
    private volatile long firstVideoNanos;
    private volatile boolean reading = true;
    private volatile Throwable error;
    private Thread thread;

    /** Connects and plays; returns once NetStream.Play.Start arrived. */
    private TestPlayer(int receiveBuffer) {
        this.receiveBuffer = receiveBuffer;
    }

    static TestPlayer play(int port, String app, String stream) throws IOException {
        return play(port, app, stream, 0);
    }

    /** With a small {@code receiveBuffer} a stalled player quickly blocks the server's writes. */
    static TestPlayer play(int port, String app, String stream, int receiveBuffer) throws IOException {
        TestPlayer p = new TestPlayer(receiveBuffer);
        p.start(port, app, stream);
        return p;
    }

    /** From another loopback address (127/8), e.g. beside a flood from 127.0.0.1. */
    static TestPlayer playFrom(String localIp, int port, String app, String stream) throws IOException {
        TestPlayer p = new TestPlayer(0);
        p.socket.bind(new InetSocketAddress(localIp, 0));
        p.start(port, app, stream);
        return p;
    }

    private void start(int port, String app, String stream) throws IOException {
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20_000);
        RtmpClientSession s = new RtmpClientSession(new BufferedInputStream(socket.getInputStream(), 65536),
                socket.getOutputStream(), ChunkLimits.DEFAULT);
        s.handshake(false);
        ConnectResult r = s.connect(app, "rtmp://127.0.0.1:" + port + "/" + app, "", "", Optional.empty());
        if (!(r instanceof ConnectResult.Connected)) {
            throw new IOException("connect: " + r);
        }
        int sid = s.createStream();
        playNanos = System.nanoTime();
        s.play(sid, stream, 1000);
        thread = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    MediaMessage m = s.readMessage();
                    if (!m.isAv()) {
                        continue;
                    }
                    if (!reading) {
                        resume.await();
                    }
                    lock.lock();
                    try {
                        media.add(m);
                        arrivals.add(System.nanoTime());
                        if (m.payload().length() > 1 && m.payload().get(1) == 1) {
                            frames++;
                            if (m.isVideo()) {
                                videoFrames++;
                            }
                        }
                        changed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                    if (m.isVideo() && firstVideo.getCount() > 0) {
                        firstVideoNanos = System.nanoTime();
                        firstVideo.countDown();
                    }
                }
            } catch (Throwable t) {
                error = t;
                lock.lock();
                try {
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        });
    }

    /** Stops reading from the socket (its receive buffer fills, the server's writes block). */
    void stall() {
        reading = false;
    }

    boolean awaitFirstVideo(long seconds) throws InterruptedException {
        return firstVideo.await(seconds, TimeUnit.SECONDS);
    }

    /** Milliseconds from sending play to the first video message. */
    /** The longest wait between two media messages that arrived after {@code sinceNanos}, or since it. */
    double maxGapMillisSince(long sinceNanos) {
        lock.lock();
        try {
            long prev = sinceNanos;
            long max = 0;
            for (long t : arrivals) {
                if (t > sinceNanos) {
                    max = Math.max(max, t - prev);
                    prev = t;
                }
            }
            return Math.max(max, System.nanoTime() - prev) / 1e6;
        } finally {
            lock.unlock();
        }
    }

    double firstVideoMillis() {
        return (firstVideoNanos - playNanos) / 1e6;
    }

    List<MediaMessage> media() {
        lock.lock();
        try {
            return new ArrayList<>(media);
        } finally {
            lock.unlock();
        }
    }

    /**
     * For each video frame, arrival time minus media time in ms (relative to the first frame):
     * flat while the server keeps pace, growing when this player is held back.
     */
    List<Double> videoLagMillis() {
        lock.lock();
        try {
            List<Double> lag = new ArrayList<>();
            double base = Double.NaN;
            for (int i = 0; i < media.size(); i++) {
                MediaMessage m = media.get(i);
                if (!m.isVideo() || m.payload().get(1) != 1) {
                    continue;
                }
                double v = arrivals.get(i) / 1e6 - m.timestamp();
                if (Double.isNaN(base)) {
                    base = v;
                }
                lag.add(v - base);
            }
            return lag;
        } finally {
            lock.unlock();
        }
    }

    /** Video messages excluding sequence headers. */
    long videoFrames() {
        lock.lock();
        try {
            return videoFrames;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until at least {@code n} audio and video frames (no sequence headers) arrived. */
    boolean awaitFrames(long n, long seconds) throws InterruptedException {
        return awaitCount(() -> frames, n, seconds);
    }

    /** Waits until at least {@code n} video frames arrived. */
    boolean awaitVideoFrames(long n, long seconds) throws InterruptedException {
        return awaitCount(() -> videoFrames, n, seconds);
    }

    private boolean awaitCount(java.util.function.LongSupplier count, long n, long seconds)
            throws InterruptedException {
        long left = TimeUnit.SECONDS.toNanos(seconds);
        lock.lock();
        try {
            while (count.getAsLong() < n) {
                if (error != null || left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    Throwable error() {
        return error;
    }

    /** Waits until the connection ended (the server closed it or it failed). */
    boolean awaitEnd(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        lock.lock();
        try {
            while (error == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
