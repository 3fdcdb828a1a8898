package io.srs.app.hls;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What must outlive a publish for the playlist to stay monotonic: the next media sequence
 * number, the discontinuity sequence and the window. Kept in memory between publishes and
 * stored beside the playlist as {@code <m3u8>.state} after every segment, so a republish or a
 * server restart continues the sequence instead of starting at 0 again (SRS #3506).
 *
 * <p>File format (UTF-8 text, one item per line, fields separated by tabs): {@code srs-hls-state 1},
 * {@code next_seq N}, {@code discontinuity_seq N}, then per window segment
 * {@code segment seq durationMs discontinuity(0|1) path-relative-to-hls_path uri [keyUri ivHex]}.
 * A file that
 * does not parse, or names a path outside {@code hls_path}, is ignored (with a warning).
 *
 * <p>Not thread-safe: owned by one stream's HLS thread.
 */
public final class HlsState {
    private static final System.Logger LOG = System.getLogger(HlsState.class.getName());
    private static final String MAGIC = "srs-hls-state 1";
    /** A state file is small; anything bigger is not ours. */
    private static final long MAX_FILE_BYTES = 1 << 20;

    final SegmentWindow window = new SegmentWindow();
    long nextSeq;
    long discontinuitySeq;

    public long nextSeq() {
        return nextSeq;
    }

    public long discontinuitySeq() {
        return discontinuitySeq;
    }

    public SegmentWindow window() {
        return window;
    }

    /** The state file of a playlist. */
    public static Path fileOf(Path m3u8) {
        return m3u8.resolveSibling(m3u8.getFileName() + ".state");
    }

    /** Loads the state stored for {@code m3u8}, or a fresh one; never throws for bad content. */
    public static HlsState load(Path root, Path m3u8) {
        HlsState s = new HlsState();
        Path f = fileOf(m3u8);
        List<String> lines;
        try {
            if (Files.size(f) > MAX_FILE_BYTES) {
                LOG.log(Level.WARNING, "hls: ignore state {0}: too large", f);
                return s;
            }
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return s;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "hls: ignore state {0}: {1}", f, e.toString());
            return s;
        }
        try {
            if (lines.isEmpty() || !lines.getFirst().equals(MAGIC)) {
                throw new IllegalArgumentException("no header");
            }
            List<Segment> segments = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f0 = line.split("\t", -1);
                switch (f0[0]) {
                    case "next_seq" -> s.nextSeq = nonNegative(f0[1]);
                    case "discontinuity_seq" -> s.discontinuitySeq = nonNegative(f0[1]);
                    case "segment" -> {
                        if (f0.length != 6 && f0.length != 8) {
                            throw new IllegalArgumentException("segment needs 5 or 7 fields");
                        }
                        Path file = SafePaths.resolveInside(root, f0[4]);
                        boolean keyed = f0.length == 8;
                        if (keyed && !f0[7].matches("[0-9a-f]{32}")) {
                            throw new IllegalArgumentException("bad iv");
                        }
                        segments.add(new Segment(nonNegative(f0[1]), nonNegative(f0[2]), "1".equals(f0[3]), file,
                                f0[5], keyed ? f0[6] : null, keyed ? f0[7] : null));
                    }
                    default -> {
                        // Unknown items come from a newer version: skip them.
                    }
                }
            }
            for (Segment seg : segments) {
                if (seg.seq() >= s.nextSeq) {
                    throw new IllegalArgumentException("segment " + seg.seq() + " not below next_seq " + s.nextSeq);
                }
                s.window.append(seg);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "hls: ignore window of state {0}: {1}", f, e.getMessage());
            s.window.clear();
        }
        return s;
    }

    private static long nonNegative(String v) {
        long n = Long.parseLong(v.strip());
        if (n < 0) {
            throw new IllegalArgumentException("negative " + n);
        }
        return n;
    }

    /** When the state was last stored, or null when there is no state file. */
    public static FileTime storedAt(Path m3u8) {
        try {
            return Files.getLastModifiedTime(fileOf(m3u8));
        } catch (IOException e) {
            return null;
        }
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    /** Writes the state atomically (temporary file, then rename). */
    public void store(Path root, Path m3u8) {
        Path base = root.toAbsolutePath().normalize();
        StringBuilder sb = new StringBuilder(MAGIC).append('\n');
        sb.append("next_seq\t").append(nextSeq).append('\n');
        sb.append("discontinuity_seq\t").append(discontinuitySeq).append('\n');
        for (Segment seg : window.segments()) {
            String rel = base.relativize(seg.file().toAbsolutePath().normalize()).toString().replace('\\', '/');
            sb.append("segment\t").append(seg.seq()).append('\t').append(seg.durationMs()).append('\t')
                    .append(seg.discontinuity() ? 1 : 0).append('\t').append(rel).append('\t')
                    .append(clean(seg.uri()));
            if (seg.encrypted()) {
                sb.append('\t').append(clean(seg.keyUri())).append('\t').append(seg.ivHex());
            }
            sb.append('\n');
        }
        Path f = fileOf(m3u8);
        Path tmp = f.resolveSibling(f.getFileName() + ".temp");
        try {
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SrsException(ErrorCode.HLS_WRITE_FAILED, "hls: write state " + f + ": " + e, e);
        }
    }
}
