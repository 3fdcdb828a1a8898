package io.srs.kernel.codec;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.ByteReader;
import io.srs.core.bytes.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 8.3.3.1), the body of an H.265 sequence
 * header, legacy (CodecID 12) or Enhanced RTMP {@code hvc1} SequenceStart. Port of
 * {@code SrsFormat::hevc_demux_hvcc}. Parameter sets are shared slices of the payload.
 *
 * <p>Thread-safe by immutability.
 *
 * @param profileSpace   general_profile_space
 * @param tierFlag       general_tier_flag (0 Main tier, 1 High tier)
 * @param profileIdc     general_profile_idc
 * @param levelIdc       general_level_idc
 * @param chromaFormat   chroma_format_idc
 * @param naluLengthSize 1, 2 or 4
 * @param vps            video parameter sets (NAL type 32), NAL header included
 * @param sps            sequence parameter sets (type 33)
 * @param pps            picture parameter sets (type 34)
 * @param firstSps       the parsed first SPS
 */
public record HevcDecoderConfig(int profileSpace, int tierFlag, int profileIdc, int levelIdc, int chromaFormat,
                                int naluLengthSize, List<Bytes> vps, List<Bytes> sps, List<Bytes> pps,
                                HevcSps firstSps) {
    private static final int NAL_VPS = 32;
    private static final int NAL_SPS = 33;
    private static final int NAL_PPS = 34;

    public static HevcDecoderConfig parse(Bytes data) {
        ByteReader r = data.reader().errorCode(ErrorCode.HEVC_DECODE_ERROR);
        if (!r.require(23)) {
            throw new SrsException(ErrorCode.HEVC_DECODE_ERROR, "hvcC needs 23 bytes, got " + data.length());
        }
        r.readU8(); // configurationVersion
        int b = r.readU8();
        int profileSpace = b >> 6;
        int tier = (b >> 5) & 1;
        int profile = b & 0x1f;
        r.skip(4 + 6); // compatibility flags, constraint indicator flags
        int level = r.readU8();
        r.skip(2 + 1); // min_spatial_segmentation_idc, parallelismType
        int chroma = r.readU8() & 0x03;
        r.skip(2 + 2); // bit depths, avgFrameRate
        int lengthSize = (r.readU8() & 0x03) + 1;
        if (lengthSize == 3) {
            throw new SrsException(ErrorCode.HEVC_DECODE_ERROR, "lengthSizeMinusOne must not be 2");
        }
        int arrays = r.readU8();
        List<Bytes> vps = new ArrayList<>();
        List<Bytes> sps = new ArrayList<>();
        List<Bytes> pps = new ArrayList<>();
        for (int i = 0; i < arrays; i++) {
            int type = r.readU8() & 0x3f;
            int count = r.readU16();
            if (!r.require(count * 2)) {
                throw new SrsException(ErrorCode.HEVC_DECODE_ERROR, "hvcC nalu count " + count + " exceeds data");
            }
            for (int j = 0; j < count; j++) {
                int len = r.readU16();
                int at = r.position();
                r.skip(len);
                if (len == 0) {
                    continue;
                }
                Bytes nal = data.slice(at, len);
                switch (type) {
                    case NAL_VPS -> vps.add(nal);
                    case NAL_SPS -> sps.add(nal);
                    case NAL_PPS -> pps.add(nal);
                    default -> {
                        // SEI and others are not needed to decode or remux.
                    }
                }
            }
        }
        if (sps.isEmpty()) {
            throw new SrsException(ErrorCode.HEVC_DECODE_ERROR, "hvcC without sps");
        }
        return new HevcDecoderConfig(profileSpace, tier, profile, level, chroma, lengthSize,
                List.copyOf(vps), List.copyOf(sps), List.copyOf(pps), HevcSps.parse(sps.getFirst()));
    }

    public String profileName() {
        return HevcSps.profileName(profileIdc);
    }

    public String levelName() {
        return HevcSps.levelName(levelIdc);
    }

    public int width() {
        return firstSps.width();
    }

    public int height() {
        return firstSps.height();
    }
}
