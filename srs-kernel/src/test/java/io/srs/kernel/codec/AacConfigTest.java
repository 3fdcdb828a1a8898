package io.srs.kernel.codec;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AacConfigTest {
    @Test
    void parsesFfmpegLc44100Mono() {
        AacConfig c = AacConfig.parse(Vectors.hex("aac_44100_lc_sh.hex").slice(2));
        assertEquals(new AacConfig(2, 4, 44100, 1), c); // lavfi sine is mono
        assertEquals("LC", c.profileName());
    }

    @Test
    void parsesFfmpegLc48000Stereo() {
        AacConfig c = AacConfig.parse(Vectors.hex("aac_48000_lc_sh.hex").slice(2));
        assertEquals(48000, c.sampleRate());
        assertEquals(2, c.channels());
        assertEquals(3, c.sampleRateIndex());
    }

    @Test
    void parsesHeAndHeV2AndMain() {
        // 5 bits object type, 4 bits index, 4 bits channels.
        assertEquals("HE", AacConfig.parse(Bytes.fromHex("2b92")).profileName()); // 00101 0111 0010
        assertEquals("HEv2", AacConfig.parse(Bytes.fromHex("eb8a08")).profileName()); // 11101 0111 0001
        assertEquals("Main", AacConfig.parse(Bytes.fromHex("0a10")).profileName());
        assertEquals(22050, AacConfig.parse(Bytes.fromHex("2b92")).sampleRate());
    }

    @Test
    void writesAdtsHeaderLikeSrs() {
        AacConfig c = new AacConfig(2, 4, 44100, 2);
        byte[] h = new byte[7];
        c.writeAdtsHeader(h, 0, 100);
        // frame length 107 = 0x6b: profile LC(1), index 4, channels 2.
        assertEquals(Bytes.fromHex("fff950800d7ffc"), Bytes.wrap(h));
    }

    @Test
    void adtsRejectsOversizeFrames() {
        AacConfig c = new AacConfig(2, 4, 44100, 2);
        SrsException e = assertThrows(SrsException.class, () -> c.writeAdtsHeader(new byte[7], 0, 0x1fff));
        assertEquals(ErrorCode.HLS_AAC_FRAME_LENGTH, e.code());
    }

    @Test
    void rejectsBadConfigs() {
        assertThrows(SrsException.class, () -> AacConfig.parse(Bytes.fromHex("12")));
        assertThrows(SrsException.class, () -> AacConfig.parse(Bytes.fromHex("0010"))); // object 0
        assertThrows(SrsException.class, () -> AacConfig.parse(Bytes.fromHex("16c0"))); // index 13
    }
}
