package io.srs.app.source;

import io.srs.kernel.codec.AudioTag;
import io.srs.kernel.codec.VideoTag;
import io.srs.kernel.media.MediaMessage;

/**
 * The shared ring of one live source: every message the consumers get, appended once by the
 * publisher, read by each consumer at its own cursor (a sequence number). The publisher's cost
 * per message is O(1), however many players there are; each consumer does its own per-message
 * work (jitter, queue bounds, overflow) on its own thread when it reads.
 *
 * <p>Bounded: it keeps only what some consumer has not read yet (the publisher passes the lowest
 * cursor it saw), and never more than {@code maxBytes} of payload, {@code maxAgeNanos} of wall
 * time or {@link #MAX_ENTRIES} messages. A consumer whose cursor falls off the tail finds its
 * next entry gone ({@link #lost}) and overflows as a too-long queue does. Each entry also carries
 * a shared media clock (the source's own jump-corrected time) and its arrival time, so the
 * publisher can tell which waiting player's merged-write window is full without looking at the
 * player's queue.
 *
 * <p>Threading: {@link #append}, {@link #trim} and {@link #widen} run under the source's lock (one
 * writer). Readers on any thread read {@link #tail()}, then {@link #ring()}, then the entries
 * below that tail: an entry is written before the tail that covers it (volatile), the ring
 * array is replaced before the tail moves past its old capacity, and entries are immutable, so
 * an entry whose {@code seq} matches is the right one; a mismatch or null below the tail means
 * it was dropped ({@link #head()} says up to where). The latest headers are volatile, so a
 * reader that lost entries takes them without any lock (it holds its own consumer lock, and
 * the source takes consumer locks under its own).
 */
final class MessageLog {
    /** Most messages held, whatever their size: 65,536 is half an hour of a 37 msg/s stream. */
    static final int MAX_ENTRIES = 1 << 16;
    /** A delta outside +/-250 ms is a jump in the source's clock, as for a player's jitter. */
    private static final long MAX_JITTER_MS = Jitter.MAX_JITTER_MS;

    /** One appended message; immutable. {@code jump}: the shared clock jumped at this message. */
    record Entry(long seq, MediaMessage msg, long clock, long arrival, boolean jump) {
    }

    private volatile Entry[] ring = new Entry[64];
    /** The next sequence number to append; entries below it are readable unless dropped. */
    private volatile long tail;
    /** The oldest sequence number held. */
    private volatile long head;
    private long bytes;
    private long maxBytes;
    private long maxAgeNanos;
    private long clock;
    private long lastTs = -1;
    private long drops;
    /** The latest sequence headers appended, for a reader that lost them off the tail. */
    private volatile MediaMessage videoHeader;
    private volatile MediaMessage audioHeader;

    MessageLog(long maxBytes, long maxAgeMillis) {
        this.maxBytes = maxBytes;
        this.maxAgeNanos = maxAgeMillis * 1_000_000L;
    }

    /** Raises the bounds to cover a consumer with larger ones (never lowers: others rely on them). */
    void widen(long consumerMaxBytes, long consumerMaxAgeMillis) {
        long b = consumerMaxBytes > 0 ? consumerMaxBytes : SourceSettings.DEFAULT_MAX_BYTES;
        maxBytes = Math.max(maxBytes, b);
        maxAgeNanos = Math.max(maxAgeNanos, consumerMaxAgeMillis * 1_000_000L);
    }

    /**
     * Appends {@code msg}, first forgetting entries below {@code minCursor} (read by everyone)
     * and what the bounds do not allow. Returns the new entry. Under the source's lock.
     */
    Entry append(MediaMessage msg, long minCursor, long now) {
        trim(minCursor);
        long size = msg.payload().length();
        // Keep room for this message within the bounds: the oldest unread entries go first.
        while (head < tail && ((maxBytes > 0 && bytes + size > maxBytes)
                || (maxAgeNanos > 0 && now - ring[(int) head & (ring.length - 1)].arrival() > maxAgeNanos))) {
            dropOldest();
        }
        if (tail - head == ring.length) {
            if (ring.length < MAX_ENTRIES) {
                grow();
            } else {
                dropOldest();
            }
        }
        if (msg.isVideo() && VideoTag.isSequenceHeader(msg.payload())) {
            videoHeader = msg;
        } else if (msg.isAudio() && AudioTag.isSequenceHeader(msg.payload())) {
            audioHeader = msg;
        }
        boolean jump = false;
        if (msg.isAv()) {
            long delta = lastTs < 0 ? 0 : msg.timestamp() - lastTs;
            if (delta < -MAX_JITTER_MS || delta > MAX_JITTER_MS) {
                delta = Jitter.DEFAULT_FRAME_TIME_MS;
                jump = true;
            }
            clock += delta;
            lastTs = msg.timestamp();
        }
        long seq = tail;
        Entry e = new Entry(seq, msg, clock, now, jump);
        Entry[] r = ring;
        r[(int) seq & (r.length - 1)] = e;
        bytes += size;
        tail = seq + 1;
        return e;
    }

    /** Forgets entries every consumer has read. Under the source's lock. */
    void trim(long minCursor) {
        long upTo = Math.min(minCursor, tail);
        while (head < upTo) {
            forgetHead();
        }
    }

    private void dropOldest() {
        forgetHead();
        drops++;
    }

    private void forgetHead() {
        Entry[] r = ring;
        int i = (int) head & (r.length - 1);
        bytes -= r[i].msg().payload().length();
        r[i] = null;
        head = head + 1;
    }

    private void grow() {
        Entry[] old = ring;
        Entry[] now = new Entry[old.length * 2];
        for (long s = head; s < tail; s++) {
            now[(int) s & (now.length - 1)] = old[(int) s & (old.length - 1)];
        }
        // Published before the tail moves past the old capacity (see the class comment).
        ring = now;
    }

    long tail() {
        return tail;
    }

    /** The latest video sequence header appended, or null; any thread, no lock. */
    MediaMessage videoHeader() {
        return videoHeader;
    }

    /** The latest audio sequence header appended, or null; any thread, no lock. */
    MediaMessage audioHeader() {
        return audioHeader;
    }

    /** The shared clock of the last entry. Under the source's lock. */
    long clock() {
        return clock;
    }

    long head() {
        return head;
    }

    Entry[] ring() {
        return ring;
    }

    /** Payload bytes held now. Under the source's lock. */
    long bytes() {
        return bytes;
    }

    /** Entries dropped for the bounds before every consumer read them. Under the source's lock. */
    long lost() {
        return drops;
    }

    /** Entries held now. */
    int size() {
        return (int) (tail - head);
    }
}
