package io.srs.kernel.codec;

import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioTagTest {
    @Test
    void parsesAacSequenceHeader() {
        Bytes p = Vectors.hex("aac_44100_lc_sh.hex");
        AudioTag t = AudioTag.parse(p);
        assertEquals(new AudioTag(AudioTag.FORMAT_AAC, 3, 16, 2, 0, 2), t);
        assertTrue(t.isSequenceHeader());
        assertTrue(AudioTag.isSequenceHeader(p));
        assertEquals(44100, t.flvSampleRate());
    }

    @Test
    void parsesAacRawFrame() {
        Bytes p = Bytes.fromHex("af 01 de02");
        assertFalse(AudioTag.isSequenceHeader(p));
        assertEquals(AudioTag.AAC_RAW, AudioTag.parse(p).aacPacketType());
    }

    @Test
    void parsesMp3AndOtherFormats() {
        Bytes mp3 = Vectors.hex("mp3_44100_stereo_frame.hex");
        AudioTag t = AudioTag.parse(mp3);
        assertEquals(AudioTag.FORMAT_MP3, t.soundFormat());
        assertEquals(-1, t.aacPacketType());
        assertEquals(1, t.dataOffset());
        assertEquals(2, t.channels());
        assertFalse(AudioTag.isSequenceHeader(mp3));
        // Speex: 11, 16 kHz is announced as rate index 1 (11 kHz), mono 16-bit.
        AudioTag speex = AudioTag.parse(Bytes.fromHex("b6"));
        assertEquals(AudioTag.FORMAT_SPEEX, speex.soundFormat());
        assertEquals(1, speex.channels());
        assertEquals(16, speex.soundSize());
        assertEquals("Speex", AudioTag.formatName(speex.soundFormat()));
        assertEquals("MP3", AudioTag.formatName(AudioTag.FORMAT_MP3));
    }

    @Test
    void truncatedTagsThrow() {
        assertThrows(SrsException.class, () -> AudioTag.parse(Bytes.EMPTY));
        assertThrows(SrsException.class, () -> AudioTag.parse(Bytes.fromHex("af")));
        assertFalse(AudioTag.isSequenceHeader(Bytes.fromHex("af")));
        assertEquals(-1, AudioTag.soundFormatOf(Bytes.EMPTY));
    }
}
