package io.srs.app.abr;

import io.srs.core.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CodecsTest {
    /** FFmpeg libx264, 320x240, Constrained Baseline (66, flags 0xc0), level 3.0. */
    static final String AVC_HEADER =
            "17000000000142c01effe100186742c01ed90141fb011000000300100000030320f162e48001000568cb83cb20";

    @Test
    void avc1FromTheSpsProfileFlagsAndLevel() {
        assertEquals(new Codecs.Video("avc1.42c01e", 320, 240), Codecs.video(Bytes.fromHex(AVC_HEADER)));
    }

    @Test
    void hvc1FromTheConfigurationRecord() {
        // Main profile, Main tier, level 3.1 (93), compatibility flags 1 and 2, progressive source.
        Bytes record = Bytes.fromHex("01 01 60000000 b00000000000 5d");
        assertEquals("hvc1.1.6.L93.B0", Codecs.hvc1(record));
        // Main 10 in the High tier with profile space 1 and two constraint bytes.
        assertEquals("hvc1.A2.4.H120.B0.1", Codecs.hvc1(Bytes.fromHex("01 62 20000000 b00100000000 78")));
    }

    @Test
    void audioObjectTypeFromTheAacConfigAndMp3() {
        assertEquals("mp4a.40.2", Codecs.audio(Bytes.fromHex("af001210")));
        assertEquals("mp4a.40.34", Codecs.audio(Bytes.fromHex("2fff fb90 64")));
        assertNull(Codecs.audio(Bytes.fromHex("b2 0000")), "Speex has no HLS codec name here");
    }

    @Test
    void garbageSaysNothing() {
        assertNull(Codecs.video(Bytes.fromHex("1700000000 01")));
        assertNull(Codecs.audio(Bytes.fromHex("af00")));
    }
}
