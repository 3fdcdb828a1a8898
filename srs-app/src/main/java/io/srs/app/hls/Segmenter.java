package io.srs.app.hls;

import io.srs.app.config.HlsConfig;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.codec.AudioTag;
import io.srs.kernel.codec.VideoCodec;
import io.srs.kernel.codec.VideoTag;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.ts.TsMuxer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Cuts one publish of one stream into MPEG-TS segments and keeps its playlist. Port of
 * {@code SrsHlsMuxer} + {@code SrsHlsController} (srs_app_hls.cpp) with SRS's reaping rules:
 * <ul>
 * <li>a segment's duration is its last DTS minus its smallest DTS;</li>
 * <li>nothing is reaped below 200 ms; a video frame reaps at {@code hls_td_ratio × hls_fragment}
 * (only on a keyframe with {@code hls_wait_keyframe on}); an audio frame reaps at
 * {@code hls_aof_ratio × hls_fragment} whatever the frame type (this is what cuts audio-only
 * streams, and what bounds a stream with very long GOPs);</li>
 * <li>a closed segment shorter than 100 ms is deleted and its sequence number reused;</li>
 * <li>{@code hls_ts_floor} numbers segments by {@code floor(now / fragment)} and nudges reaping by
 * 30% of the drift per fragment.</li>
 * </ul>
 * Segments are written to {@code <file>.tmp} and renamed when complete; the playlist is written
 * to {@code <m3u8>.temp} and renamed (atomic replace), then {@link HlsState} is stored.
 *
 * <p>Differences from SRS, on purpose: {@code #EXT-X-DISCONTINUITY} marks a real break only (the
 * first segment of a publish that follows earlier segments, or a sequence header that differs
 * from the previous one, which also reaps the segment at once so the change starts a segment);
 * the first segment of a publish waits for a video keyframe when the stream has video, so every
 * segment decodes; segment URIs are relative to the playlist even when the segments are in
 * another directory. {@code hls_vcodec vn} / {@code hls_acodec an} drop video / audio; other
 * values do not matter because the muxer learns the codecs from the stream.
 *
 * <p>{@code hls_keys on}: every segment is AES-128-CBC encrypted (PKCS#7 padding) with a random
 * key and IV renewed every {@code hls_fragments_per_key} segments and at the start of a publish;
 * the key goes to {@code hls_key_file_path/hls_key_file} and its URI is
 * {@code hls_key_url + hls_key_file}, or relative to the playlist when {@code hls_key_url} is left
 * at its default (SRS's default, a directory, gives URIs players cannot load). Key files are
 * not deleted with their segments (as in SRS).
 *
 * <p>With an {@link Alignment} (an ABR ladder's rendition), a segment starts only at the keyframes
 * where the ladder's source started one, and takes its number; the usual limits then only apply
 * at {@link #FOLLOWER_SLACK} times their length, should the source stop segmenting.
 *
 * <p>Not thread-safe: owned by one stream's HLS thread. Throws {@link SrsException}: decode
 * errors ({@link ErrorCode#HLS_AVC_SAMPLE_SIZE}, {@link ErrorCode#HLS_AAC_FRAME_LENGTH}, codec
 * parse errors) leave the segment intact; file errors need {@link #abandon()}.
 */
public final class Segmenter {
    private static final System.Logger LOG = System.getLogger(Segmenter.class.getName());
    /** SRS_HLS_SEGMENT_MIN_DURATION. */
    static final long MIN_SEGMENT_MS = 100;
    /** SRS_HLS_FLOOR_REAP_PERCENT. */
    private static final double FLOOR_REAP_PERCENT = 0.3;
    /** SRS_JUMP_WHEN_PIECE_DEVIATION. */
    private static final long FLOOR_JUMP_PIECES = 20;
    private static final int WRITE_BUFFER = 64 * 1024;
    /**
     * A follower of an {@link Alignment} cuts by its own rules only when a segment grew this many
     * times its usual limit without the leader starting one (the leader stalled or went away).
     */
    private static final int FOLLOWER_SLACK = 3;

    /** Told about every segment that enters the playlist (for on_hls hooks, statistics, tests). */
    public interface Events {
        void onSegment(StreamName name, Segment segment, Path m3u8, String m3u8Url);
    }

    private final HlsConfig cfg;
    private final StreamName name;
    private final Path root;
    private final HlsState state;
    private final Clock clock;
    private final ZoneId zone;
    private final Events events;
    private final Alignment alignment;
    private final String m3u8Url;
    private final Path m3u8;
    private final Path m3u8Dir;
    private final long fragmentMs;
    private final long maxTdMs;
    private final long aofMs;
    private final long windowMs;

    private TsMuxer ts;
    private Open cur;
    private boolean discontinuityNext;
    private boolean started;
    private boolean videoHeaderSeen;
    private Bytes lastVideoHeader;
    private Bytes lastAudioHeader;
    private long acceptFloor;
    private long previousFloor;
    private long floorDeviation;
    private long previousAudioTs;
    private long aacSamples;
    private SegmentKey key;
    /** The last keyframe was told where to cut by the leader of an {@link Alignment}. */
    private boolean following;
    /** Segments dropped from the window to keep the leader's numbering; deleted after the next listing. */
    private final List<Segment> skipped = new java.util.ArrayList<>();

    /** The segment being written. */
    private static final class Open {
        final long seq;
        final Path file;
        final Path tmp;
        final OutputStream out;
        final String uri;
        final String keyUri;
        final String ivHex;
        boolean discontinuity;
        boolean hasMedia;
        long startDts = -1;
        long durationMs;

        final CountingStream counted;

        Open(long seq, Path file, Path tmp, OutputStream out, CountingStream counted, String uri, String keyUri,
                String ivHex, boolean discontinuity) {
            this.seq = seq;
            this.file = file;
            this.tmp = tmp;
            this.out = out;
            this.counted = counted;
            this.uri = uri;
            this.keyUri = keyUri;
            this.ivHex = ivHex;
            this.discontinuity = discontinuity;
        }

        void append(long dts) {
            startDts = startDts < 0 ? dts : Math.min(startDts, dts);
            durationMs = dts - startDts;
        }
    }

    /**
     * Prepares a publish; checks every client-given name and the resulting paths first.
     *
     * @param root  {@code hls_path}
     * @param state what earlier publishes left (see {@link HlsState#load}); the first segment is a
     *              discontinuity when they produced any segment
     * @throws SrsException {@link ErrorCode#SYSTEM_SECURITY} when a name or a path would leave
     *                      {@code root}; nothing has been written then
     */
    public Segmenter(HlsConfig cfg, StreamName name, Path root, HlsState state, Clock clock, ZoneId zone,
            Events events) {
        this(cfg, name, root, state, clock, zone, events, Alignment.NONE);
    }

    /** @param alignment where segments must start when the stream follows another (ABR ladder) */
    public Segmenter(HlsConfig cfg, StreamName name, Path root, HlsState state, Clock clock, ZoneId zone,
            Events events, Alignment alignment) {
        this.cfg = cfg;
        this.alignment = alignment;
        this.name = name;
        this.root = root.toAbsolutePath().normalize();
        this.state = state;
        this.clock = clock;
        this.zone = zone;
        this.events = events;
        SafePaths.checkStream(name);
        this.m3u8Url = PathTemplate.stream(cfg.m3u8File(), name);
        this.m3u8 = m3u8Of(cfg, name, root);
        this.m3u8Dir = m3u8.getParent();
        // A template that escapes hls_path is refused now rather than at the first segment.
        SafePaths.resolveInside(this.root, tsPath(0, clock.instant(), "0"));
        if (cfg.keys()) {
            SafePaths.resolveInside(Path.of(cfg.keyFilePath()).toAbsolutePath().normalize(),
                    PathTemplate.seq(PathTemplate.stream(cfg.keyFile(), name), 0));
        }
        this.fragmentMs = cfg.fragment().toMillis();
        this.maxTdMs = (long) (fragmentMs * cfg.tdRatio());
        this.aofMs = (long) (fragmentMs * cfg.aofRatio());
        this.windowMs = cfg.window().toMillis();
        this.discontinuityNext = state.nextSeq > 0 || !state.window.isEmpty();
    }

    /** Where the playlist of {@code name} goes; checks the names and the path. */
    public static Path m3u8Of(HlsConfig cfg, StreamName name, Path root) {
        SafePaths.checkStream(name);
        return SafePaths.resolveInside(root.toAbsolutePath().normalize(), PathTemplate.stream(cfg.m3u8File(), name));
    }

    public Path m3u8() {
        return m3u8;
    }

    public HlsState state() {
        return state;
    }

    /** Sequence number of the segment being written, or -1. */
    public long currentSeq() {
        return cur == null ? -1 : cur.seq;
    }

    /** Feeds one message of the publish, in order; metadata and unknown codecs are ignored. */
    public void write(MediaMessage m) {
        if (m.isVideo()) {
            onVideo(m);
        } else if (m.isAudio()) {
            onAudio(m);
        }
    }

    private TsMuxer muxer() {
        if (ts == null) {
            ts = new TsMuxer(OutputStream.nullOutputStream());
        }
        return ts;
    }

    private void onVideo(MediaMessage m) {
        if ("vn".equals(cfg.vcodec())) {
            return;
        }
        Bytes p = m.payload();
        if (p.isEmpty()) {
            return;
        }
        VideoCodec codec = VideoTag.codecOf(p);
        if (codec != VideoCodec.AVC && codec != VideoCodec.HEVC) {
            return; // TS here carries H.264 and H.265 only, as in SRS
        }
        if (VideoTag.isSequenceHeader(p)) {
            muxer().writeVideo(m); // parses (and may refuse) the configuration
            onSequenceHeader(lastVideoHeader, p);
            lastVideoHeader = p;
            videoHeaderSeen = true;
            return;
        }
        VideoTag tag = VideoTag.parse(p);
        if (!tag.isCodedFrames()) {
            return; // info/command frames and end of sequence (SRS #288)
        }
        boolean keyframe = tag.isKeyframe();
        long pts = m.timestamp() + tag.compositionTime();
        long plan = Alignment.FREE;
        if (keyframe) {
            plan = alignment.keyframe(name, pts);
            following = plan != Alignment.FREE;
        }
        if (!started) {
            // A follower's first segment starts where one of the leader's does.
            if (!keyframe || plan == Alignment.HOLD) {
                return;
            }
            started = true;
        }
        long dts = m.timestamp();
        boolean fresh = cur == null;
        if (plan >= 0 && cur != null && cur.hasMedia) {
            cur.append(dts); // a segment lasts until the next one starts, as when reaping below
            reap(); // the leader started a segment at this keyframe
            fresh = true;
        }
        if (cur == null) {
            openSegment(plan);
        }
        cur.append(dts);
        if (overflows(limit(maxTdMs)) && (!cfg.waitKeyframe() || keyframe)) {
            reap();
            openSegment(Alignment.FREE);
            cur.append(dts);
            fresh = true;
        }
        if (fresh && keyframe) {
            alignment.started(name, pts, cur.seq);
        }
        muxer().writeVideo(m);
        cur.hasMedia = true;
    }

    /** A follower leaves cutting to its leader unless a segment grows far too long. */
    private long limit(long ms) {
        return following ? FOLLOWER_SLACK * ms : ms;
    }

    private void onAudio(MediaMessage m) {
        if ("an".equals(cfg.acodec())) {
            return;
        }
        Bytes p = m.payload();
        int format = AudioTag.soundFormatOf(p);
        if (format != AudioTag.FORMAT_AAC && format != AudioTag.FORMAT_MP3) {
            return;
        }
        if (format == AudioTag.FORMAT_AAC && AudioTag.isSequenceHeader(p)) {
            muxer().writeAudio(m);
            onSequenceHeader(lastAudioHeader, p);
            lastAudioHeader = p;
            return;
        }
        if (p.length() <= (format == AudioTag.FORMAT_AAC ? 2 : 1)) {
            return;
        }
        if (!started) {
            if (videoHeaderSeen) {
                return; // start with the first video keyframe, audio then follows it
            }
            started = true;
        }
        long dts = cfg.dtsDirectly() ? m.timestamp() : guessAudioDts(m);
        ensureOpen();
        cur.append(dts);
        if (overflows(limit(aofMs))) {
            reap();
            ensureOpen();
            cur.append(dts);
        }
        muxer().writeAudio(m.withTimestamp(dts));
        cur.hasMedia = true;
    }

    /**
     * SRS's {@code hls_dts_directly off}: audio DTS from the number of samples, guessing the
     * samples per frame from the timestamp delta (SRS #1506).
     */
    private long guessAudioDts(MediaMessage m) {
        long ts = m.timestamp();
        if (previousAudioTs > ts) {
            previousAudioTs = ts;
            aacSamples = 0;
        }
        long diff = ts - previousAudioTs;
        previousAudioTs = ts;
        int rate = AudioTag.parse(m.payload()).flvSampleRate();
        if (rate <= 0) {
            return ts;
        }
        long guess = diff * rate / 1000;
        long perFrame = guess <= 0 ? 0 : guess < 960 ? 960 : guess < 1536 ? 1024 : guess < 3072 ? 2048 : 4096;
        aacSamples += perFrame;
        return aacSamples * 1000 / rate;
    }

    /** A changed sequence header (codec or parameters) starts a new, discontinuous segment. */
    private void onSequenceHeader(Bytes previous, Bytes next) {
        if (previous == null || previous.equals(next)) {
            return;
        }
        if (cur != null && cur.hasMedia) {
            reap();
            discontinuityNext = true;
        } else if (cur != null) {
            cur.discontinuity = true;
        } else {
            discontinuityNext = true;
        }
    }

    private boolean overflows(long limitMs) {
        if (cur.durationMs < 2 * MIN_SEGMENT_MS) {
            return false;
        }
        double deviation = cfg.tsFloor() ? FLOOR_REAP_PERCENT * floorDeviation * fragmentMs : 0;
        return cur.durationMs >= limitMs + deviation;
    }

    private void reap() {
        muxer().flush();
        closeSegment();
    }

    private void ensureOpen() {
        if (cur == null) {
            openSegment();
        }
    }

    private String tsPath(long seq, Instant now, String floor) {
        String t = PathTemplate.stream(cfg.tsFile(), name);
        t = PathTemplate.time(t, now, zone, floor);
        return PathTemplate.seq(t, seq);
    }

    /** SRS's hls_ts_floor: consecutive pieces numbered floor(now / fragment), resynced on big drift. */
    private String nextFloor(Instant now) {
        long current = now.toEpochMilli() / Math.max(1, fragmentMs);
        acceptFloor = acceptFloor == 0 ? current - 1 : acceptFloor + 1;
        if (acceptFloor - current > FLOOR_JUMP_PIECES) {
            LOG.log(Level.WARNING, "hls {0}: ts floor jumps, current={1}, accept={2}", name, current, acceptFloor);
            acceptFloor = current - 1;
        }
        floorDeviation = acceptFloor - current;
        if (previousFloor != 0 && previousFloor != current - 1) {
            LOG.log(Level.DEBUG, "hls {0}: dup/jmp ts floor, previous={1}, current={2}", name, previousFloor, current);
        }
        previousFloor = current;
        return Long.toString(acceptFloor);
    }

    private void openSegment() {
        openSegment(Alignment.FREE);
    }

    /** @param wanted the leader's sequence number for this segment, or a negative number */
    private void openSegment(long wanted) {
        long seq = state.nextSeq;
        if (wanted > seq) {
            skipTo(wanted);
            seq = wanted;
        } else if (wanted >= 0 && wanted < seq) {
            LOG.log(Level.DEBUG, "hls {0}: ahead of its ladder source, seq {1} instead of {2}", name, seq, wanted);
        }
        Instant now = clock.instant();
        Path file = SafePaths.resolveInside(root, tsPath(seq, now, cfg.tsFloor() ? nextFloor(now) : null));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new SrsException(ErrorCode.HLS_CREATE_DIR, "hls: create dir " + file.getParent() + ": " + e, e);
        }
        if (cfg.keys() && (key == null || seq % cfg.fragmentsPerKey() == 0)) {
            key = SegmentKey.create(cfg, name, seq, m3u8Dir);
        }
        OutputStream out;
        CountingStream counted;
        try {
            counted = new CountingStream(Files.newOutputStream(tmp));
            out = new BufferedOutputStream(cfg.keys() ? key.encrypt(counted) : counted, WRITE_BUFFER);
        } catch (IOException e) {
            throw new SrsException(ErrorCode.HLS_OPEN_FAILED, "hls: open " + tmp + ": " + e, e);
        }
        state.nextSeq = seq + 1;
        muxer().newSegment(out);
        cur = new Open(seq, file, tmp, out, counted, uriOf(file), cfg.keys() ? key.uri() : null,
                cfg.keys() ? key.ivHex() : null, discontinuityNext);
        discontinuityNext = false;
    }

    /** {@code hls_entry_prefix} rules of SRS, then the path relative to the playlist's directory. */
    private String uriOf(Path file) {
        String rel = m3u8Dir.relativize(file).toString().replace('\\', '/');
        String prefix = cfg.entryPrefix();
        StringBuilder uri = new StringBuilder(prefix);
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            uri.append('/');
            int slash = m3u8Url.lastIndexOf('/');
            if (slash > 0) {
                uri.append(m3u8Url, 0, slash).append('/');
            }
        }
        return uri.append(rel).toString();
    }

    /**
     * Jumps to the leader's numbering. Sequence numbers in a playlist are consecutive, so the
     * segments listed so far leave the window (as if it had slid past them) and are deleted once
     * the next playlist no longer lists them.
     */
    private void skipTo(long seq) {
        List<Segment> gone = state.window.clear();
        for (Segment e : gone) {
            if (e.discontinuity()) {
                state.discontinuitySeq++;
            }
        }
        skipped.addAll(gone);
        if (!gone.isEmpty()) {
            LOG.log(Level.INFO, "hls {0}: jump from seq {1} to {2} to match the ladder source", name, state.nextSeq, seq);
        }
        state.nextSeq = seq;
    }

    private void closeSegment() {
        Open c = cur;
        cur = null;
        try {
            c.out.close();
            // A full disk must never give the playlist a short or empty segment: the file must
            // hold every byte the muxer gave it.
            long size = Files.size(c.tmp);
            if (size != c.counted.bytes || size == 0) {
                throw new IOException("segment holds " + size + " of " + c.counted.bytes + " bytes written");
            }
        } catch (IOException e) {
            deleteQuietly(c.tmp);
            state.nextSeq = c.seq;
            discontinuityNext = true;
            throw new SrsException(ErrorCode.HLS_WRITE_FAILED, "hls: write " + c.tmp + ": " + e, e);
        }
        Segment kept = null;
        if (c.durationMs >= MIN_SEGMENT_MS) {
            move(c.tmp, c.file);
            kept = new Segment(c.seq, c.durationMs, c.discontinuity, c.file, c.uri, c.keyUri, c.ivHex);
            state.window.append(kept);
        } else {
            LOG.log(Level.DEBUG, "hls {0}: drop segment {1} of {2} ms", name, c.seq, c.durationMs);
            deleteQuietly(c.tmp);
            state.nextSeq = c.seq;
            discontinuityNext |= c.discontinuity;
        }
        List<Segment> expired = state.window.shrink(windowMs);
        for (Segment e : expired) {
            if (e.discontinuity()) {
                state.discontinuitySeq++;
            }
        }
        expired.addAll(skipped);
        skipped.clear();
        try {
            refreshPlaylist();
            state.store(root, m3u8);
        } finally {
            if (cfg.cleanup()) {
                expired.forEach(e -> deleteQuietly(e.file()));
            }
        }
        if (kept != null) {
            events.onSegment(name, kept, m3u8, m3u8Url);
        }
    }

    private void refreshPlaylist() {
        if (state.window.isEmpty()) {
            return;
        }
        String text = Playlist.render(state.window.segments(), maxTdMs, state.discontinuitySeq);
        Path tmp = m3u8.resolveSibling(m3u8.getFileName() + ".temp");
        try {
            Files.createDirectories(m3u8Dir);
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new SrsException(ErrorCode.HLS_WRITE_FAILED, "hls: write " + tmp + ": " + e, e);
        }
        move(tmp, m3u8);
    }

    static void move(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(from);
            throw new SrsException(ErrorCode.SYSTEM_FILE_RENAME, "hls: rename " + from + " => " + to + ": " + e, e);
        }
    }

    /**
     * Ends the publish: collected audio is flushed and the current segment closed and listed
     * (or dropped when shorter than 100 ms).
     */
    public void finish() {
        if (cur == null) {
            return;
        }
        muxer().flush();
        closeSegment();
    }

    /**
     * Gives up the segment being written after a failure: its temporary file is deleted, its
     * sequence number reused, and writing resumes at the next keyframe in a new, discontinuous
     * segment with a fresh muxer that already knows the stream's sequence headers.
     */
    public void abandon() {
        if (cur != null) {
            try {
                cur.out.close();
            } catch (IOException ignored) {
                // The file is deleted anyway.
            }
            deleteQuietly(cur.tmp);
            state.nextSeq = cur.seq;
            cur = null;
        }
        ts = null;
        key = null;
        if (cfg.cleanup()) {
            skipped.forEach(e -> deleteQuietly(e.file()));
        }
        skipped.clear();
        started = false;
        discontinuityNext = true;
        // The publisher sends its sequence headers once: the fresh muxer gets them again, or it
        // could never mux another frame and HLS would stay silent until a republish.
        try {
            if (lastVideoHeader != null) {
                muxer().writeVideo(new MediaMessage(io.srs.kernel.media.MessageType.VIDEO, 0, 1, lastVideoHeader));
            }
            if (lastAudioHeader != null) {
                muxer().writeAudio(new MediaMessage(io.srs.kernel.media.MessageType.AUDIO, 0, 1, lastAudioHeader));
            }
        } catch (SrsException e) {
            // Accepted once already; if it fails now, wait for the publisher's next header.
            ts = null;
            lastVideoHeader = null;
            lastAudioHeader = null;
            videoHeaderSeen = false;
        }
    }

    /**
     * {@code hls_dispose}: deletes the playlist and every segment of the window, keeping the
     * sequence numbers (in memory and in the state file) for the next publish.
     */
    public static void dispose(Path root, Path m3u8, HlsState state) {
        for (Segment s : state.window.clear()) {
            deleteQuietly(s.file());
        }
        deleteQuietly(m3u8);
        try {
            state.store(root, m3u8);
        } catch (SrsException e) {
            LOG.log(Level.WARNING, "hls: dispose {0}: {1}", m3u8, e.describe());
        }
    }

    /** Counts the bytes the file accepted (a write that threw counts nothing). */
    static final class CountingStream extends java.io.FilterOutputStream {
        long bytes;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "hls: delete {0}: {1}", p, e.toString());
        }
    }
}
