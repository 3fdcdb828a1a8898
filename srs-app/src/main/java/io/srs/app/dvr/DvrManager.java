package io.srs.app.dvr;

import io.srs.app.config.ConfigDiff;
import io.srs.app.config.DvrConfig;
import io.srs.app.config.PlayConfig;
import io.srs.app.config.SrsConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.hls.StreamName;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.Consumer;
import io.srs.app.source.JitterAlgorithm;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceListener;
import io.srs.app.source.SourceRegistry;
import io.srs.app.source.SourceSettings;
import io.srs.core.SrsException;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * DVR for every published stream that its vhost's {@code dvr} block applies to (port of the role
 * of {@code SrsDvr} in {@code SrsOriginHub}): on publish it attaches an internal consumer and
 * hands it to a {@link DvrRecorder} on its own virtual thread.
 *
 * <p>Reload: when the effective dvr block of a published stream changes ({@code enabled},
 * {@code dvr_apply}, path or plan), its recording stops (the file is closed and reported) and,
 * if still wanted, a new one starts at once; SRS applies such changes only at the next publish.
 *
 * <p>Thread-safe. {@link #onPublish} and {@link #onUnpublish} run on publisher threads and never
 * block on IO; they and a reload's step for a stream run under that stream's lifecycle lock
 * ({@link SourceRegistry#forEachPublishing}).
 */
public final class DvrManager implements SourceListener, ConfigStore.ReloadListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DvrManager.class.getName());
    /**
     * What a recording may queue while its disk is slow, besides play.queue_length: beyond it
     * the queue drops to the next keyframe (a gap in the file), the publisher never waits.
     */
    static final long MAX_QUEUE_BYTES = 16L * 1024 * 1024;

    /** Told about recordings, on the recorder's thread; must not block long. */
    public interface Listener {
        /** A file was opened (the publisher is still known to statistics). */
        default void onOpen(String streamUrl, String file) {
        }

        /** A file is complete and closed ({@code on_dvr}). */
        void onFile(String streamUrl, String file);

        /** Writing a file failed; it was closed as it was and is not reported as complete. */
        default void onAbandon(String streamUrl, String file) {
        }
    }

    private final ConfigStore config;
    private final SourceRegistry sources;
    private final Clock clock;
    /** The live recording of each stream url; an ending one may still be writing off the map. */
    private final ConcurrentHashMap<String, DvrRecorder> recorders = new ConcurrentHashMap<>();
    private final List<DvrRecorder> all = new CopyOnWriteArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public DvrManager(ConfigStore config, SourceRegistry sources) {
        this(config, sources, Clock.systemUTC());
    }

    public DvrManager(ConfigStore config, SourceRegistry sources, Clock clock) {
        this.config = config;
        this.sources = sources;
        this.clock = clock;
    }

    public void start() {
        sources.addListener(this);
        config.subscribe(this);
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    Clock clock() {
        return clock;
    }

    ZoneId zone() {
        return config.current().utcTime() ? ZoneOffset.UTC : ZoneId.systemDefault();
    }

    /** The dvr block that applies to {@code name}, or null when it is not recorded. */
    static DvrConfig dvrOf(SrsConfig cfg, StreamName name) {
        VhostConfig v = cfg.vhost(name.vhost());
        if (v == null || !v.enabled() || !v.dvr().enabled()) {
            return null;
        }
        DvrConfig d = v.dvr();
        return applies(d.apply(), name) ? d : null;
    }

    /** {@code dvr_apply}: {@code all}, or {@code app/stream} (or {@code vhost/app/stream}) names. */
    static boolean applies(List<String> apply, StreamName name) {
        if (apply.isEmpty() || (apply.size() == 1 && "all".equals(apply.getFirst()))) {
            return true;
        }
        String id = name.app() + "/" + name.stream();
        return apply.contains(id) || apply.contains(name.vhost() + "/" + id);
    }

    private static SourceSettings consumerSettings(SrsConfig cfg, StreamName name, DvrConfig dvr) {
        PlayConfig p = cfg.vhost(name.vhost()).play();
        JitterAlgorithm jitter = switch (dvr.timeJitter()) {
            case FULL -> JitterAlgorithm.FULL;
            case ZERO -> JitterAlgorithm.ZERO;
            case OFF -> JitterAlgorithm.OFF;
        };
        // No GOP dump: a recording starts at the next keyframe. The queue bounds (play.queue_length
        // and MAX_QUEUE_BYTES) protect memory if the disk stalls; an overflow drops to the next
        // keyframe.
        return new SourceSettings(false, p.gopCacheMaxFrames(), p.queueLength().toMillis(), jitter,
                p.mixCorrect(), p.atc(), p.atcAuto(), p.reduceSequenceHeader());
    }

    private static StreamName nameOf(String url) {
        try {
            return StreamName.parseUrl(url);
        } catch (SrsException e) {
            return null;
        }
    }

    @Override
    public void onPublish(LiveSource source) {
        if (closed) {
            return;
        }
        StreamName name = nameOf(source.url());
        if (name == null) {
            return;
        }
        SrsConfig cfg = config.current();
        DvrConfig dvr = dvrOf(cfg, name);
        if (dvr != null) {
            begin(source, name, cfg, dvr);
        }
    }

    private void begin(LiveSource source, StreamName name, SrsConfig cfg, DvrConfig dvr) {
        Consumer c = sources.createInternalConsumer(source.url(), consumerSettings(cfg, name, dvr), false);
        c.limitBytes(MAX_QUEUE_BYTES);
        DvrRecorder r = new DvrRecorder(name, dvr, c, this);
        DvrRecorder old = recorders.put(source.url(), r);
        if (old != null) {
            old.end();
        }
        all.add(r);
        r.start();
    }

    @Override
    public void onUnpublish(LiveSource source) {
        DvrRecorder r = recorders.remove(source.url());
        if (r != null) {
            r.end();
        }
    }

    void retire(DvrRecorder r) {
        all.remove(r);
        recorders.values().remove(r);
    }

    void fireOpen(StreamName name, String file) {
        fire(l -> l.onOpen(name.url(), file));
    }

    void fireAbandon(StreamName name, String file) {
        fire(l -> l.onAbandon(name.url(), file));
    }

    void fireFile(StreamName name, String file) {
        fire(l -> l.onFile(name.url(), file));
    }

    private void fire(java.util.function.Consumer<Listener> event) {
        for (Listener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "dvr: listener failed", e);
            }
        }
    }

    @Override
    public void onReload(SrsConfig previous, SrsConfig next, ConfigDiff diff) {
        if (closed) {
            return;
        }
        // Under each stream's lifecycle lock: a recording started here is one that the stream's
        // unpublish will end.
        sources.forEachPublishing(source -> reload(source, next));
    }

    private void reload(LiveSource source, SrsConfig next) {
        StreamName name = nameOf(source.url());
        if (name == null) {
            return;
        }
        DvrConfig wanted = dvrOf(next, name);
        DvrRecorder r = recorders.get(source.url());
        DvrConfig running = r == null ? null : r.config();
        if (Objects.equals(wanted, running)) {
            return;
        }
        if (r != null) {
            recorders.remove(source.url(), r);
            r.cancel();
        }
        LOG.log(Level.INFO, "dvr {0}: reload: {1}", name,
                wanted == null ? "stop recording" : running == null ? "start recording" : "restart recording");
        if (wanted != null) {
            begin(source, name, next, wanted);
        }
    }

    /** The file being recorded for a stream url (for the API), if any. */
    public Optional<String> currentFile(String url) {
        DvrRecorder r = recorders.get(url);
        return r == null ? Optional.empty() : Optional.ofNullable(r.currentFile());
    }

    /** Whether a stream url is being recorded. */
    public boolean isRecording(String url) {
        DvrRecorder r = recorders.get(url);
        return r != null && !r.isEnding();
    }

    /** Closes every recording's file and waits (a few seconds at most) for them. */
    @Override
    public void close() {
        closed = true;
        List<DvrRecorder> list = new ArrayList<>(all);
        list.forEach(DvrRecorder::cancel);
        for (DvrRecorder r : list) {
            Thread t = r.thread();
            if (t != null) {
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
