package io.srs.kernel.codec;

import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HevcDecoderConfigTest {
    @Test
    void parsesX265Record720p() {
        HevcDecoderConfig c = HevcDecoderConfig.parse(Vectors.hex("hevc_1280x720_hvcc.hex"));
        assertEquals(1, c.profileIdc());
        assertEquals("Main", c.profileName());
        assertEquals(93, c.levelIdc());
        assertEquals("3.1", c.levelName());
        assertEquals(0, c.tierFlag());
        assertEquals(1, c.chromaFormat());
        assertEquals(4, c.naluLengthSize());
        assertEquals(1280, c.width());
        assertEquals(720, c.height());
        assertEquals(1, c.vps().size());
        assertEquals(1, c.sps().size());
        assertEquals(1, c.pps().size());
        assertEquals(Bytes.fromHex("4401c172b46240"), c.pps().getFirst());
    }

    @Test
    void parsesX265Record1080p() {
        HevcDecoderConfig c = HevcDecoderConfig.parse(Vectors.hex("hevc_1920x1080_hvcc.hex"));
        assertEquals("4", c.levelName());
        assertEquals(1920, c.width());
        assertEquals(1080, c.height());
    }

    @Test
    void appliesConformanceWindow() {
        // Hand-built SPS: 1 sub layer, Main, level 4, 4:2:0, coded 1920x1088, bottom offset 4
        // chroma rows = 8 luma rows.
        String bits = "0000" + "000" + "1"
                + "00" + "0" + "00001" + "0".repeat(32 + 4 + 43 + 1) + "01111000"
                + "1" // sps_seq_parameter_set_id = 0
                + "010" // chroma_format_idc = 1
                + ue(1920) + ue(1088)
                + "1" + "1" + "1" + "1" + ue(4)
                + "1".repeat(8);
        byte[] nal = new byte[2 + (bits.length() + 7) / 8];
        nal[0] = 0x42;
        nal[1] = 0x01;
        for (int i = 0; i < bits.length(); i++) {
            if (bits.charAt(i) == '1') {
                nal[2 + i / 8] |= (byte) (0x80 >> (i % 8));
            }
        }
        HevcSps sps = HevcSps.parse(Bytes.wrap(nal));
        assertEquals(1920, sps.width());
        assertEquals(1080, sps.height());
        assertEquals(120, sps.levelIdc());
    }

    private static String ue(int v) {
        String b = Integer.toBinaryString(v + 1);
        return "0".repeat(b.length() - 1) + b;
    }

    @Test
    void rejectsTruncatedRecord() {
        Bytes full = Vectors.hex("hevc_1280x720_hvcc.hex");
        for (int n = 0; n < full.length(); n++) {
            int len = n;
            assertThrows(SrsException.class, () -> HevcDecoderConfig.parse(full.slice(0, len)), "length " + n);
        }
    }

    @Test
    void namesFollowSrs() {
        assertEquals("6.2", HevcSps.levelName(186));
        assertEquals("2.1", HevcSps.levelName(63));
        assertEquals("Other", HevcSps.levelName(7));
        assertEquals("Main10", HevcSps.profileName(2));
    }
}
