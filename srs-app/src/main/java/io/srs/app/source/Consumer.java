package io.srs.app.source;

import io.srs.kernel.codec.AudioTag;
import io.srs.kernel.codec.VideoTag;
import io.srs.kernel.media.MediaMessage;

import io.srs.kernel.media.MediaBatch;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One player's queue on a live source. Port of {@code SrsLiveConsumer} + {@code SrsMessageQueue}.
 *
 * <p>The publisher's thread calls {@link #enqueue} and never waits: the queue is bounded by the
 * media duration it holds ({@code play.queue_length}) and (ours) by the payload bytes it holds
 * ({@code play.queue_max_bytes}), which timestamps that never advance or go backwards cannot
 * defeat; on overflow of either it drops everything but the
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
    /**
     * A ring of (shared message, this player's timestamp): fanning out allocates nothing per
     * player. {@code head} is the oldest entry.
     */
    private MediaMessage[] messages = new MediaMessage[64];
    private long[] times = new long[64];
    private int head;
    private int count;
    /** When the oldest undelivered message arrived (nanoTime), 0 when the queue is empty. */
    private long pendingSince;
    private final Jitter jitter = new Jitter();
    private final JitterAlgorithm algorithm;
    private final boolean atc;
    private final long maxDurationMs;
    /** The most payload bytes this queue may hold (0: no byte limit); an internal output may lower it. */
    private long maxBytes;
    /** Payload bytes queued (shared payloads counted in full: what this queue keeps alive). */
    private long bytes;
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

    Consumer(LiveSource source, long maxDurationMs, long maxBytes, JitterAlgorithm algorithm, boolean atc,
             boolean internal) {
        this.source = source;
        this.internal = internal;
        this.maxDurationMs = maxDurationMs;
        this.maxBytes = maxBytes;
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
            push(msg, ts);
            // A zero timestamp (sequence headers with jitter off) would fake a huge duration
            // and make us shrink for nothing (SRS PR #2186).
            if (msg.isAv() && ts != 0) {
                if (avStart == -1) {
                    avStart = ts;
                }
                avEnd = ts;
            }
            if ((maxDurationMs > 0 && avEnd - avStart > maxDurationMs) || (maxBytes > 0 && bytes > maxBytes)) {
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

    private void push(MediaMessage msg, long ts) {
        if (count == 0) {
            pendingSince = System.nanoTime();
        }
        if (count == messages.length) {
            MediaMessage[] m = new MediaMessage[count * 2];
            long[] t = new long[count * 2];
            for (int i = 0; i < count; i++) {
                int k = (head + i) % messages.length;
                m[i] = messages[k];
                t[i] = times[k];
            }
            messages = m;
            times = t;
            head = 0;
        }
        int tail = (head + count) % messages.length;
        messages[tail] = msg;
        times[tail] = ts;
        count++;
        bytes += msg.payload().length();
    }

    private void clearQueue() {
        for (int i = 0; i < count; i++) {
            messages[(head + i) % messages.length] = null;
        }
        head = 0;
        count = 0;
        bytes = 0;
        pendingSince = 0;
    }

    private void shrink() {
        MediaMessage vsh = null;
        MediaMessage ash = null;
        int before = count;
        for (int i = 0; i < count; i++) {
            MediaMessage m = messages[(head + i) % messages.length];
            if (m.isVideo() && VideoTag.isSequenceHeader(m.payload())) {
                vsh = m;
            } else if (m.isAudio() && AudioTag.isSequenceHeader(m.payload())) {
                ash = m;
            }
        }
        clearQueue();
        avStart = avEnd;
        if (vsh != null) {
            push(vsh, avEnd);
        }
        if (ash != null) {
            push(ash, avEnd);
        }
        dropped += before - count;
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
        int n = count;
        if (n == 0) {
            return false;
        }
        // ATC sequence headers may be stamped after the media (SRS PR #749): do not wait then.
        long duration = avEnd - avStart;
        if (atc && duration < 0) {
            return true;
        }
        if (n > waitMsgs && duration >= waitMs) {
            return true;
        }
        // Never hold what is queued longer than the merged-write latency: a trickle (the tail
        // of a stream, a low-rate one) goes out with the next message after the wait, without
        // arming a timer on every player's wait.
        return waitMs > 0 && System.nanoTime() - pendingSince >= waitMs * 1_000_000L;
    }

    /**
     * Player side: waits until more than {@code minMsgs} messages spanning at least
     * {@code minMillis} are queued (SRS's merged-write wait), the consumer is closed, paused
     * state changes or it is woken, or {@code timeoutMillis} passed ({@code 0}: no time limit,
     * which spares arming a timer on every wait). Returns false when closed.
     */
    public boolean await(int minMsgs, long minMillis, long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            waitMsgs = minMsgs;
            waitMs = minMillis;
            if (timeoutMillis <= 0) {
                while (!matches() && !woken) {
                    waiting = true;
                    ready.await();
                }
                waiting = false;
                woken = false;
                return !closed;
            }
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

    /**
     * Moves up to {@code max} messages into {@code out} with this consumer's timestamps; nothing
     * while paused. Allocates nothing per message: the messages stay the shared ones.
     */
    public int drain(MediaBatch out, int max) {
        lock.lock();
        try {
            if (paused) {
                return 0;
            }
            int n = Math.min(max, count);
            for (int i = 0; i < n; i++) {
                int k = head;
                out.add(messages[k], times[k]);
                bytes -= messages[k].payload().length();
                messages[k] = null;
                head = (head + 1) % messages.length;
            }
            count -= n;
            afterDrain(n > 0 ? out.timestamp(out.size() - 1) : -1, n > 0 && out.message(out.size() - 1).isAv());
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Like {@link #drain(MediaBatch, int)} for outputs that want plain messages (HLS, forward);
     * a message is re-stamped (one small object) only when this consumer's time differs.
     */
    public int drain(List<MediaMessage> out, int max) {
        lock.lock();
        try {
            if (paused) {
                return 0;
            }
            int n = Math.min(max, count);
            long lastTs = -1;
            boolean lastAv = false;
            for (int i = 0; i < n; i++) {
                int k = head;
                out.add(messages[k].withTimestamp(times[k]));
                lastTs = times[k];
                lastAv = messages[k].isAv();
                bytes -= messages[k].payload().length();
                messages[k] = null;
                head = (head + 1) % messages.length;
            }
            count -= n;
            afterDrain(lastTs, lastAv);
            return n;
        } finally {
            lock.unlock();
        }
    }

    private void afterDrain(long lastTs, boolean lastAv) {
        if (lastAv && lastTs != 0) {
            avStart = lastTs;
        }
        if (count == 0) {
            avStart = avEnd;
            head = 0;
            pendingSince = 0;
        }
    }

    /**
     * Lowers the queue's byte bound (for internal outputs that write to disk, where a
     * high-bitrate stream could queue a lot within {@code queue_length} and
     * {@code play.queue_max_bytes}); overflow shrinks as a too-long queue does. Never raises it.
     */
    public void limitBytes(long bytes) {
        lock.lock();
        try {
            maxBytes = maxBytes > 0 ? Math.min(maxBytes, bytes) : bytes;
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

    /** Payload bytes queued now. */
    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return count;
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
            clearQueue();
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
