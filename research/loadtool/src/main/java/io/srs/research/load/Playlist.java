package io.srs.research.load;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an HLS playlist (RFC 8216) a live player needs: for a master playlist the first
 * variant's URI, for a media playlist the target duration, media sequence, segments and
 * whether it ended.
 *
 * @param variant        the first variant of a master playlist, or null for a media playlist
 * @param targetDuration seconds (EXT-X-TARGETDURATION)
 * @param mediaSequence  the sequence number of the first segment listed
 * @param segments       the segments in order
 */
record Playlist(URI variant, double targetDuration, long mediaSequence, List<Segment> segments, boolean ended) {

    /** One media segment: its absolute URI and EXTINF duration in seconds. */
    record Segment(URI uri, double duration) {
    }

    static Playlist parse(URI base, String text) {
        if (!text.startsWith("#EXTM3U")) {
            throw new IllegalArgumentException("not an m3u8 playlist");
        }
        double target = 0;
        long sequence = 0;
        boolean ended = false;
        boolean variantNext = false;
        double extinf = -1;
        List<Segment> segments = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                if (line.startsWith("#EXT-X-STREAM-INF")) {
                    variantNext = true;
                } else if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                    target = Double.parseDouble(line.substring(22).strip());
                } else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                    sequence = Long.parseLong(line.substring(22).strip());
                } else if (line.startsWith("#EXTINF:")) {
                    String v = line.substring(8);
                    int comma = v.indexOf(',');
                    extinf = Double.parseDouble((comma < 0 ? v : v.substring(0, comma)).strip());
                } else if (line.startsWith("#EXT-X-ENDLIST")) {
                    ended = true;
                }
                continue;
            }
            URI uri = base.resolve(line);
            if (variantNext) {
                return new Playlist(uri, 0, 0, List.of(), false);
            }
            segments.add(new Segment(uri, Math.max(0, extinf)));
            extinf = -1;
        }
        return new Playlist(null, target, sequence, List.copyOf(segments), ended);
    }
}
