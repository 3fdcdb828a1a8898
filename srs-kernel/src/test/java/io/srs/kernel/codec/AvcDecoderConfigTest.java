package io.srs.kernel.codec;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AvcDecoderConfigTest {
    @ParameterizedTest
    @CsvSource({
            // vector, profile idc, level idc, profile name, level name, width, height, nalu length size
            "avc_640x360_high_sh.hex, 100, 30, High, 3, 640, 360, 4",
            "avc_1920x1080_baseline_sh.hex, 66, 40, Baseline, 4, 1920, 1080, 4",
            "avc_320x240_baseline_sh.hex, 66, 30, Baseline, 3, 320, 240, 4",
    })
    void parsesFfmpegSequenceHeaders(String vector, int profile, int level, String profileName, String levelName,
                                     int width, int height, int lengthSize) {
        Bytes p = Vectors.hex(vector);
        AvcDecoderConfig c = AvcDecoderConfig.parse(p.slice(5));
        assertEquals(profile, c.profileIdc());
        assertEquals(level, c.levelIdc());
        assertEquals(profileName, c.profileName());
        assertEquals(levelName, c.levelName());
        assertEquals(width, c.width());
        assertEquals(height, c.height());
        assertEquals(lengthSize, c.naluLengthSize());
        assertEquals(1, c.sps().size());
        assertEquals(1, c.pps().size());
        assertEquals(0x67, c.sps().getFirst().get(0));
        assertEquals(0x68, c.pps().getFirst().get(0));
    }

    @Test
    void exactSpsAndPpsSlices() {
        AvcDecoderConfig c = AvcDecoderConfig.parse(Vectors.hex("avc_640x360_high_sh.hex").slice(5));
        assertEquals(Bytes.fromHex("6764001eacd940a02ff97011000003000100000300320f162d96"), c.sps().getFirst());
        assertEquals(Bytes.fromHex("68ef8fcb"), c.pps().getFirst());
        assertEquals(0x00, c.compatibility());
    }

    @Test
    void highFourFourFourPredictiveSpsGivesTheRealSize() {
        // FFmpeg 5.1 libx264 with yuv444p at 640x360: profile 244 carries chroma_format_idc
        // before the picture size (JCodec 0.2.5 misread this as 16x160).
        AvcSps sps = AvcSps.parse(Bytes.fromHex("67f4001e919b281405ff1380880000030008000003019078b16cb0"));
        assertEquals(244, sps.profileIdc());
        assertEquals(30, sps.levelIdc());
        assertEquals(640, sps.width());
        assertEquals(360, sps.height());
        assertEquals("High(444+Predictive)", AvcSps.profileName(sps.profileIdc()));
    }

    @Test
    void levelAndProfileNamesFollowSrs() {
        assertEquals("3.1", AvcSps.levelName(31));
        assertEquals("5.1", AvcSps.levelName(51));
        assertEquals("1", AvcSps.levelName(10));
        assertEquals("Other", AvcSps.levelName(52));
        assertEquals("Main", AvcSps.profileName(77));
        assertEquals("High(10)", AvcSps.profileName(110));
        assertEquals("Other", AvcSps.profileName(1));
    }

    @Test
    void rejectsLengthSizeThree() {
        Bytes p = Bytes.fromHex("0164001efe");
        SrsException e = assertThrows(SrsException.class, () -> AvcDecoderConfig.parse(p));
        assertEquals(ErrorCode.HLS_DECODE_ERROR, e.code());
    }

    @Test
    void rejectsMissingPps() {
        Bytes p = Bytes.fromHex("0164001effe1001a6764001eacd940a02ff97011000003000100000300320f162d9600");
        assertThrows(SrsException.class, () -> AvcDecoderConfig.parse(p));
    }

    @Test
    void rejectsLyingSpsLength() {
        Bytes p = Bytes.fromHex("0164001effe1ffff6764");
        assertThrows(SrsException.class, () -> AvcDecoderConfig.parse(p));
    }

    @Test
    void rejectsPocCycleCountJcodecWouldAllocate() {
        // Baseline SPS with pic_order_cnt_type 1 and num_ref_frames_in_pic_order_cnt_cycle = 2^20-1:
        // JCodec would allocate an int[] of that size and loop over it; the limit check stops it.
        // bits: sps_id 1, log2_max_frame_num 1, poc type '011', delta flag 1, se 1, se 1,
        // cycle count = 20 zeros, 1, 20 ones.
        String bits = "1" + "1" + "011" + "1" + "1" + "1" + "0".repeat(20) + "1" + "1".repeat(20) + "1".repeat(40);
        byte[] rbsp = new byte[3 + bits.length() / 8 + 1];
        rbsp[0] = 66;
        rbsp[2] = 30;
        for (int i = 0; i < bits.length(); i++) {
            if (bits.charAt(i) == '1') {
                rbsp[3 + i / 8] |= (byte) (0x80 >> (i % 8));
            }
        }
        byte[] nal = new byte[rbsp.length + 1];
        nal[0] = 0x67;
        System.arraycopy(rbsp, 0, nal, 1, rbsp.length);
        SrsException e = assertThrows(SrsException.class, () -> AvcSps.parse(Bytes.wrap(nal)));
        assertEquals(ErrorCode.STREAM_CASTER_AVC_SPS, e.code());
    }

    @Test
    void rejectsNonSpsNalUnit() {
        assertThrows(SrsException.class, () -> AvcSps.parse(Bytes.fromHex("68ef8fcbfdf8f800")));
    }

    @Test
    void unescapesEmulationPrevention() {
        byte[] in = Bytes.fromHex("0000030100000300000003").toArray();
        assertEquals(Bytes.fromHex("0000010000000000"), Bytes.wrap(Rbsp.unescape(in, 0, in.length)));
    }
}
