package io.srs.app.abr;

import io.srs.app.hls.Alignment;
import io.srs.app.jobs.LadderListener.Rendition;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One ABR ladder: a source stream, the streams its ladder engines publish, where the source cut
 * its HLS segments, and what each variant's segments and sequence headers measured.
 *
 * <p>Thread-safe: the source's and every rendition's HLS thread call it, the publisher and
 * reload threads update it; every method holds the lock briefly and does no IO.
 */
final class Ladder {
    private static final System.Logger LOG = System.getLogger(Ladder.class.getName());
    /**
     * Source segments after which the master playlist is written with the variants measured so
     * far, even if a rendition has produced nothing yet (its transcoder may be failing).
     */
    static final int GRACE_SEGMENTS = 3;

    /** What one variant measured. */
    private static final class Variant {
        final Bandwidth bandwidth = new Bandwidth();
        Path m3u8;
        Codecs.Video video;
        String audio;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final String sourceUrl;
    private final CutLog cuts = new CutLog();
    private final Map<String, Variant> variants = new HashMap<>();
    private final Set<String> unaligned = new HashSet<>();
    private String master;
    private List<Rendition> renditions = List.of();
    private int sourceSegments;

    Ladder(String sourceUrl) {
        this.sourceUrl = sourceUrl;
    }

    String sourceUrl() {
        return sourceUrl;
    }

    /** Sets the renditions and the master template; returns the rendition urls it had before. */
    List<String> update(String masterTemplate, List<Rendition> next) {
        lock.lock();
        try {
            List<String> before = urls(renditions);
            master = masterTemplate;
            renditions = List.copyOf(next);
            Set<String> keep = new HashSet<>(urls(renditions));
            keep.add(sourceUrl);
            variants.keySet().retainAll(keep);
            return before;
        } finally {
            lock.unlock();
        }
    }

    static List<String> urls(List<Rendition> rs) {
        List<String> out = new ArrayList<>(rs.size());
        rs.forEach(r -> out.add(r.url()));
        return out;
    }

    String master() {
        lock.lock();
        try {
            return master;
        } finally {
            lock.unlock();
        }
    }

    void sourceKeyframe(long ptsMs) {
        lock.lock();
        try {
            cuts.keyframe(ptsMs);
        } finally {
            lock.unlock();
        }
    }

    void sourceCut(long ptsMs, long seq) {
        lock.lock();
        try {
            cuts.cut(ptsMs, seq);
        } finally {
            lock.unlock();
        }
    }

    /** See {@link CutLog#plan}; a rendition on another clock is told once in the log. */
    long plan(String renditionUrl, long ptsMs) {
        long plan;
        boolean first = false;
        lock.lock();
        try {
            plan = cuts.plan(ptsMs);
            if (plan == Alignment.FREE && cuts.hasCuts()) {
                first = unaligned.add(renditionUrl);
            } else if (plan >= 0) {
                unaligned.remove(renditionUrl);
            }
        } finally {
            lock.unlock();
        }
        if (first) {
            LOG.log(Level.WARNING, "abr {0}: rendition {1} has keyframes at other times than the source "
                    + "(pts {2} ms); its segments are not aligned", sourceUrl, renditionUrl, ptsMs);
        }
        return plan;
    }

    /**
     * A variant closed a segment of {@code bytes} in its playlist {@code m3u8}.
     *
     * @param video its video now, null when unknown
     * @param audio RFC 6381 name of its audio, "" when it has audio of an unknown codec, null when none
     */
    void measure(String url, long bytes, long durationMs, Path m3u8, Codecs.Video video, String audio) {
        lock.lock();
        try {
            if (!url.equals(sourceUrl) && !urls(renditions).contains(url)) {
                return;
            }
            Variant v = variants.computeIfAbsent(url, k -> new Variant());
            v.bandwidth.add(bytes, durationMs);
            v.m3u8 = m3u8;
            v.video = video != null ? video : v.video;
            v.audio = audio != null ? audio : v.audio;
            if (url.equals(sourceUrl)) {
                sourceSegments++;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The variants for the master playlist in {@code masterDir}: the source first, then the
     * renditions in config order, each once it has a segment; null until every variant has one
     * or {@link #GRACE_SEGMENTS} source segments were written.
     */
    List<MasterPlaylist.Variant> variants(Path masterDir) {
        lock.lock();
        try {
            List<String> order = new ArrayList<>();
            order.add(sourceUrl);
            order.addAll(urls(renditions));
            List<MasterPlaylist.Variant> out = new ArrayList<>();
            for (String url : order) {
                Variant v = variants.get(url);
                if (v == null || v.bandwidth.isEmpty() || v.m3u8 == null) {
                    continue;
                }
                String uri = masterDir.relativize(v.m3u8).toString().replace('\\', '/');
                int w = v.video == null ? 0 : v.video.width();
                int h = v.video == null ? 0 : v.video.height();
                out.add(new MasterPlaylist.Variant(uri, v.bandwidth.peak(), v.bandwidth.average(), w, h,
                        codecs(v)));
            }
            boolean ready = out.size() == order.size() || sourceSegments >= GRACE_SEGMENTS;
            return ready && !out.isEmpty() ? out : null;
        } finally {
            lock.unlock();
        }
    }

    /** The variant's playlists, to refuse a master that would overwrite one. */
    Set<Path> playlists() {
        lock.lock();
        try {
            Set<Path> out = new HashSet<>();
            variants.values().forEach(v -> out.add(v.m3u8));
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Null when a codec is unknown (audio ""): better no CODECS than a wrong one. */
    private static String codecs(Variant v) {
        String video = v.video == null ? null : v.video.codec();
        if ((v.video != null && video == null) || "".equals(v.audio)) {
            return null;
        }
        if (video != null && v.audio != null) {
            return video + "," + v.audio;
        }
        return video != null ? video : v.audio;
    }
}
