package io.srs.app.abr;

import io.srs.app.config.HlsConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.hls.Alignment;
import io.srs.app.hls.HlsManager;
import io.srs.app.hls.PathTemplate;
import io.srs.app.hls.SafePaths;
import io.srs.app.hls.Segment;
import io.srs.app.hls.StreamName;
import io.srs.app.jobs.LadderListener;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceRegistry;
import io.srs.core.SrsException;
import io.srs.kernel.media.MediaMessage;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Adaptive-bitrate HLS ladders (not in SRS): a stream transcoded by engines whose
 * {@code transcode} block has {@code abr { enabled on; }} and the streams those engines publish
 * form one ladder. This class
 * <ul>
 * <li>learns the ladders from the transcoders ({@link LadderListener});</li>
 * <li>aligns the renditions' HLS segments on the source's ({@link Alignment}): a rendition cuts
 * only at the keyframes where the source cut, with the source's sequence numbers (the
 * transcoders force a keyframe wherever the source has one and keep its timestamps);</li>
 * <li>measures every variant as its segments close ({@link HlsManager.Listener}): peak and
 * average bit rate from the segments' bytes and durations, resolution and codecs from the
 * stream's sequence headers; and, on each source segment, rewrites the master playlist
 * ({@code abr.master} under the source's {@code hls_path}) when its text changed.</li>
 * </ul>
 *
 * <p>Thread-safe. The master playlist is written only by the source's HLS thread, so one file
 * has one writer; the maps are concurrent and the ladders guard themselves.
 */
public final class Ladders implements LadderListener, Alignment, HlsManager.Listener {
    private static final System.Logger LOG = System.getLogger(Ladders.class.getName());

    private final ConfigStore config;
    private final SourceRegistry sources;
    /** Guards the pairing of the two maps below on updates; lookups go without it. */
    private final ReentrantLock registry = new ReentrantLock();
    private final Map<String, Ladder> bySource = new ConcurrentHashMap<>();
    private final Map<String, Ladder> byRendition = new ConcurrentHashMap<>();
    /** Master playlists written, by source url, and their text: deleted with the source's HLS files. */
    private final Map<String, Written> written = new ConcurrentHashMap<>();

    private record Written(Path path, String text, int variants) {
    }

    public Ladders(ConfigStore config, SourceRegistry sources) {
        this.config = config;
        this.sources = sources;
    }

    @Override
    public void onLadder(String sourceUrl, String master, List<Rendition> renditions) {
        registry.lock();
        try {
            Ladder l = bySource.computeIfAbsent(sourceUrl, Ladder::new);
            String before = l.master();
            List<String> old = l.update(master, renditions);
            old.forEach(u -> byRendition.remove(u, l));
            renditions.forEach(r -> byRendition.put(r.url(), l));
            if (!master.equals(before) || !old.equals(Ladder.urls(renditions))) {
                LOG.log(Level.INFO, "abr {0}: ladder of {1} rendition(s) {2}, master {3}", sourceUrl,
                        renditions.size(), Ladder.urls(renditions), master);
            }
        } finally {
            registry.unlock();
        }
    }

    @Override
    public void onLadderEnd(String sourceUrl) {
        registry.lock();
        try {
            Ladder l = bySource.remove(sourceUrl);
            if (l != null) {
                byRendition.values().removeIf(x -> x == l);
                LOG.log(Level.INFO, "abr {0}: ladder ended", sourceUrl);
            }
            if (!disposes(sourceUrl)) {
                // No hls_dispose will come to delete the master: forget it now, so the map stays
                // as small as the set of live ladders.
                written.remove(sourceUrl);
            }
        } finally {
            registry.unlock();
        }
    }

    private boolean disposes(String sourceUrl) {
        try {
            VhostConfig v = config.current().vhost(StreamName.parseUrl(sourceUrl).vhost());
            return v != null && v.hls().enabled() && !v.hls().dispose().isZero();
        } catch (SrsException e) {
            return false;
        }
    }

    /** Urls of the ladders' sources (for tests and the API). */
    public List<String> sources() {
        return List.copyOf(bySource.keySet());
    }

    @Override
    public long keyframe(StreamName stream, long ptsMs) {
        String url = stream.url();
        Ladder l = bySource.get(url);
        if (l != null) {
            l.sourceKeyframe(ptsMs);
            return FREE;
        }
        l = byRendition.get(url);
        return l == null ? FREE : l.plan(url, ptsMs);
    }

    @Override
    public void started(StreamName stream, long ptsMs, long seq) {
        Ladder l = bySource.get(stream.url());
        if (l != null) {
            l.sourceCut(ptsMs, seq);
        }
    }

    @Override
    public void onSegment(StreamName name, Segment segment, Path m3u8, String m3u8Url) {
        String url = name.url();
        Ladder l = bySource.get(url);
        boolean source = l != null;
        if (l == null) {
            l = byRendition.get(url);
        }
        if (l == null) {
            return;
        }
        long bytes;
        try {
            bytes = Files.size(segment.file());
        } catch (IOException e) {
            return; // already gone (cleanup raced us); the next segment measures
        }
        LiveSource s = sources.find(url).orElse(null);
        MediaMessage vh = s == null ? null : s.videoSequenceHeader();
        MediaMessage ah = s == null ? null : s.audioSequenceHeader();
        String audio = ah == null ? null : Objects.requireNonNullElse(Codecs.audio(ah.payload()), "");
        l.measure(url, bytes, segment.durationMs(), m3u8, vh == null ? null : Codecs.video(vh.payload()), audio);
        if (source) {
            writeMaster(l, name, m3u8);
        }
    }

    /** On the source's HLS thread only. */
    private void writeMaster(Ladder l, StreamName name, Path sourceM3u8) {
        Path master;
        try {
            VhostConfig v = config.current().vhost(name.vhost());
            HlsConfig hls = v == null ? null : v.hls();
            if (hls == null) {
                return;
            }
            master = SafePaths.resolveInside(Path.of(hls.path()).toAbsolutePath().normalize(),
                    PathTemplate.stream(l.master(), name));
        } catch (SrsException e) {
            LOG.log(Level.ERROR, "abr {0}: no master playlist: {1}", name, e.describe());
            return;
        }
        if (master.equals(sourceM3u8) || l.playlists().contains(master)) {
            Written w = written.putIfAbsent(name.url(), new Written(master, null, 0));
            if (w == null) {
                LOG.log(Level.ERROR, "abr {0}: master {1} is a variant''s own playlist; not written", name, master);
            }
            return;
        }
        List<MasterPlaylist.Variant> variants = l.variants(master.getParent());
        if (variants == null) {
            return;
        }
        String text = MasterPlaylist.render(variants);
        Written before = written.get(name.url());
        if (before != null && master.equals(before.path()) && text.equals(before.text())) {
            return;
        }
        Path tmp = master.resolveSibling(master.getFileName() + ".temp");
        try {
            Files.createDirectories(master.getParent());
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, master, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, master, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "abr {0}: write {1}: {2}", name, master, e.toString());
            return;
        }
        if (before == null || !master.equals(before.path()) || before.variants() != variants.size()) {
            LOG.log(Level.INFO, "abr {0}: master playlist {1} with {2} variant(s)", name, master, variants.size());
        }
        written.put(name.url(), new Written(master, text, variants.size()));
    }

    @Override
    public void onDispose(StreamName name, Path m3u8) {
        Written w = written.remove(name.url());
        if (w != null && w.text() != null) {
            try {
                Files.deleteIfExists(w.path());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "abr {0}: delete {1}: {2}", name, w.path(), e.toString());
            }
        }
    }
}
