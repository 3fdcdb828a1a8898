package io.srs.app.source;

import io.srs.kernel.codec.AudioTag;
import io.srs.kernel.codec.VideoTag;
import io.srs.kernel.media.MediaMessage;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One player's queue on a live source. Port of {@code SrsLiveConsumer} + {@code SrsMessageQueue}.
 *
 * <p>The publisher's thread calls {@link #enqueue} and never waits: the queue is bounded by the
 * media duration it holds ({@code play.queue_length}); on overflow it drops everything but the
 * latest sequence headers, like SRS's shrink, and then (going beyond SRS) drops video until the
 * next keyframe so the player never decodes a broken picture. The player's thread calls
 * {@link #await} and {@link #drain}.
 *
 * <p>Thread-safe: one lock per consumer, held only for queue operations, never across IO.
 */
public final class Consumer implements AutoCloseable {
    private final LiveSource source;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<MediaMessage> queue = new ArrayDeque<>();
    private final Jitter jitter = new Jitter();
    private final JitterAlgorithm algorithm;
    private final boolean atc;
    private final long maxDurationMs;
    private final boolean internal;

    private long avStart = -1;
    private long avEnd = -1;
    private boolean waitKeyframe;
    private boolean paused;
    private boolean closed;
    private boolean waiting;
    private boolean woken;
    private int waitMsgs;
    private long waitMs;
    private long dropped;
    private long shrinks;
    private long sinceLastDropReport;

    Consumer(LiveSource source, long maxDurationMs, JitterAlgorithm algorithm, boolean atc, boolean internal) {
        this.source = source;
        this.internal = internal;
        this.maxDurationMs = maxDurationMs;
        this.algorithm = algorithm;
        this.atc = atc;
    }

    public LiveSource source() {
        return source;
    }

    /** An output of the server itself, not a player. */
    public boolean isInternal() {
        return internal;
    }

    /** Publisher side: adds a message (jitter-corrected for this player). Never blocks. */
    void enqueue(MediaMessage msg) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            // Correct every message, dropped or not, so this player's timeline stays continuous.
            long ts = atc ? msg.timestamp() : jitter.correct(msg, algorithm);
            if (waitKeyframe && msg.isVideo()) {
                if (VideoTag.isSequenceHeader(msg.payload())) {
                    // keep: the decoder needs it before the keyframe
                } else if (VideoTag.isKeyframe(msg.payload())) {
                    waitKeyframe = false;
                } else {
                    dropped++;
                    // Nothing is queued but headers: the queue spans no media time.
                    if (ts != 0) {
                        avStart = ts;
                        avEnd = ts;
                    }
                    return;
                }
            }
            MediaMessage m = msg.withTimestamp(ts);
            queue.addLast(m);
            // A zero timestamp (sequence headers with jitter off) would fake a huge duration
            // and make us shrink for nothing (SRS PR #2186).
            if (m.isAv() && m.timestamp() != 0) {
                if (avStart == -1) {
                    avStart = m.timestamp();
                }
                avEnd = m.timestamp();
            }
            if (maxDurationMs > 0 && avEnd - avStart > maxDurationMs) {
                shrink();
            }
            if (waiting && matches()) {
                waiting = false;
                ready.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void shrink() {
        MediaMessage vsh = null;
        MediaMessage ash = null;
        int before = queue.size();
        for (MediaMessage m : queue) {
            if (m.isVideo() && VideoTag.isSequenceHeader(m.payload())) {
                vsh = m;
            } else if (m.isAudio() && AudioTag.isSequenceHeader(m.payload())) {
                ash = m;
            }
        }
        queue.clear();
        avStart = avEnd;
        if (vsh != null) {
            queue.addLast(vsh.withTimestamp(avEnd));
        }
        if (ash != null) {
            queue.addLast(ash.withTimestamp(avEnd));
        }
        dropped += before - queue.size();
        shrinks++;
        waitKeyframe = true;
    }

    private boolean matches() {
        if (closed) {
            return true;
        }
        if (paused) {
            return false;
        }
        int n = queue.size();
        if (n == 0) {
            return false;
        }
        // ATC sequence headers may be stamped after the media (SRS PR #749): do not wait then.
        long duration = avEnd - avStart;
        if (atc && duration < 0) {
            return true;
        }
        return n > waitMsgs && duration >= waitMs;
    }

    /**
     * Player side: waits until more than {@code minMsgs} messages spanning at least
     * {@code minMillis} are queued (SRS's merged-write wait), the consumer is closed or woken,
     * or {@code timeoutMillis} passed. Returns false when closed.
     */
    public boolean await(int minMsgs, long minMillis, long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            waitMsgs = minMsgs;
            waitMs = minMillis;
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (!matches() && !woken && nanos > 0) {
                waiting = true;
                nanos = ready.awaitNanos(nanos);
            }
            waiting = false;
            woken = false;
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** Player side: moves up to {@code max} messages into {@code out}; nothing while paused. */
    public int drain(List<MediaMessage> out, int max) {
        lock.lock();
        try {
            if (paused) {
                return 0;
            }
            int n = 0;
            MediaMessage last = null;
            while (n < max && !queue.isEmpty()) {
                last = queue.pollFirst();
                out.add(last);
                n++;
            }
            if (last != null && last.isAv() && last.timestamp() != 0) {
                avStart = last.timestamp();
            }
            if (queue.isEmpty()) {
                avStart = avEnd;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    public void pause(boolean pause) {
        lock.lock();
        try {
            paused = pause;
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Ends a pending (or the next) {@link #await} early without closing, e.g. to stop an output. */
    public void wakeup() {
        lock.lock();
        try {
            woken = true;
            waiting = false;
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Messages dropped by overflow so far. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Dropped since the previous call, for rate-limited status lines. */
    public long takeDroppedSinceLastReport() {
        lock.lock();
        try {
            long d = dropped - sinceLastDropReport;
            sinceLastDropReport = dropped;
            return d;
        } finally {
            lock.unlock();
        }
    }

    public long shrinks() {
        lock.lock();
        try {
            return shrinks;
        } finally {
            lock.unlock();
        }
    }

    /** Leaves the source and wakes the player. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            ready.signal();
        } finally {
            lock.unlock();
        }
        source.removeConsumer(this);
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
