package io.srs.app.abr;

import java.util.List;

/**
 * Renders a master playlist (RFC 8216 §4.3.4.2): one {@code #EXT-X-STREAM-INF} per variant, in
 * the given order (players start with the first).
 *
 * <p>Stateless; thread-safe.
 */
final class MasterPlaylist {
    private MasterPlaylist() {
    }

    /**
     * One variant stream.
     *
     * @param uri     its media playlist, relative to the master playlist
     * @param codecs  RFC 6381 names joined by {@code ,}, or null when one of them is unknown
     * @param width   0 when the variant has no video
     */
    record Variant(String uri, long bandwidth, long averageBandwidth, int width, int height, String codecs) {
    }

    static String render(List<Variant> variants) {
        StringBuilder sb = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n");
        for (Variant v : variants) {
            sb.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(v.bandwidth());
            if (v.averageBandwidth() > 0) {
                sb.append(",AVERAGE-BANDWIDTH=").append(v.averageBandwidth());
            }
            if (v.width() > 0 && v.height() > 0) {
                sb.append(",RESOLUTION=").append(v.width()).append('x').append(v.height());
            }
            if (v.codecs() != null) {
                sb.append(",CODECS=\"").append(v.codecs()).append('"');
            }
            sb.append('\n').append(v.uri()).append('\n');
        }
        return sb.toString();
    }
}
