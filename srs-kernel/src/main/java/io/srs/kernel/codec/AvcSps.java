package io.srs.kernel.codec;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;

import java.nio.ByteBuffer;

/**
 * What we need from an H.264 sequence parameter set (H.264 7.3.2.1.1): profile, level and the
 * displayed picture size after frame cropping. Port of {@code SrsFormat::avc_demux_sps}; the
 * SPS syntax itself is read by JCodec's {@link SeqParameterSet}.
 *
 * <p>JCodec sizes arrays from unchecked ue(v) values (offset_for_ref_frame, HRD cpb counts), so a
 * hostile SPS could make it allocate gigabytes. {@link AvcSpsLimits} walks the same syntax first
 * and rejects values outside the ranges H.264 allows; only then is JCodec called.
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
        AvcSpsLimits.check(rbsp);
        SeqParameterSet sps;
        try {
            sps = SeqParameterSet.read(ByteBuffer.wrap(rbsp));
        } catch (RuntimeException e) {
            // JCodec reports malformed input with assorted unchecked exceptions.
            throw new SrsException(ErrorCode.STREAM_CASTER_AVC_SPS, "jcodec: " + e, e);
        }
        return fromJcodec(sps);
    }

    private static AvcSps fromJcodec(SeqParameterSet sps) {
        int chromaFormatIdc = SeqParameterSet.fromColor(sps.chromaFormatIdc);
        int chromaArrayType = sps.separateColourPlaneFlag ? 0 : chromaFormatIdc;
        int frameMbsOnly = sps.frameMbsOnlyFlag ? 1 : 0;
        // H.264 (7-19..7-22): crop offsets are in chroma sample units, doubled for field coding.
        int cropUnitX = chromaArrayType == 0 ? 1 : (chromaArrayType == 3 ? 1 : 2);
        int cropUnitY = (chromaArrayType == 0 ? 1 : (chromaArrayType == 1 ? 2 : 1)) * (2 - frameMbsOnly);
        long width = (sps.picWidthInMbsMinus1 + 1L) * 16;
        long height = (2L - frameMbsOnly) * (sps.picHeightInMapUnitsMinus1 + 1L) * 16;
        if (sps.frameCroppingFlag) {
            width -= (long) cropUnitX * ((long) sps.frameCropLeftOffset + sps.frameCropRightOffset);
            height -= (long) cropUnitY * ((long) sps.frameCropTopOffset + sps.frameCropBottomOffset);
        }
        if (width <= 0 || height <= 0) {
            throw new SrsException(ErrorCode.STREAM_CASTER_AVC_SPS, "cropping exceeds picture " + width + "x" + height);
        }
        return new AvcSps(sps.profileIdc, sps.levelIdc, (int) width, (int) height);
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
