package io.srs.kernel.codec;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VideoTagTest {
    @Test
    void parsesLegacyAvcSequenceHeader() {
        Bytes p = Vectors.hex("avc_640x360_high_sh.hex");
        VideoTag t = VideoTag.parse(p);
        assertEquals(new VideoTag(false, 1, VideoCodec.AVC, VideoPacketType.SEQUENCE_START, 0, 5), t);
        assertTrue(t.isSequenceHeader());
        assertTrue(VideoTag.isSequenceHeader(p));
        assertTrue(VideoTag.isKeyframe(p));
        assertEquals(VideoCodec.AVC, VideoTag.codecOf(p));
    }

    @Test
    void parsesLegacyAvcInterFrameWithNegativeCompositionTime() {
        Bytes p = Bytes.fromHex("27 01 ff ff d8 00000001 09");
        VideoTag t = VideoTag.parse(p);
        assertEquals(2, t.frameType());
        assertEquals(VideoPacketType.CODED_FRAMES, t.packetType());
        assertEquals(-40, t.compositionTime());
        assertEquals(5, t.dataOffset());
        assertFalse(VideoTag.isKeyframe(p));
        assertFalse(VideoTag.isSequenceHeader(p));
        assertTrue(t.isCodedFrames());
    }

    @Test
    void keyframeNaluIsNotSequenceHeader() {
        Bytes p = Bytes.fromHex("17 01 000050 00000002 0910");
        assertTrue(VideoTag.isKeyframe(p));
        assertFalse(VideoTag.isSequenceHeader(p));
        assertEquals(80, VideoTag.parse(p).compositionTime());
    }

    @Test
    void parsesLegacyHevcCodecId12() {
        Bytes p = Bytes.fromHex("1c 00 000000 01");
        VideoTag t = VideoTag.parse(p);
        assertEquals(VideoCodec.HEVC, t.codec());
        assertTrue(t.isSequenceHeader());
        assertTrue(VideoTag.isSequenceHeader(p));
    }

    @Test
    void parsesEnhancedHevcSequenceStartAndCodedFrames() {
        // 0x90: IsExHeader, frame type 1 (key), packet type 0 (SequenceStart), FourCC hvc1.
        Bytes sh = Bytes.fromHex("90 68766331 01");
        VideoTag t = VideoTag.parse(sh);
        assertEquals(new VideoTag(true, 1, VideoCodec.HEVC, VideoPacketType.SEQUENCE_START, 0, 5), t);
        assertTrue(VideoTag.isSequenceHeader(sh));

        // 0x91: key, CodedFrames, with a 24-bit composition time of 0x000100.
        VideoTag f = VideoTag.parse(Bytes.fromHex("91 68766331 000100 00000001 26"));
        assertEquals(256, f.compositionTime());
        assertEquals(8, f.dataOffset());
        assertTrue(f.isKeyframe());
        assertFalse(f.isSequenceHeader());

        // 0xa3: inter, CodedFramesX: no composition time.
        VideoTag x = VideoTag.parse(Bytes.fromHex("a3 68766331 00000001 02"));
        assertEquals(VideoPacketType.CODED_FRAMES_X, x.packetType());
        assertEquals(0, x.compositionTime());
        assertEquals(5, x.dataOffset());
        assertEquals(2, x.frameType());
    }

    @Test
    void parsesEnhancedAv1AndVp9WithoutCompositionTime() {
        VideoTag av1 = VideoTag.parse(Bytes.fromHex("91 61763031 0a0b"));
        assertEquals(VideoCodec.AV1, av1.codec());
        assertEquals(5, av1.dataOffset());
        assertEquals(0, av1.compositionTime());
        assertTrue(VideoTag.isSequenceHeader(Bytes.fromHex("90 76703039 01")));
        assertEquals(VideoCodec.VP9, VideoTag.codecOf(Bytes.fromHex("90 76703039 01")));
        assertEquals("AV1", VideoCodec.AV1.apiName());
    }

    @Test
    void enhancedSequenceEndAndMetadata() {
        assertEquals(VideoPacketType.SEQUENCE_END, VideoTag.parse(Bytes.fromHex("92 68766331")).packetType());
        VideoTag meta = VideoTag.parse(Bytes.fromHex("d4 68766331 02"));
        assertEquals(VideoPacketType.METADATA, meta.packetType());
        assertEquals(5, meta.frameType());
    }

    @Test
    void commandFramesAreRecognisedAndNotParsedFurther() {
        VideoTag legacy = VideoTag.parse(Bytes.fromHex("57 00"));
        assertEquals(VideoTag.FRAME_COMMAND, legacy.frameType());
        assertEquals(VideoPacketType.UNKNOWN, legacy.packetType());
        VideoTag enhanced = VideoTag.parse(Bytes.fromHex("d1 00"));
        assertEquals(VideoCodec.OTHER, enhanced.codec());
        assertEquals(1, enhanced.dataOffset());
    }

    @Test
    void unknownFourCcIsNeverASequenceHeader() {
        Bytes p = Bytes.fromHex("90 78787878 00");
        assertEquals(VideoCodec.OTHER, VideoTag.parse(p).codec());
        assertFalse(VideoTag.parse(p).isSequenceHeader());
        assertFalse(VideoTag.isSequenceHeader(p));
    }

    @Test
    void legacyOtherCodecsAreNotParsed() {
        VideoTag vp6 = VideoTag.parse(Bytes.fromHex("14 00"));
        assertEquals(VideoCodec.OTHER, vp6.codec());
        assertFalse(VideoTag.isSequenceHeader(Bytes.fromHex("12 00 00 00 00")));
    }

    @Test
    void truncatedTagsThrow() {
        for (String hex : new String[]{"", "17", "1700", "17000000", "90", "9068766331".substring(0, 8), "91687663310001"}) {
            SrsException e = assertThrows(SrsException.class, () -> VideoTag.parse(Bytes.fromHex(hex)), hex);
            assertEquals(ErrorCode.FLV_INVALID_VIDEO_TAG, e.code());
        }
        assertFalse(VideoTag.isKeyframe(Bytes.EMPTY));
        assertFalse(VideoTag.isSequenceHeader(Bytes.fromHex("17")));
        assertEquals(VideoCodec.OTHER, VideoTag.codecOf(Bytes.EMPTY));
    }
}
