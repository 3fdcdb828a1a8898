package io.srs.app.hls;

import java.util.List;
import java.util.Locale;

/**
 * Renders a live media playlist exactly as SRS v7 writes it ({@code SrsHlsMuxer::_refresh_m3u8},
 * reference §d): version 3, the first segment's sequence, a target duration that never drops
 * below {@code hls_td_ratio × hls_fragment}, {@code #EXTINF:<s with 3 decimals>, no desc} and no
 * end list.
 *
 * <p>Going beyond SRS, {@code #EXT-X-DISCONTINUITY-SEQUENCE} is written once a segment with a
 * discontinuity has left the window (RFC 8216 §6.2.2 requires it then); until the first
 * republish the output is byte-identical to SRS's. With {@code hls_keys}, {@code #EXT-X-KEY} is
 * written wherever the key changes and before the first segment of the window (SRS writes it
 * only before segments whose number is a multiple of {@code hls_fragments_per_key}, so players
 * that join after that segment left the window cannot decrypt).
 *
 * <p>Stateless; thread-safe.
 */
public final class Playlist {
    private Playlist() {
    }

    /**
     * @param segments              the window, oldest first, not empty
     * @param minTargetMs           {@code hls_td_ratio × hls_fragment} in ms
     * @param discontinuitySequence discontinuities that left the window so far
     */
    public static String render(List<Segment> segments, long minTargetMs, long discontinuitySequence) {
        StringBuilder sb = new StringBuilder(64 + 48 * segments.size());
        sb.append("#EXTM3U\n");
        sb.append("#EXT-X-VERSION:3\n");
        sb.append("#EXT-X-MEDIA-SEQUENCE:").append(segments.getFirst().seq()).append('\n');
        sb.append("#EXT-X-TARGETDURATION:").append(targetDuration(segments, minTargetMs)).append('\n');
        if (discontinuitySequence > 0) {
            sb.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuitySequence).append('\n');
        }
        Segment previous = null;
        for (Segment s : segments) {
            if (s.discontinuity()) {
                sb.append("#EXT-X-DISCONTINUITY\n");
            }
            if (s.encrypted() && (previous == null || !s.keyUri().equals(previous.keyUri())
                    || !s.ivHex().equals(previous.ivHex()))) {
                sb.append("#EXT-X-KEY:METHOD=AES-128,URI=\"").append(s.keyUri()).append("\",IV=0x")
                        .append(s.ivHex()).append('\n');
            }
            previous = s;
            sb.append("#EXTINF:").append(String.format(Locale.ROOT, "%.3f", s.durationMs() / 1000.0))
                    .append(", no desc\n");
            sb.append(s.uri().replace("[duration]", Long.toString(s.durationMs()))).append('\n');
        }
        return sb.toString();
    }

    /** Whole seconds, rounded up, of the longest segment or {@code minTargetMs}, whichever is more. */
    public static long targetDuration(List<Segment> segments, long minTargetMs) {
        long max = minTargetMs;
        for (Segment s : segments) {
            max = Math.max(max, s.durationMs());
        }
        return (max + 999) / 1000;
    }
}
