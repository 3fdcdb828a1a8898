package io.srs.app.hls;

import io.srs.app.config.HlsConfig;
import io.srs.app.source.Consumer;
import io.srs.app.source.PublishFeed;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.log.Context;
import io.srs.kernel.media.MediaMessage;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * HLS of one stream url: one virtual thread that runs its publishes ("sessions") one after the
 * other, each fed by its own {@link Consumer} on the live source, so all file IO happens here
 * and never on the publisher's thread. Between publishes it keeps the window and sequence
 * numbers in memory; after an unpublish it waits {@code hls_dispose} for a republish, then
 * deletes the files ({@link Segmenter#dispose}) and retires.
 *
 * <p>Thread-safe: {@link #offer}, {@link #unpublish}, {@link #cancel} and {@link #stop} come
 * from publisher, reload and shutdown threads and only touch fields under the lock; the
 * segmenter and the state belong to the stream's own thread.
 */
final class HlsStream {
    private static final System.Logger LOG = System.getLogger(HlsStream.class.getName());
    /** How often an idle session looks at its flags (Consumer.await cannot be woken early). */
    private static final long POLL_MILLIS = 100;
    private static final int BATCH = 128;
    private static final long ERROR_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** One publish of HLS: the feed with the hls block it runs with. */
    static final class Session extends PublishFeed {
        final HlsConfig cfg;
        final String publisherId;

        Session(Consumer consumer, HlsConfig cfg, String publisherId) {
            super(consumer);
            this.cfg = cfg;
            this.publisherId = publisherId;
        }
    }

    private final String url;
    private final StreamName name;
    private final HlsManager owner;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Sessions waiting for the thread, in publish order (an ended one still has data to write). */
    private final java.util.ArrayDeque<Session> pending = new java.util.ArrayDeque<>();
    /** The most recently offered session, pending or running. */
    private Session latest;
    private boolean stopped;
    private boolean retired;
    private Thread thread;

    // Owned by the stream's thread.
    private HlsState state;
    private Path stateM3u8;
    private long lastErrorLogNanos;
    private long suppressedErrors;

    HlsStream(String url, StreamName name, HlsManager owner) {
        this.url = url;
        this.name = name;
        this.owner = owner;
    }

    void start() {
        String cid = "hls-" + Integer.toHexString(System.identityHashCode(this));
        thread = Thread.ofVirtual().name("hls-" + url).unstarted(
                () -> ScopedValue.where(Context.CID, cid).run(this::loop));
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    /** Queues a session; false when this stream has retired (the caller then makes a new one). */
    boolean offer(Session s) {
        lock.lock();
        try {
            if (retired || stopped) {
                return false;
            }
            if (latest != null && !latest.ended() && !latest.cancelled) {
                if (java.util.Objects.equals(latest.publisherId, s.publisherId)) {
                    // A reload restart: the current session ends now, the new one takes over.
                    latest.cancelled = true;
                    latest.consumer.close();
                    pending.remove(latest);
                } else {
                    // Another publisher: the old one's unpublish may not have reached us yet.
                    latest.markEnd();
                }
            }
            pending.addLast(s);
            latest = s;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A publisher left: the current session writes the rest of that publish, closes its segment
     * and ends. {@code currentPublisher} is the source's publisher now (null, or a newer one
     * whose session must go on).
     */
    void unpublish(String currentPublisher) {
        lock.lock();
        try {
            if (latest != null && (currentPublisher == null
                    || !java.util.Objects.equals(latest.publisherId, currentPublisher))) {
                latest.markEnd();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Reload disabled HLS: end the current session now (its segment is closed and listed). */
    void cancel() {
        lock.lock();
        try {
            dropPending();
            if (latest != null) {
                latest.cancelled = true;
                latest.consumer.close();
                latest = null;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Server shutdown: end the session, no dispose. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            dropPending();
            if (latest != null) {
                latest.cancelled = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void dropPending() {
        for (Session p : pending) {
            p.cancelled = true;
            p.consumer.close();
        }
        pending.clear();
    }

    /** The configuration of the live (running or queued) session, or null. */
    HlsConfig activeConfig() {
        lock.lock();
        try {
            return latest == null || latest.ended() || latest.cancelled ? null : latest.cfg;
        } finally {
            lock.unlock();
        }
    }

    /** Retires when nothing is queued; called by the owner under its map's lock. */
    boolean retireIfIdle() {
        lock.lock();
        try {
            if (!pending.isEmpty() && !stopped) {
                return false;
            }
            retired = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        HlsConfig lastCfg = null;
        boolean disposePending = false;
        try {
            while (true) {
                Session s = take(disposePending ? lastCfg.dispose().toNanos() : 0);
                if (s == null) {
                    if (disposePending && !isStopped()) {
                        dispose(lastCfg);
                    }
                    if (owner.retire(url, this)) {
                        return;
                    }
                    disposePending = false;
                    continue;
                }
                lastCfg = s.cfg;
                boolean unpublished = run(s);
                disposePending = unpublished && !s.cfg.dispose().isZero();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveUp();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "hls " + name + ": thread failed", e);
            giveUp();
        }
    }

    /** The thread ends early: queued consumers leave their source, the next publish starts afresh. */
    private void giveUp() {
        stop();
        owner.retire(url, this);
    }

    private boolean isStopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    /** The next session; null when stopped, or when {@code waitNanos} passed without one. */
    private Session take(long waitNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = waitNanos;
            while (pending.isEmpty() && !stopped && left > 0) {
                left = changed.awaitNanos(left);
            }
            if (stopped) {
                return null;
            }
            return pending.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Runs one session to its end; true when it ended because the publisher left. */
    private boolean run(Session s) throws InterruptedException {
        try {
            return runSession(s);
        } finally {
            owner.fireStop(name, state == null ? -1 : state.nextSeq());
        }
    }

    private boolean runSession(Session s) throws InterruptedException {
        Segmenter seg;
        try {
            seg = prepare(s);
        } catch (SrsException e) {
            LOG.log(Level.ERROR, "hls {0}: refused, nothing written: {1}", name, e.describe());
            s.consumer.close();
            return false;
        }
        LOG.log(Level.INFO, "hls {0}: start, m3u8={1}, fragment={2} ms, window={3} ms, next seq={4}", name,
                seg.m3u8(), s.cfg.fragment().toMillis(), s.cfg.window().toMillis(), seg.state().nextSeq());
        List<MediaMessage> batch = new ArrayList<>(BATCH);
        long processed = 0;
        try {
            while (!s.cancelled && !s.complete(processed)) {
                batch.clear();
                int n = s.drain(batch, BATCH, processed);
                for (int i = 0; i < n; i++) {
                    if (!write(s, seg, batch.get(i))) {
                        return false;
                    }
                }
                processed += n;
                if (n == 0 && !s.ended() && !s.consumer.await(0, 0, POLL_MILLIS)) {
                    break;
                }
            }
            try {
                seg.finish();
            } catch (SrsException e) {
                LOG.log(Level.WARNING, "hls {0}: close last segment: {1}", name, e.describe());
                owner.fireError(name, e);
                seg.abandon();
            }
            boolean unpublished = s.ended() && !s.cancelled;
            LOG.log(Level.INFO, "hls {0}: {1}, next seq={2}", name, unpublished ? "unpublished" : "stopped",
                    seg.state().nextSeq());
            return unpublished;
        } finally {
            s.consumer.close();
        }
    }

    private Segmenter prepare(Session s) {
        HlsConfig cfg = s.cfg;
        Path root = Path.of(cfg.path());
        Path m3u8 = Segmenter.m3u8Of(cfg, name, root);
        if (state == null || !m3u8.equals(stateM3u8)) {
            state = HlsState.load(root, m3u8);
            stateM3u8 = m3u8;
            disposeIfStale(cfg, root, m3u8);
        }
        // Segments name the publisher of their own session, never a later or a refused one.
        String publisherId = s.publisherId;
        return new Segmenter(cfg, name, root, state, owner.clock(), owner.zone(),
                (n, segment, m3u8File, m3u8Url) -> owner.fireSegment(n, segment, m3u8File, m3u8Url, publisherId),
                owner.alignment());
    }

    /** After a restart: files older than hls_dispose are gone from the window (sequence kept). */
    private void disposeIfStale(HlsConfig cfg, Path root, Path m3u8) {
        FileTime at = HlsState.storedAt(m3u8);
        if (at == null || cfg.dispose().isZero() || state.window.isEmpty()) {
            return;
        }
        if (owner.clock().instant().isAfter(at.toInstant().plus(cfg.dispose()))) {
            LOG.log(Level.INFO, "hls {0}: dispose files left {1} ago", name,
                    java.time.Duration.between(at.toInstant(), owner.clock().instant()));
            Segmenter.dispose(root, m3u8, state);
        }
    }

    /** Applies {@code hls_on_error}; false when the session must end. */
    private boolean write(Session s, Segmenter seg, MediaMessage m) {
        try {
            seg.write(m);
            return true;
        } catch (SrsException e) {
            return onError(s, seg, e, isFileError(e.code()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "hls " + name + ": unexpected failure", e);
            return onError(s, seg, new SrsException(ErrorCode.HLS_WRITE_FAILED, e.toString(), e), true);
        }
    }

    static boolean isFileError(ErrorCode c) {
        return c == ErrorCode.HLS_WRITE_FAILED || c == ErrorCode.HLS_OPEN_FAILED || c == ErrorCode.HLS_CREATE_DIR
                || c == ErrorCode.SYSTEM_FILE_RENAME || c == ErrorCode.SYSTEM_SECURITY;
    }

    private boolean onError(Session s, Segmenter seg, SrsException e, boolean fileError) {
        owner.fireError(name, e);
        switch (s.cfg.onError()) {
            case "ignore" -> {
                LOG.log(Level.WARNING, "hls {0}: hls_on_error ignore: HLS off until the next publish: {1}", name,
                        e.describe());
                seg.abandon();
                s.consumer.close();
                return false;
            }
            case "disconnect" -> {
                LOG.log(Level.ERROR, "hls {0}: hls_on_error disconnect: kick publisher {1}: {2}", name,
                        s.publisherId, e.describe());
                seg.abandon();
                s.consumer.close();
                owner.kick(url, s.publisherId, e);
                return false;
            }
            default -> {
                // continue: a bad frame is dropped; a file error drops the segment and retries
                // with the next keyframe (the publisher never notices).
                if (fileError) {
                    seg.abandon();
                }
                logRateLimited(e);
                return true;
            }
        }
    }

    private void logRateLimited(SrsException e) {
        long now = System.nanoTime();
        if (lastErrorLogNanos != 0 && now - lastErrorLogNanos < ERROR_LOG_INTERVAL_NANOS) {
            suppressedErrors++;
            return;
        }
        LOG.log(Level.WARNING, "hls {0}: hls_on_error continue: {1} ({2} more since last report)", name,
                e.describe(), suppressedErrors);
        lastErrorLogNanos = now;
        suppressedErrors = 0;
    }

    private void dispose(HlsConfig cfg) {
        try {
            Path root = Path.of(cfg.path());
            Path m3u8 = Segmenter.m3u8Of(cfg, name, root);
            LOG.log(Level.INFO, "hls {0}: no publish for {1} s, dispose {2}", name, cfg.dispose().toSeconds(), m3u8);
            HlsState st = state != null && m3u8.equals(stateM3u8) ? state : HlsState.load(root, m3u8);
            Segmenter.dispose(root, m3u8, st);
            owner.fireDispose(name, m3u8);
        } catch (SrsException e) {
            LOG.log(Level.WARNING, "hls {0}: dispose: {1}", name, e.describe());
        }
    }
}
