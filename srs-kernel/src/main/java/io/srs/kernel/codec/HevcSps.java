package io.srs.kernel.codec;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;

/**
 * The leading part of an H.265 sequence parameter set (H.265 7.3.2.2.1) up to the conformance
 * window: enough for the displayed picture size. Port of the size part of
 * {@code SrsFormat::hevc_demux_sps_rbsp}.
 *
 * <p>JCodec 0.2.5 has no H.265 parser, so this one reads the bits itself with
 * {@link BitReader}.
 *
 * <p>Thread-safe by immutability.
 *
 * @param profileIdc general_profile_idc (1 Main, 2 Main10, 3 Main Still Picture, 4 Rext)
 * @param levelIdc   general_level_idc (30 times the level: 93 is 3.1)
 * @param width      luma width after the conformance window
 * @param height     luma height after the conformance window
 */
public record HevcSps(int profileIdc, int levelIdc, int width, int height) {
    public static final int MAX_SIZE = 4096;

    /** Parses an SPS NAL unit including its two-byte NAL header (type 33), still escaped. */
    public static HevcSps parse(Bytes nal) {
        if (nal.length() < 3 || nal.length() > MAX_SIZE) {
            throw new SrsException(ErrorCode.HEVC_DECODE_ERROR, "hevc sps size " + nal.length());
        }
        int type = (nal.get(0) >> 1) & 0x3f;
        if (type != 33) {
            throw new SrsException(ErrorCode.HEVC_DECODE_ERROR, "not an hevc sps, nal type " + type);
        }
        byte[] rbsp = Rbsp.unescape(nal.array(), nal.offset() + 2, nal.length() - 2);
        BitReader r = new BitReader(rbsp, 0, rbsp.length, ErrorCode.HEVC_DECODE_ERROR);
        r.skipBits(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = r.readBits(3);
        if (maxSubLayersMinus1 > 6) {
            throw new SrsException(ErrorCode.HEVC_DECODE_ERROR, "sps_max_sub_layers_minus1=" + maxSubLayersMinus1);
        }
        r.readBit(); // sps_temporal_id_nesting_flag

        // profile_tier_level(1, sps_max_sub_layers_minus1), 7.3.3
        r.skipBits(3); // general_profile_space, general_tier_flag
        int profileIdc = r.readBits(5);
        r.skipBits(32 + 4 + 43 + 1); // compatibility flags, source flags, constraint flags, inbld
        int levelIdc = r.readBits(8);
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = r.readFlag();
            levelPresent[i] = r.readFlag();
        }
        if (maxSubLayersMinus1 > 0) {
            r.skipBits(2L * (8 - maxSubLayersMinus1));
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (profilePresent[i]) {
                r.skipBits(88);
            }
            if (levelPresent[i]) {
                r.skipBits(8);
            }
        }

        r.readUe(15, "sps_seq_parameter_set_id");
        int chromaFormatIdc = r.readUe(3, "chroma_format_idc");
        boolean separateColourPlane = chromaFormatIdc == 3 && r.readFlag();
        int width = r.readUe(1 << 16, "pic_width_in_luma_samples");
        int height = r.readUe(1 << 16, "pic_height_in_luma_samples");
        if (r.readFlag()) { // conformance_window_flag
            int chroma = separateColourPlane ? 0 : chromaFormatIdc;
            // Table 6-1: SubWidthC is 2 for 4:2:0 and 4:2:2, SubHeightC is 2 for 4:2:0 only.
            int subWidth = chroma == 1 || chroma == 2 ? 2 : 1;
            int subHeight = chroma == 1 ? 2 : 1;
            int left = r.readUe(1 << 16, "conf_win_left_offset");
            int right = r.readUe(1 << 16, "conf_win_right_offset");
            int top = r.readUe(1 << 16, "conf_win_top_offset");
            int bottom = r.readUe(1 << 16, "conf_win_bottom_offset");
            width -= subWidth * (left + right);
            height -= subHeight * (top + bottom);
        }
        if (width <= 0 || height <= 0) {
            throw new SrsException(ErrorCode.HEVC_DECODE_ERROR, "invalid hevc picture size " + width + "x" + height);
        }
        return new HevcSps(profileIdc, levelIdc, width, height);
    }

    /** Like {@code srs_hevc_profile2str}. */
    public static String profileName(int profileIdc) {
        return switch (profileIdc) {
            case 1 -> "Main";
            case 2 -> "Main10";
            case 3 -> "Main Still Picture";
            case 4 -> "Rext";
            default -> "Other";
        };
    }

    /** Like {@code srs_hevc_level2str}: general_level_idc is 30 times the level number. */
    public static String levelName(int levelIdc) {
        return switch (levelIdc) {
            case 30, 60, 90, 120, 150, 180 -> Integer.toString(levelIdc / 30);
            case 63, 93, 123, 153, 156, 183, 186 -> levelIdc / 30 + "." + (levelIdc % 30) / 3;
            default -> "Other";
        };
    }
}
