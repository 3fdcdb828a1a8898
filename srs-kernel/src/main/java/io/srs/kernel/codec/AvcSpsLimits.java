package io.srs.kernel.codec;

import io.srs.core.ErrorCode;

/**
 * Walks an H.264 SPS RBSP (7.3.2.1.1 and Annex E.1.1) only to check that every value JCodec
 * later uses as an array size or loop count is within the range the standard allows.
 *
 * <p>Stateless; thread-safe.
 */
final class AvcSpsLimits {
    private AvcSpsLimits() {
    }

    /** The fields of an SPS that decide the picture size (H.264 7.3.2.1.1). */
    record Geometry(int profileIdc, int levelIdc, int chromaArrayType, boolean frameMbsOnly, int widthInMbs,
                    int heightInMapUnits, boolean cropping, int cropLeft, int cropRight, int cropTop,
                    int cropBottom) {
    }

    static Geometry check(byte[] rbsp) {
        BitReader r = new BitReader(rbsp, 0, rbsp.length, ErrorCode.STREAM_CASTER_AVC_SPS);
        int profileIdc = r.readBits(8);
        r.skipBits(8); // constraint flags
        int levelIdc = r.readBits(8);
        r.readUe(31, "seq_parameter_set_id");
        int chromaArrayType = 1; // 4:2:0 unless the profile says otherwise
        if (hasChromaInfo(profileIdc)) {
            int chroma = r.readUe(3, "chroma_format_idc");
            chromaArrayType = chroma;
            if (chroma == 3 && r.readFlag()) {
                chromaArrayType = 0; // separate_colour_plane_flag
            }
            r.readUe(6, "bit_depth_luma_minus8");
            r.readUe(6, "bit_depth_chroma_minus8");
            r.readBit();
            if (r.readFlag()) {
                int lists = chroma != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++) {
                    if (r.readFlag()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.readUe(12, "log2_max_frame_num_minus4");
        int pocType = r.readUe(2, "pic_order_cnt_type");
        if (pocType == 0) {
            r.readUe(12, "log2_max_pic_order_cnt_lsb_minus4");
        } else if (pocType == 1) {
            r.readBit();
            r.readSe();
            r.readSe();
            int cycle = r.readUe(255, "num_ref_frames_in_pic_order_cnt_cycle");
            for (int i = 0; i < cycle; i++) {
                r.readSe();
            }
        }
        r.readUe(32, "max_num_ref_frames");
        r.readBit();
        // 16384 macroblocks is 262144 pixels, beyond any level's limit.
        int widthInMbs = r.readUe(16383, "pic_width_in_mbs_minus1") + 1;
        int heightInMapUnits = r.readUe(16383, "pic_height_in_map_units_minus1") + 1;
        boolean frameMbsOnly = r.readFlag();
        if (!frameMbsOnly) {
            r.readBit();
        }
        r.readBit();
        boolean cropping = r.readFlag();
        int[] crop = new int[4];
        if (cropping) {
            for (int i = 0; i < 4; i++) {
                crop[i] = r.readUe(1 << 20, "frame_crop_offset");
            }
        }
        if (r.readFlag()) {
            checkVui(r);
        }
        return new Geometry(profileIdc, levelIdc, chromaArrayType, frameMbsOnly, widthInMbs, heightInMapUnits,
                cropping, crop[0], crop[1], crop[2], crop[3]);
    }

    private static boolean hasChromaInfo(int profileIdc) {
        return switch (profileIdc) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
    }

    private static void skipScalingList(BitReader r, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size && next != 0; j++) {
            next = (last + r.readSe() + 256) % 256;
            last = next == 0 ? last : next;
        }
    }

    private static void checkVui(BitReader r) {
        if (r.readFlag() && r.readBits(8) == 255) { // aspect_ratio_idc Extended_SAR
            r.skipBits(32);
        }
        if (r.readFlag()) {
            r.readBit();
        }
        if (r.readFlag()) {
            r.skipBits(4);
            if (r.readFlag()) {
                r.skipBits(24);
            }
        }
        if (r.readFlag()) {
            r.readUe();
            r.readUe();
        }
        if (r.readFlag()) {
            r.skipBits(65);
        }
        boolean nalHrd = r.readFlag();
        if (nalHrd) {
            checkHrd(r);
        }
        boolean vclHrd = r.readFlag();
        if (vclHrd) {
            checkHrd(r);
        }
        // The rest (bitstream_restriction) sizes nothing.
    }

    private static void checkHrd(BitReader r) {
        int cpbCnt = r.readUe(31, "cpb_cnt_minus1") + 1;
        r.skipBits(8);
        for (int i = 0; i < cpbCnt; i++) {
            r.readUe();
            r.readUe();
            r.readBit();
        }
        r.skipBits(20);
    }
}
