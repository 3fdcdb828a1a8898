package io.srs.app.hooks;

/**
 * A closed HLS segment as {@code on_hls} reports it (SRS's {@code SrsHttpHooks::on_hls}).
 * Immutable.
 *
 * @param durationSeconds the segment's duration
 * @param file            the segment's path as written, e.g. {@code ./objs/nginx/html/live/livestream-0.ts}
 * @param url             its URI as in the playlist, e.g. {@code livestream-0.ts} (made absolute against
 *                        the m3u8 url's directory unless it is already an http URL)
 * @param m3u8            the playlist's path, e.g. {@code ./objs/nginx/html/live/livestream.m3u8}
 * @param m3u8Url         the playlist's URL path, e.g. {@code live/livestream.m3u8}
 * @param seqNo           the segment's sequence number
 */
public record HlsSegment(double durationSeconds, String file, String url, String m3u8, String m3u8Url, long seqNo) {
}
