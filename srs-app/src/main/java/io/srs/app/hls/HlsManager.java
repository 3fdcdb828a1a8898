package io.srs.app.hls;

import io.srs.app.config.ConfigDiff;
import io.srs.app.config.HlsConfig;
import io.srs.app.config.PlayConfig;
import io.srs.app.config.SrsConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.Consumer;
import io.srs.app.source.JitterAlgorithm;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceListener;
import io.srs.app.source.SourceRegistry;
import io.srs.app.source.SourceSettings;
import io.srs.core.SrsException;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * HLS for every published stream whose vhost has {@code hls { enabled on; }}. Port of the role of
 * {@code SrsHls} in {@code SrsOriginHub}, but off the publisher's thread: on publish it attaches a
 * consumer (no jitter correction: HLS uses the publisher's timestamps, as SRS does) and hands it
 * to the stream's {@link HlsStream} thread.
 *
 * <p>{@code hls_on_error disconnect} is reported through the {@link PublisherKicker} given at
 * construction, called on the stream's HLS thread with the publisher's connection id.
 *
 * <p>Reload: whenever the effective {@code hls} block of a published stream differs from the one
 * its HLS runs with, HLS of that stream is stopped, started or restarted (the publisher and the
 * players are not touched). Stream names that are unsafe in paths get no HLS (logged).
 *
 * <p>Thread-safe. {@link #onPublish} and {@link #onUnpublish} run on publisher threads and never
 * block on IO; they and the reload step of a stream run under that stream's lifecycle lock
 * ({@link SourceRegistry#forEachPublishing}), so a reload never starts HLS for a stream whose
 * unpublish has begun.
 */
public final class HlsManager implements SourceListener, ConfigStore.ReloadListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HlsManager.class.getName());

    /** Ends a publisher's connection (hls_on_error disconnect). */
    @FunctionalInterface
    public interface PublisherKicker {
        /**
         * @param url         the stream
         * @param publisherId the publisher's connection id ({@link LiveSource#publisherId()})
         * @param reason      the HLS error
         */
        void kick(String url, String publisherId, SrsException reason);
    }

    /** Told about HLS output, on the stream's HLS thread; must not block long. */
    public interface Listener {
        /** A segment entered the playlist (the playlist on disk already lists it). */
        default void onSegment(StreamName name, Segment segment, Path m3u8, String m3u8Url) {
        }

        /**
         * The same, with the connection id of the publisher whose session wrote the segment
         * (null when unknown), so hooks describe that session even after it ended.
         */
        default void onSegment(StreamName name, Segment segment, Path m3u8, String m3u8Url, String publisherId) {
            onSegment(name, segment, m3u8, m3u8Url);
        }

        /**
         * HLS of a stream stopped (unpublish, reload, error policy or shutdown); its consumer is
         * closed and its last segment listed.
         *
         * @param nextSeq the sequence number the next segment will get (-1 if HLS never started)
         */
        default void onStop(StreamName name, long nextSeq) {
        }

        /** Writing HLS failed; {@code hls_on_error} decides what happens next. */
        default void onError(StreamName name, SrsException error) {
        }

        /** hls_dispose deleted the stream's files. */
        default void onDispose(StreamName name, Path m3u8) {
        }
    }

    private final ConfigStore config;
    private final SourceRegistry sources;
    private final PublisherKicker kicker;
    private final Clock clock;
    private final ConcurrentHashMap<String, HlsStream> streams = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile Alignment alignment = Alignment.NONE;

    public HlsManager(ConfigStore config, SourceRegistry sources, PublisherKicker kicker) {
        this(config, sources, kicker, Clock.systemUTC());
    }

    /** With the clock used for file-name dates, {@code [timestamp]} and stale-state checks. */
    public HlsManager(ConfigStore config, SourceRegistry sources, PublisherKicker kicker, Clock clock) {
        this.config = config;
        this.sources = sources;
        this.kicker = kicker;
        this.clock = clock;
    }

    /** Subscribes to publishes and reloads. */
    public void start() {
        sources.addListener(this);
        config.subscribe(this);
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    /** Streams that must cut where another does (ABR ladders); set before {@link #start()}. */
    public void setAlignment(Alignment a) {
        this.alignment = a;
    }

    Alignment alignment() {
        return alignment;
    }

    Clock clock() {
        return clock;
    }

    /** Dates in file names follow {@code utc_time}, like SRS's log and path times. */
    ZoneId zone() {
        return config.current().utcTime() ? ZoneOffset.UTC : ZoneId.systemDefault();
    }

    /** The effective hls block for a stream, or null when HLS is off for it. */
    static HlsConfig hlsOf(SrsConfig cfg, StreamName name) {
        VhostConfig v = cfg.vhost(name.vhost());
        if (v == null || !v.enabled() || !v.hls().enabled()) {
            return null;
        }
        return v.hls();
    }

    private static SourceSettings consumerSettings(SrsConfig cfg, StreamName name) {
        VhostConfig v = cfg.vhost(name.vhost());
        PlayConfig p = v.play();
        // Jitter off: segment durations and DTS come from the publisher's own clock (SRS's HLS
        // also corrects with SrsRtmpJitterAlgorithmOFF). The queue bound protects memory if the
        // disk stalls; an overflow drops to the next keyframe.
        return new SourceSettings(p.gopCache(), p.gopCacheMaxFrames(), p.queueLength().toMillis(),
                JitterAlgorithm.OFF, p.mixCorrect(), p.atc(), p.atcAuto(), p.reduceSequenceHeader(),
                p.gopCacheMaxBytes(), p.queueMaxBytes());
    }

    private static StreamName nameOf(String url) {
        try {
            StreamName n = StreamName.parseUrl(url);
            SafePaths.checkStream(n);
            return n;
        } catch (SrsException e) {
            LOG.log(Level.ERROR, "hls: no HLS for stream {0}: {1}", StreamName.printable(url), e.describe());
            return null;
        }
    }

    @Override
    public void onPublish(LiveSource source) {
        if (closed) {
            return;
        }
        SrsConfig cfg = config.current();
        String url = source.url();
        StreamName name;
        HlsConfig hls;
        try {
            name = StreamName.parseUrl(url);
            hls = hlsOf(cfg, name);
        } catch (SrsException e) {
            LOG.log(Level.WARNING, "hls: ignore stream {0}: {1}", StreamName.printable(url), e.describe());
            return;
        }
        if (hls == null) {
            return;
        }
        if (nameOf(url) == null) {
            return;
        }
        // Publish has just claimed the source on this thread, so nothing was sent yet and the new
        // consumer sees the publish from its first message.
        Consumer c = sources.createInternalConsumer(url, consumerSettings(cfg, name), false);
        submit(url, name, new HlsStream.Session(c, hls, source.publisherId()));
    }

    @Override
    public void onUnpublish(LiveSource source) {
        HlsStream s = streams.get(source.url());
        if (s != null) {
            // Listeners hear of an unpublish before anyone can publish again, so the latest
            // session is always the one ending.
            s.unpublish(null);
        }
    }

    private void submit(String url, StreamName name, HlsStream.Session session) {
        streams.compute(url, (k, cur) -> {
            if (cur != null && cur.offer(session)) {
                return cur;
            }
            HlsStream n = new HlsStream(url, name, this);
            n.offer(session);
            n.start();
            return n;
        });
    }

    /** Called by a stream's thread when it has nothing left to do; true when it may exit. */
    boolean retire(String url, HlsStream s) {
        boolean[] exit = {true};
        streams.computeIfPresent(url, (k, cur) -> {
            if (cur != s) {
                return cur; // already replaced by a newer stream object
            }
            if (s.retireIfIdle()) {
                return null;
            }
            exit[0] = false; // a session arrived meanwhile: keep running
            return cur;
        });
        return exit[0];
    }

    void kick(String url, String publisherId, SrsException reason) {
        if (publisherId == null) {
            return;
        }
        try {
            kicker.kick(url, publisherId, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "hls: kick publisher " + publisherId + " of " + url + " failed", e);
        }
    }

    void fireSegment(StreamName name, Segment segment, Path m3u8, String m3u8Url, String publisherId) {
        for (Listener l : listeners) {
            try {
                l.onSegment(name, segment, m3u8, m3u8Url, publisherId);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "hls: listener failed", e);
            }
        }
    }

    void fireError(StreamName name, SrsException e) {
        for (Listener l : listeners) {
            try {
                l.onError(name, e);
            } catch (RuntimeException x) {
                LOG.log(Level.WARNING, "hls: listener failed", x);
            }
        }
    }

    void fireStop(StreamName name, long nextSeq) {
        for (Listener l : listeners) {
            try {
                l.onStop(name, nextSeq);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "hls: listener failed", e);
            }
        }
    }

    void fireDispose(StreamName name, Path m3u8) {
        for (Listener l : listeners) {
            try {
                l.onDispose(name, m3u8);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "hls: listener failed", e);
            }
        }
    }

    @Override
    public void onReload(SrsConfig previous, SrsConfig next, ConfigDiff diff) {
        if (closed) {
            return;
        }
        // Each stream under its lifecycle lock: a stream being unpublished is either still live
        // here (its unpublish, which follows, ends the session started now) or already gone.
        sources.forEachPublishing(source -> reload(source, next));
    }

    private void reload(LiveSource source, SrsConfig next) {
        String url = source.url();
        StreamName name;
        HlsConfig wanted;
        try {
            name = StreamName.parseUrl(url);
            wanted = hlsOf(next, name);
        } catch (SrsException e) {
            return;
        }
        HlsStream s = streams.get(url);
        HlsConfig running = s == null ? null : s.activeConfig();
        if (Objects.equals(wanted, running)) {
            return;
        }
        if (wanted == null) {
            LOG.log(Level.INFO, "hls {0}: reload: disabled", name);
            s.cancel();
            return;
        }
        if (nameOf(url) == null) {
            return;
        }
        LOG.log(Level.INFO, "hls {0}: reload: {1}", name, running == null ? "enabled" : "restart with new config");
        // Mid-stream: the consumer starts with the sequence headers; the segmenter then waits
        // for a keyframe.
        Consumer c = sources.createInternalConsumer(url, consumerSettings(next, name), false);
        submit(url, name, new HlsStream.Session(c, wanted, source.publisherId()));
    }

    /** Urls with HLS running or waiting for dispose (for the API and tests). */
    public List<String> activeStreams() {
        return new ArrayList<>(streams.keySet());
    }

    /** Stops every stream's HLS (segments are closed and listed; nothing is disposed). */
    @Override
    public void close() {
        closed = true;
        List<HlsStream> all = new ArrayList<>(streams.values());
        all.forEach(HlsStream::stop);
        for (HlsStream s : all) {
            Thread t = s.thread();
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
