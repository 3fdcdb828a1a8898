package io.srs.app.dvr;

import io.srs.app.config.DvrConfig;
import io.srs.app.hls.StreamName;
import io.srs.app.source.Consumer;
import io.srs.app.source.PublishFeed;
import io.srs.core.SrsException;
import io.srs.core.log.Context;
import io.srs.core.log.RepeatedEvents;
import io.srs.kernel.codec.AudioTag;
import io.srs.kernel.codec.VideoTag;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Records one publish of one stream (port of the role of {@code SrsDvrPlan} and its segmenters,
 * srs_app_dvr.cpp) on its own virtual thread, fed by an internal {@link Consumer}: the publisher
 * and the players never wait for the disk. A file starts with the metadata and the sequence
 * headers, its timestamps start at 0, and (with video) its first frame is a keyframe.
 *
 * <p>Plans: {@code session} writes one file per publish; {@code segment} starts a new file once
 * {@code dvr_duration} has passed, at the next video keyframe when {@code dvr_wait_keyframe} is
 * on, and in any case at twice the duration, so a publisher without keyframes cannot grow a file
 * without bound.
 *
 * <p>A file that cannot be opened or written (disk full, read-only or vanished directory) is
 * closed as far as it was written and never reported as complete ({@code on_dvr}); the
 * recording pauses, drops what the stream sends meanwhile, and tries a new file at the first
 * keyframe after each second until the disk takes it again. One error line per stream says so,
 * repeated failures add a count at most every {@value #FAILURE_LOG_MILLIS} ms, and one line says
 * when it resumed. A retry that fails before it recorded anything is deleted, so a long outage
 * leaves no trail of empty files. Other errors (an unsafe path) stop the recording with one line.
 * The stream and its other outputs are untouched either way.
 *
 * <p>Thread-safe: {@link #end}, {@link #cancel} and the getters come from other threads; the
 * file and the codec state belong to the recorder's thread.
 */
final class DvrRecorder {
    private static final System.Logger LOG = System.getLogger(DvrRecorder.class.getName());
    private static final int BATCH = 128;
    private static final long POLL_MILLIS = 100;
    static final long RETRY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    static final long FAILURE_LOG_MILLIS = 10_000;
    /** A resumed file must take this much media (and some bytes on disk) before we say so. */
    private static final long RESUME_CONFIRM_MS = 1000;

    private final StreamName name;
    private final DvrConfig cfg;
    private final PublishFeed feed;
    private final DvrManager owner;
    private Thread thread;
    /** The file being written, for the API; null between files. */
    private volatile String currentFile;

    // Owned by the recorder's thread.
    private MediaMessage metadata;
    private MediaMessage videoHeader;
    private MediaMessage audioHeader;
    private DvrFile file;
    private String fileName;
    private long base;
    private long lastTs;
    /** The previous segment was cut without a keyframe, so the next one may not wait for one. */
    private boolean forced;
    /** Write failures of this recording: one line, then a count at most every interval. */
    private final RepeatedEvents failures = new RepeatedEvents(LOG, Level.ERROR, FAILURE_LOG_MILLIS);
    /** While paused after a write failure: when it started (0 when recording), and the next try. */
    private long pausedSinceNanos;
    private long retryAtNanos;
    private long failedAttempts;
    private long droppedWhilePaused;
    /** A partial file kept on disk by the last failure: a retry must not overwrite it. */
    private java.nio.file.Path keptPartial;

    DvrRecorder(StreamName name, DvrConfig cfg, Consumer consumer, DvrManager owner) {
        this.name = name;
        this.cfg = cfg;
        this.feed = new PublishFeed(consumer);
        this.owner = owner;
    }

    DvrConfig config() {
        return cfg;
    }

    String currentFile() {
        return currentFile;
    }

    void start() {
        String cid = "dvr-" + Integer.toHexString(System.identityHashCode(this));
        thread = Thread.ofVirtual().name("dvr-" + name).unstarted(
                () -> ScopedValue.where(Context.CID, cid).run(this::loop));
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    /** The publish ended: write what it sent, close the file (on_dvr), stop. Never blocks. */
    void end() {
        feed.markEnd();
        feed.consumer.wakeup();
    }

    /**
     * Reload or shutdown: the recording ends here; what is already queued is still written (the
     * queue is bounded), then the file is closed and reported.
     */
    void cancel() {
        end();
    }

    boolean isEnding() {
        return feed.ended();
    }

    private void loop() {
        List<MediaMessage> batch = new ArrayList<>(BATCH);
        long processed = 0;
        try {
            while (!feed.complete(processed)) {
                batch.clear();
                int n = feed.drain(batch, BATCH, processed);
                for (int i = 0; i < n; i++) {
                    handleOrPause(batch.get(i));
                }
                processed += n;
                if (n == 0 && !feed.ended() && !feed.consumer.await(0, 0, POLL_MILLIS)) {
                    break;
                }
            }
            try {
                closeFile();
            } catch (SrsException e) {
                if (!retryable(e)) {
                    throw e;
                }
                failures.event(failureReason(), e::describe);
            }
            if (pausedSinceNanos != 0) {
                LOG.log(Level.WARNING, "dvr {0}: publish ended while recording was paused: {1} failed attempts, "
                        + "{2} messages dropped while paused", name, failedAttempts, droppedWhilePaused);
            }
        } catch (SrsException e) {
            LOG.log(Level.ERROR, "dvr {0}: recording stopped{1}: {2}", name,
                    file == null ? "" : ", file " + fileName + " left as written", e.describe());
            abandon();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "dvr " + name + ": recording stopped, unexpected failure", e);
            abandon();
        } finally {
            feed.consumer.close();
            currentFile = null;
            owner.retire(this);
        }
    }

    private void abandon() {
        if (file != null) {
            DvrFile f = file;
            file = null;
            currentFile = null;
            if (pausedSinceNanos != 0) {
                f.discard(); // a retry that recorded nothing usable
            } else {
                f.close();
                keptPartial = f.path;
            }
            owner.fireAbandon(name, fileName);
        }
    }

    /** Errors of the disk, which may go away: the recording pauses and retries. */
    static boolean retryable(SrsException e) {
        return switch (e.code()) {
            case SYSTEM_FILE_WRITE, SYSTEM_FILE_OPENE, SYSTEM_CREATE_DIR -> true;
            default -> false;
        };
    }

    private String failureReason() {
        return "dvr " + name + ": cannot write, recording paused (a new file is tried each second)";
    }

    private void handleOrPause(MediaMessage m) {
        try {
            handle(m);
        } catch (SrsException e) {
            if (!retryable(e)) {
                throw e;
            }
            failures.event(failureReason(), () -> (file == null ? "" : "file " + fileName + " left as written, ")
                    + e.describe());
            abandon();
            long now = System.nanoTime();
            if (pausedSinceNanos == 0) {
                pausedSinceNanos = now;
                failedAttempts = 0;
                droppedWhilePaused = 0;
            }
            failedAttempts++;
            retryAtNanos = now + RETRY_NANOS;
            forced = false; // the next file starts on a keyframe
        }
    }

    /** While paused: whether a resumed file has proved that the disk takes data again. */
    private void confirmResumed(long ts) {
        if (pausedSinceNanos != 0 && ts >= RESUME_CONFIRM_MS && file.acceptedBytes() > 0) {
            LOG.log(Level.WARNING, "dvr {0}: recording resumed in {1} after {2,number,#} ms paused: {3} failed "
                    + "attempts, {4} messages dropped while paused", name, fileName,
                    (System.nanoTime() - pausedSinceNanos) / 1_000_000, failedAttempts, droppedWhilePaused);
            pausedSinceNanos = 0;
            keptPartial = null;
        }
    }

    private void handle(MediaMessage m) {
        if (m.type() == MessageType.AMF0_DATA || m.type() == MessageType.AMF3_DATA) {
            metadata = m;
            if (file != null) {
                file.write(m.withTimestamp(0));
            }
            return;
        }
        if (!m.isAv()) {
            return;
        }
        boolean video = m.isVideo();
        if (video && VideoTag.isSequenceHeader(m.payload())) {
            videoHeader = m;
            if (file != null) {
                file.write(m.withTimestamp(Math.max(0, m.timestamp() - base)));
            }
            return;
        }
        if (!video && AudioTag.soundFormatOf(m.payload()) == AudioTag.FORMAT_AAC
                && AudioTag.isSequenceHeader(m.payload())) {
            audioHeader = m;
            if (file != null) {
                file.write(m.withTimestamp(Math.max(0, m.timestamp() - base)));
            }
            return;
        }
        boolean key = video && VideoTag.isKeyframe(m.payload());
        if (file != null && "segment".equals(cfg.plan())) {
            long elapsed = m.timestamp() - base;
            long limit = cfg.duration().toMillis();
            boolean canCut = key || !cfg.waitKeyframe() || videoHeader == null;
            if (limit > 0 && ((elapsed >= limit && canCut) || elapsed >= 2 * limit)) {
                closeFile();
                // Cut without a keyframe at twice the duration: the next file starts right here.
                forced = !canCut;
            }
        }
        if (file == null) {
            if (pausedSinceNanos != 0 && (System.nanoTime() < retryAtNanos || (videoHeader != null && !key))) {
                droppedWhilePaused++;
                return;
            }
            // With video, a file starts on a keyframe (audio before it is dropped).
            if (videoHeader != null && !key && cfg.waitKeyframe() && !forced) {
                return;
            }
            openFile(m.timestamp());
        }
        long ts = Math.max(0, m.timestamp() - base);
        lastTs = Math.max(lastTs, ts);
        file.write(m.withTimestamp(ts));
        confirmResumed(ts);
    }

    private void openFile(long startTs) {
        DvrPaths.Resolved p = DvrPaths.resolve(cfg.path(), name, owner.clock().instant(), owner.zone());
        if (keptPartial != null && p.path().equals(keptPartial)) {
            p = DvrPaths.besides(p);
        }
        fileName = p.name();
        file = DvrFile.open(DvrFile.createParents(p.path()));
        base = startTs;
        lastTs = 0;
        forced = false;
        currentFile = fileName;
        LOG.log(Level.INFO, "dvr {0}: start {1} plan {2}", name, fileName, cfg.plan());
        owner.fireOpen(name, fileName);
        if (metadata != null) {
            file.write(metadata.withTimestamp(0));
        }
        if (videoHeader != null) {
            file.write(videoHeader.withTimestamp(0));
        }
        if (audioHeader != null) {
            file.write(audioHeader.withTimestamp(0));
        }
    }

    private void closeFile() {
        if (file == null) {
            return;
        }
        DvrFile f = file;
        file = null;
        currentFile = null;
        try {
            f.finish();
        } catch (SrsException e) {
            file = f;
            abandon();
            throw e;
        }
        LOG.log(Level.INFO, "dvr {0}: closed {1}, {2,number,#} ms", name, fileName, lastTs);
        owner.fireFile(name, fileName);
    }
}
