package io.srs.kernel.codec;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;

/**
 * What we need from an H.264 sequence parameter set (H.264 7.3.2.1.1): profile, level and the
 * displayed picture size after frame cropping. Port of {@code SrsFormat::avc_demux_sps}.
 *
 * <p>The syntax is read by our own bounded reader ({@link AvcSpsLimits}), not JCodec: JCodec
 * 0.2.5 reads chroma_format_idc only for profiles 100/110/122/144 and so misreads every later
 * field of a High 4:4:4 Predictive (244) or SVC/MVC SPS (FFmpeg's default for yuv444p gave
 * 16x160 for a 640x360 stream), and it sizes arrays from unchecked values.
 *
 * <p>Thread-safe by immutability.
 *
 * @param profileIdc profile_idc (66 Baseline, 77 Main, 100 High...)
 * @param levelIdc   level_idc (31 means level 3.1)
 * @param width      luma width in pixels after cropping
 * @param height     luma height in pixels after cropping
 */
public record AvcSps(int profileIdc, int levelIdc, int width, int height) {
    /** Largest SPS NAL unit we parse; real ones are well under 100 bytes. */
    public static final int MAX_SIZE = 4096;

    /**
     * Parses an SPS NAL unit including its one-byte NAL header (type 7), with emulation
     * prevention bytes still in place, as it appears in an AVCDecoderConfigurationRecord.
     */
    public static AvcSps parse(Bytes nal) {
        if (nal.length() < 4 || nal.length() > MAX_SIZE) {
            throw new SrsException(ErrorCode.STREAM_CASTER_AVC_SPS, "sps size " + nal.length());
        }
        int header = nal.get(0);
        if ((header & 0x80) != 0 || (header & 0x1f) != 7) {
            throw new SrsException(ErrorCode.STREAM_CASTER_AVC_SPS,
                    "not an sps nal unit, header=0x" + Integer.toHexString(header));
        }
        byte[] rbsp = Rbsp.unescape(nal.array(), nal.offset() + 1, nal.length() - 1);
        return fromGeometry(AvcSpsLimits.check(rbsp));
    }

    private static AvcSps fromGeometry(AvcSpsLimits.Geometry g) {
        int frameMbsOnly = g.frameMbsOnly() ? 1 : 0;
        int cat = g.chromaArrayType();
        // H.264 (7-19..7-22): crop offsets are in chroma sample units, doubled for field coding.
        int cropUnitX = cat == 0 ? 1 : (cat == 3 ? 1 : 2);
        int cropUnitY = (cat == 0 ? 1 : (cat == 1 ? 2 : 1)) * (2 - frameMbsOnly);
        long width = g.widthInMbs() * 16L;
        long height = (2L - frameMbsOnly) * g.heightInMapUnits() * 16L;
        if (g.cropping()) {
            width -= (long) cropUnitX * ((long) g.cropLeft() + g.cropRight());
            height -= (long) cropUnitY * ((long) g.cropTop() + g.cropBottom());
        }
        if (width <= 0 || height <= 0) {
            throw new SrsException(ErrorCode.STREAM_CASTER_AVC_SPS, "cropping exceeds picture " + width + "x" + height);
        }
        return new AvcSps(g.profileIdc(), g.levelIdc(), (int) width, (int) height);
    }

    /** Profile name as the HTTP API shows it, like {@code srs_avc_profile2str}. */
    public static String profileName(int profileIdc) {
        return switch (profileIdc) {
            case 66 -> "Baseline";
            case 77 -> "Main";
            case 88 -> "Extended";
            case 100 -> "High";
            case 110 -> "High(10)";
            case 122 -> "High(422)";
            case 144 -> "High(444)";
            case 244 -> "High(444+Predictive)";
            default -> "Other";
        };
    }

    /** Level name, like {@code srs_avc_level2str}: "3.1" for 31, "Other" outside the table. */
    public static String levelName(int levelIdc) {
        return switch (levelIdc) {
            case 10, 20, 30, 40, 50 -> Integer.toString(levelIdc / 10);
            case 11, 12, 13, 21, 22, 31, 32, 41, 51 -> levelIdc / 10 + "." + levelIdc % 10;
            default -> "Other";
        };
    }
}
