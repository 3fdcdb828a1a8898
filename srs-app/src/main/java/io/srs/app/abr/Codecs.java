package io.srs.app.abr;

import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.codec.AacConfig;
import io.srs.kernel.codec.AudioTag;
import io.srs.kernel.codec.AvcDecoderConfig;
import io.srs.kernel.codec.HevcDecoderConfig;
import io.srs.kernel.codec.VideoTag;

import java.util.Locale;

/**
 * The {@code CODECS} and {@code RESOLUTION} of a variant, read from its stream's sequence headers
 * (RFC 8216 §4.3.4.2, RFC 6381): H.264 {@code avc1.PPCCLL} from the SPS's profile_idc,
 * constraint flags and level_idc; H.265 {@code hvc1.…} from the configuration record's general
 * profile, compatibility flags, tier, level and constraint flags (ISO/IEC 14496-15 Annex E); AAC
 * {@code mp4a.40.<audio object type>}; MP3 {@code mp4a.40.34}.
 *
 * <p>Stateless; thread-safe.
 */
final class Codecs {
    private Codecs() {
    }

    /**
     * What a video sequence header says.
     *
     * @param codec RFC 6381 name, or null for a codec HLS players do not know here
     */
    record Video(String codec, int width, int height) {
    }

    /** The video of a FLV video sequence header payload; null when it cannot say. */
    static Video video(Bytes payload) {
        try {
            VideoTag tag = VideoTag.parse(payload);
            Bytes body = payload.slice(tag.dataOffset());
            return switch (tag.codec()) {
                case AVC -> {
                    AvcDecoderConfig c = AvcDecoderConfig.parse(body);
                    Bytes sps = c.sps().getFirst(); // NAL header, then profile_idc, flags, level_idc
                    yield new Video(String.format(Locale.ROOT, "avc1.%02x%02x%02x", sps.get(1), sps.get(2), sps.get(3)),
                            c.width(), c.height());
                }
                case HEVC -> {
                    HevcDecoderConfig c = HevcDecoderConfig.parse(body);
                    yield new Video(hvc1(body), c.width(), c.height());
                }
                default -> null;
            };
        } catch (SrsException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** ISO/IEC 14496-15 E.3 from an HEVCDecoderConfigurationRecord (configurationVersion first). */
    static String hvc1(Bytes record) {
        int b = record.get(1);
        int space = b >> 6;
        int tier = (b >> 5) & 1;
        int profile = b & 0x1f;
        long compat = ((long) record.get(2) << 24) | (record.get(3) << 16) | (record.get(4) << 8) | record.get(5);
        StringBuilder sb = new StringBuilder("hvc1.");
        if (space > 0) {
            sb.append((char) ('A' + space - 1));
        }
        sb.append(profile).append('.').append(Long.toHexString(Long.reverse(compat) >>> 32).toUpperCase(Locale.ROOT));
        sb.append('.').append(tier == 0 ? 'L' : 'H').append(record.get(12));
        int last = 11;
        while (last >= 6 && record.get(last) == 0) {
            last--;
        }
        for (int i = 6; i <= last; i++) {
            sb.append('.').append(Integer.toHexString(record.get(i)).toUpperCase(Locale.ROOT));
        }
        return sb.toString();
    }

    /** The RFC 6381 name of the audio of a FLV audio sequence header (or first MP3 frame); null if unknown. */
    static String audio(Bytes payload) {
        try {
            int format = AudioTag.soundFormatOf(payload);
            if (format == AudioTag.FORMAT_AAC && AudioTag.isSequenceHeader(payload)) {
                return "mp4a.40." + AacConfig.parse(payload.slice(2)).objectType();
            }
            return format == AudioTag.FORMAT_MP3 ? "mp4a.40.34" : null;
        } catch (SrsException | IndexOutOfBoundsException e) {
            return null;
        }
    }
}
