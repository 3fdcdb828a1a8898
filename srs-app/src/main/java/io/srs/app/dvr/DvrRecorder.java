package io.srs.app.dvr;

import io.srs.app.config.DvrConfig;
import io.srs.app.hls.StreamName;
import io.srs.app.source.Consumer;
import io.srs.app.source.PublishFeed;
import io.srs.core.SrsException;
import io.srs.core.log.Context;
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
 * <p>On an error (disk full, read-only or vanished directory, unsafe path) it logs one line,
 * drops the file it was writing and stops; the stream and its other outputs are untouched.
 *
 * <p>Thread-safe: {@link #end}, {@link #cancel} and the getters come from other threads; the
 * file and the codec state belong to the recorder's thread.
 */
final class DvrRecorder {
    private static final System.Logger LOG = System.getLogger(DvrRecorder.class.getName());
    private static final int BATCH = 128;
    private static final long POLL_MILLIS = 100;

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
                    handle(batch.get(i));
                }
                processed += n;
                if (n == 0 && !feed.ended() && !feed.consumer.await(0, 0, POLL_MILLIS)) {
                    break;
                }
            }
            closeFile();
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
            file.close();
            file = null;
            owner.fireAbandon(name, fileName);
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
            // With video, a file starts on a keyframe (audio before it is dropped).
            if (videoHeader != null && !key && cfg.waitKeyframe() && !forced) {
                return;
            }
            openFile(m.timestamp());
        }
        long ts = Math.max(0, m.timestamp() - base);
        lastTs = Math.max(lastTs, ts);
        file.write(m.withTimestamp(ts));
    }

    private void openFile(long startTs) {
        DvrPaths.Resolved p = DvrPaths.resolve(cfg.path(), name, owner.clock().instant(), owner.zone());
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
            f.close();
            owner.fireAbandon(name, fileName);
            throw e;
        }
        LOG.log(Level.INFO, "dvr {0}: closed {1}, {2,number,#} ms", name, fileName, lastTs);
        owner.fireFile(name, fileName);
    }
}
