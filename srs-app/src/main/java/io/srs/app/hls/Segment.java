package io.srs.app.hls;

import java.nio.file.Path;

/**
 * One closed HLS segment in the playlist window. Port of the kept part of {@code SrsHlsSegment}.
 *
 * <p>Immutable.
 *
 * @param seq           its media sequence number
 * @param durationMs    last minus first DTS it contains, in ms (SRS's definition)
 * @param discontinuity the playlist writes {@code #EXT-X-DISCONTINUITY} before it
 * @param file          where it is on disk
 * @param uri           its URI in the playlist ({@code hls_entry_prefix} + path relative to the
 *                      playlist; {@code [duration]} still unreplaced)
 * @param keyUri        with {@code hls_keys}: the URI of its AES-128 key, else null
 * @param ivHex         with {@code hls_keys}: its IV, 32 hex digits, else null
 */
public record Segment(long seq, long durationMs, boolean discontinuity, Path file, String uri, String keyUri,
        String ivHex) {

    /** An unencrypted segment. */
    public Segment(long seq, long durationMs, boolean discontinuity, Path file, String uri) {
        this(seq, durationMs, discontinuity, file, uri, null, null);
    }

    public boolean encrypted() {
        return keyUri != null;
    }
}
