package io.srs.kernel.codec;

import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Mp3HeaderTest {
    @Test
    void parsesLameFrame() {
        Mp3Header h = Mp3Header.parse(Vectors.hex("mp3_44100_stereo_frame.hex").slice(1));
        assertEquals(new Mp3Header(1, 3, 44100, 2), h);
    }

    @Test
    void parsesMpeg2MonoAndMpeg25() {
        // MPEG-2 layer 3, rate index 1 (24000), mono.
        assertEquals(new Mp3Header(2, 3, 24000, 1), Mp3Header.parse(Bytes.fromHex("fff354c0")));
        // MPEG-2.5 layer 3, rate index 2 (8000), stereo.
        assertEquals(new Mp3Header(25, 3, 8000, 2), Mp3Header.parse(Bytes.fromHex("ffe31800")));
    }

    @Test
    void rejectsMissingSyncAndReservedValues() {
        assertThrows(SrsException.class, () -> Mp3Header.parse(Bytes.fromHex("00fb5064")));
        assertThrows(SrsException.class, () -> Mp3Header.parse(Bytes.fromHex("ffeb5064"))); // version 01
        assertThrows(SrsException.class, () -> Mp3Header.parse(Bytes.fromHex("fffb5c64"))); // rate 3
        assertThrows(SrsException.class, () -> Mp3Header.parse(Bytes.fromHex("fffb50")));
    }
}
