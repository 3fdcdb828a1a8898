package io.srs.kernel.codec;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;

/**
 * The first MPEG audio frame header of an MP3 tag body (ISO/IEC 11172-3 2.4.1.3, with the
 * MPEG-2 and 2.5 rate extensions).
 *
 * <p>Thread-safe by immutability.
 *
 * @param version    1 for MPEG-1, 2 for MPEG-2, 25 for MPEG-2.5
 * @param layer      1, 2 or 3
 * @param sampleRate Hz
 * @param channels   1 for mono, else 2
 */
public record Mp3Header(int version, int layer, int sampleRate, int channels) {
    private static final int[] MPEG1_RATES = {44100, 48000, 32000};

    /** Parses the 4-byte header at the start of {@code frame}. */
    public static Mp3Header parse(Bytes frame) {
        if (frame.length() < 4) {
            throw new SrsException(ErrorCode.HLS_DECODE_ERROR, "mp3 frame needs 4 bytes, got " + frame.length());
        }
        int h = VideoTag.u32(frame, 0);
        if ((h >>> 21) != 0x7ff) {
            throw new SrsException(ErrorCode.HLS_DECODE_ERROR, "mp3 frame sync not found");
        }
        int versionBits = (h >> 19) & 0x03;
        int layerBits = (h >> 17) & 0x03;
        int rateIndex = (h >> 10) & 0x03;
        if (versionBits == 1 || layerBits == 0 || rateIndex == 3) {
            throw new SrsException(ErrorCode.HLS_DECODE_ERROR, "reserved mp3 header 0x" + Integer.toHexString(h));
        }
        int version = switch (versionBits) {
            case 3 -> 1;
            case 2 -> 2;
            default -> 25;
        };
        int rate = MPEG1_RATES[rateIndex] / (version == 1 ? 1 : version == 2 ? 2 : 4);
        int channels = ((h >> 6) & 0x03) == 3 ? 1 : 2;
        return new Mp3Header(version, 4 - layerBits, rate, channels);
    }
}
