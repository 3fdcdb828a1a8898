package io.srs.app.source;

import io.srs.kernel.codec.AudioTag;
import io.srs.kernel.codec.VideoTag;
import io.srs.kernel.media.MediaMessage;

import io.srs.kernel.media.MediaBatch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One player's view of a live source. Port of {@code SrsLiveConsumer} + {@code SrsMessageQueue},
 * reading the source's shared {@link MessageLog} by its own cursor.
 *
 * <p>The publisher appends each message to the log once and never touches a consumer's queue: it
 * only reads each waiting consumer's wake condition ({@link #wakeIfDue}) and unparks the ones whose
 * merged-write window is full. The consumer does its own per-message work on the thread that
 * reads it ({@link #await}, {@link #drain} and the counters catch up first): jitter correction of
 * every message, dropped or not; the queue bound in media duration ({@code play.queue_length})
 * and (ours) in payload bytes ({@code play.queue_max_bytes}), which timestamps that never advance
 * or go backwards cannot defeat. On overflow of either, or when its cursor fell off the log's
 * tail, it drops everything but the latest sequence headers, like SRS's shrink, and then (going
 * beyond SRS) drops video until the next keyframe so the player never decodes a broken picture.
 *
 * <p>Thread-safe: one lock per consumer, held for queue operations and the catch-up, never
 * across IO and never by the publisher. The wake handshake is lock-free: a waiter publishes its
 * condition and sets {@code armed} under its lock, then re-reads the log's tail before parking;
 * the publisher moves the tail and then reads {@code armed} (both volatile), so one of them sees
 * the other and a wake is never lost; whoever clears {@code armed} by CAS unparks the waiter.
 */
public final class Consumer implements AutoCloseable {
    private static final VarHandle ARMED;

    static {
        try {
            ARMED = MethodHandles.lookup().findVarHandle(Consumer.class, "armed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The ring's size when empty. */
    private static final int RING = 64;

    private final LiveSource source;
    private final MessageLog log;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * A ring of (shared message, this player's timestamp): fanning out allocates nothing per
     * player. {@code head} is the oldest entry.
     */
    private MediaMessage[] messages = new MediaMessage[RING];
    private long[] times = new long[RING];
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

    /** The next log sequence to read; guarded by lock, published for the log's trim. */
    private long next;
    private volatile long cursor;
    /** The source clock of the last entry read (see {@link MessageLog.Entry#clock}). */
    private long lastClock;
    private MediaMessage lastVideoHeader;
    private MediaMessage lastAudioHeader;

    // The wake condition, written under lock before armed is set; read by the publisher after it.
    private volatile int armed;
    private volatile Thread waiter;
    private volatile long wakeSeq = Long.MAX_VALUE;
    private volatile long wakeClock = Long.MAX_VALUE;
    private volatile long wakeDeadline = Long.MAX_VALUE;
    /** Wakes by the publisher (tests look at it: once per merged window, not per message). */
    private volatile long publisherWakes;

    private long avStart = -1;
    private long avEnd = -1;
    private boolean waitKeyframe;
    private boolean paused;
    private boolean closed;
    private boolean woken;
    private int waitMsgs;
    private long waitMs;
    private long dropped;
    private long shrinks;
    private long sinceLastDropReport;

    Consumer(LiveSource source, MessageLog log, long maxDurationMs, long maxBytes,
             JitterAlgorithm algorithm, boolean atc, boolean internal) {
        this.source = source;
        this.log = log;
        // Created under the source's lock: the log is not moving, this is the seam.
        this.next = log.tail();
        this.cursor = next;
        this.lastClock = log.clock();
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

    /** The lowest log sequence this consumer may still read; any thread. */
    long cursor() {
        return cursor;
    }

    /**
     * The source's caches for a new consumer (metadata, headers, the GOP), before anyone else can
     * see it: called by the source under its lock, so no lock of ours is needed yet.
     */
    void preload(MediaMessage msg) {
        accept(msg, System.nanoTime());
    }

    /**
     * Reads the log from the cursor up to its tail into this queue, applying jitter, the bounds
     * and overflow to each message as it comes. Under lock.
     */
    private void catchUp() {
        if (closed) {
            return;
        }
        long t = log.tail();
        if (next >= t) {
            return;
        }
        MessageLog.Entry[] r = log.ring();
        while (next < t) {
            MessageLog.Entry e = r[(int) next & (r.length - 1)];
            if (e == null || e.seq() != next) {
                long h = log.head();
                if (h > next) {
                    fellOff(h - next);
                    next = h;
                    continue;
                }
                MessageLog.Entry[] again = log.ring();
                if (again == r) {
                    break; // cannot happen (see MessageLog); never spin on it
                }
                r = again;
                continue;
            }
            lastClock = e.clock();
            accept(e.msg(), e.arrival());
            next++;
        }
        cursor = next;
    }

    /** The cursor fell off the log's tail: those messages are gone, the rest overflows. */
    private void fellOff(long lost) {
        dropped += lost;
        shrink();
        // A header change may have been among the lost messages: take the latest one. From the
        // log, not the source: the source's lock must not be taken under ours.
        MediaMessage vsh = log.videoHeader();
        if (vsh != null && vsh != lastVideoHeader) {
            lastVideoHeader = vsh;
            push(vsh, Math.max(0, avEnd), System.nanoTime());
        }
        MediaMessage ash = log.audioHeader();
        if (ash != null && ash != lastAudioHeader && AudioTag.isSequenceHeader(ash.payload())) {
            lastAudioHeader = ash;
            push(ash, Math.max(0, avEnd), System.nanoTime());
        }
    }

    /** One message into this queue (jitter-corrected for this player). */
    private void accept(MediaMessage msg, long arrival) {
        if (closed) {
            return;
        }
        // Correct every message, dropped or not, so this player's timeline stays continuous.
        long ts = atc ? msg.timestamp() : jitter.correct(msg, algorithm);
        if (msg.isVideo() && VideoTag.isSequenceHeader(msg.payload())) {
            lastVideoHeader = msg;
        } else if (msg.isAudio() && AudioTag.isSequenceHeader(msg.payload())) {
            lastAudioHeader = msg;
        }
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
        push(msg, ts, arrival);
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
    }

    private void push(MediaMessage msg, long ts, long arrival) {
        if (count == 0) {
            pendingSince = arrival;
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
        long since = pendingSince;
        clearQueue();
        avStart = avEnd;
        if (vsh != null) {
            push(vsh, avEnd, since);
        }
        if (ash != null) {
            push(ash, avEnd, since);
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
     * Publishes when the publisher should wake us, in the log's terms (after {@link #matches}
     * said no, under lock). Conservative: a wake too early only makes the waiter check again,
     * a wake too late would stall it. The count needs that many more log entries; the duration
     * needs the source's clock to advance by what is missing (a player's corrected time moves
     * with it, except at jumps, which wake anyway); the trickle rule needs the wall clock.
     */
    private void arm() {
        if (paused) {
            wakeSeq = Long.MAX_VALUE;
            wakeClock = Long.MAX_VALUE;
            wakeDeadline = Long.MAX_VALUE;
        } else {
            int n = count;
            wakeSeq = next + Math.max(1, waitMsgs + 1 - n);
            long missing = waitMs - (n == 0 ? 0 : avEnd - avStart);
            wakeClock = atc || missing <= 0 ? Long.MIN_VALUE : lastClock + missing;
            // With nothing queued, the first message to come arrives after now: waking at now +
            // the window is early at most by that message's delay (one spurious check).
            long since = n > 0 ? pendingSince : System.nanoTime();
            wakeDeadline = waitMs > 0 ? since + waitMs * 1_000_000L : Long.MAX_VALUE;
        }
        waiter = Thread.currentThread();
        armed = 1;
    }

    /**
     * Publisher side, after appending (the log's tail is {@code tail}, its clock {@code clock};
     * {@code jump}: the clock jumped on the way): unparks this
     * consumer if it waits and its condition may hold now. Reads a few volatile fields; never
     * locks and never touches the queue.
     */
    void wakeIfDue(long tail, long clock, boolean jump, long now) {
        if (armed == 0) {
            return;
        }
        if ((tail >= wakeSeq && (jump || clock >= wakeClock)) || now >= wakeDeadline) {
            if (unpark()) {
                publisherWakes++;
            }
        }
    }

    /** Clears the armed flag and unparks the waiter, if this call cleared it. */
    private boolean unpark() {
        if (ARMED.compareAndSet(this, 1, 0)) {
            LockSupport.unpark(waiter);
            return true;
        }
        return false;
    }

    /** Wakes by the publisher so far. */
    long publisherWakes() {
        return publisherWakes;
    }

    /**
     * Player side: waits until more than {@code minMsgs} messages spanning at least
     * {@code minMillis} are queued (SRS's merged-write wait), the consumer is closed, paused
     * state changes or it is woken, or {@code timeoutMillis} passed ({@code 0}: no time limit,
     * which spares arming a timer on every wait). Returns false when closed.
     */
    public boolean await(int minMsgs, long minMillis, long timeoutMillis) throws InterruptedException {
        long deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
        while (true) {
            long seen;
            lock.lock();
            try {
                waitMsgs = minMsgs;
                waitMs = minMillis;
                catchUp();
                if (matches() || woken) {
                    woken = false;
                    return !closed;
                }
                if (timeoutMillis > 0 && deadline - System.nanoTime() <= 0) {
                    return !closed;
                }
                arm();
                seen = next;
            } finally {
                lock.unlock();
            }
            // The publisher may have appended after our catch-up and before it could see us armed.
            if (log.tail() != seen) {
                armed = 0;
                continue;
            }
            if (timeoutMillis > 0) {
                LockSupport.parkNanos(this, deadline - System.nanoTime());
            } else {
                LockSupport.park(this);
            }
            armed = 0;
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /**
     * Moves up to {@code max} messages into {@code out} with this consumer's timestamps; nothing
     * while paused. Allocates nothing per message: the messages stay the shared ones.
     */
    public int drain(MediaBatch out, int max) {
        lock.lock();
        try {
            catchUp();
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
            if (count == 0 && messages.length > RING) {
                // The ring grew for a burst (a joiner's whole GOP): ~12 bytes a slot per player
                // for as long as it plays, where a steady merged window needs a few dozen.
                messages = new MediaMessage[RING];
                times = new long[RING];
                head = 0;
            }
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
            catchUp();
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
            catchUp();
            paused = pause;
            unpark();
        } finally {
            lock.unlock();
        }
    }

    /** Ends a pending (or the next) {@link #await} early without closing, e.g. to stop an output. */
    public void wakeup() {
        lock.lock();
        try {
            woken = true;
            unpark();
        } finally {
            lock.unlock();
        }
    }

    /** Payload bytes queued now. */
    public long bytes() {
        lock.lock();
        try {
            catchUp();
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            catchUp();
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** Messages dropped by overflow so far. */
    public long dropped() {
        lock.lock();
        try {
            catchUp();
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Dropped since the previous call, for rate-limited status lines. */
    public long takeDroppedSinceLastReport() {
        lock.lock();
        try {
            catchUp();
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
            catchUp();
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
            unpark();
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
