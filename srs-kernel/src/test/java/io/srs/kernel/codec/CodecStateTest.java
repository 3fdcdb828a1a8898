package io.srs.kernel.codec;

import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.flv.FlvReader;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecStateTest {
    private static MediaMessage video(Bytes p) {
        return new MediaMessage(MessageType.VIDEO, 0, 1, p);
    }

    private static MediaMessage audio(Bytes p) {
        return new MediaMessage(MessageType.AUDIO, 0, 1, p);
    }

    @Test
    void summarisesGeneratedH264AacFile() {
        CodecState s = new CodecState();
        FlvReader r = new FlvReader(new ByteArrayInputStream(Vectors.resource("avc_aac.flv")));
        int videoHeaders = 0;
        int audioHeaders = 0;
        for (MediaMessage m; (m = r.next()) != null; ) {
            if (m.isVideo() && s.onVideo(m)) {
                videoHeaders++;
            } else if (m.isAudio() && s.onAudio(m)) {
                audioHeaders++;
            }
        }
        assertEquals(1, videoHeaders);
        assertEquals(1, audioHeaders);
        assertEquals(new VideoInfo("H264", "High", "3", 640, 360), s.videoInfo());
        assertEquals(new AudioInfo("AAC", 44100, 1, "LC"), s.audioInfo());
        assertEquals(VideoCodec.AVC, s.videoCodec());
        assertEquals(AudioTag.FORMAT_AAC, s.audioFormat());
        assertEquals(4, s.avc().naluLengthSize());
        assertEquals(Vectors.hex("avc_640x360_high_sh.hex"), s.videoSequenceHeader().payload());
    }

    @Test
    void firstMp3FrameCountsAsSequenceHeaderLikeSrs() {
        CodecState s = new CodecState();
        MediaMessage first = audio(Vectors.hex("mp3_44100_stereo_frame.hex"));
        assertTrue(s.onAudio(first));
        assertFalse(s.onAudio(audio(Vectors.hex("mp3_44100_stereo_frame.hex"))));
        assertSame(first, s.audioSequenceHeader());
        assertEquals(new AudioInfo("MP3", 44100, 2, "Other"), s.audioInfo());
        assertEquals(new Mp3Header(1, 3, 44100, 2), s.mp3());
    }

    @Test
    void hevcLegacyAndEnhancedSequenceHeaders() {
        Bytes hvcc = Vectors.hex("hevc_1280x720_hvcc.hex");
        CodecState s = new CodecState();
        assertTrue(s.onVideo(video(concat(Bytes.fromHex("90 68766331"), hvcc))));
        assertEquals(new VideoInfo("H265", "Main", "3.1", 1280, 720), s.videoInfo());
        assertEquals(VideoCodec.HEVC, s.videoCodec());

        CodecState legacy = new CodecState();
        assertTrue(legacy.onVideo(video(concat(Bytes.fromHex("1c 00 000000"), hvcc))));
        assertEquals(1280, legacy.hevc().width());
        assertNull(legacy.avc());
    }

    @Test
    void codecSwitchReplacesConfiguration() {
        CodecState s = new CodecState();
        s.onVideo(video(Vectors.hex("avc_640x360_high_sh.hex")));
        s.onVideo(video(concat(Bytes.fromHex("90 68766331"), Vectors.hex("hevc_1920x1080_hvcc.hex"))));
        assertNull(s.avc());
        assertEquals(1920, s.videoInfo().width());
        s.onVideo(video(Bytes.fromHex("90 61763031 81")));
        assertEquals(new VideoInfo("AV1", "Other", "Other", 0, 0), s.videoInfo());
        assertNull(s.hevc());
    }

    @Test
    void malformedSequenceHeaderThrowsAndKeepsPreviousState() {
        CodecState s = new CodecState();
        s.onVideo(video(Vectors.hex("avc_640x360_high_sh.hex")));
        VideoInfo before = s.videoInfo();
        assertThrows(SrsException.class, () -> s.onVideo(video(Bytes.fromHex("17 00 000000 01 64"))));
        assertSame(before, s.videoInfo());
        assertThrows(SrsException.class, () -> s.onAudio(audio(Bytes.fromHex("af 00 00"))));
        assertNull(s.audioInfo());
    }

    @Test
    void framesAreNotSequenceHeaders() {
        CodecState s = new CodecState();
        assertFalse(s.onVideo(video(Bytes.fromHex("17 01 000000 00000001 65"))));
        assertFalse(s.onVideo(video(Bytes.EMPTY)));
        assertFalse(s.onAudio(audio(Bytes.fromHex("af 01 21"))));
        assertFalse(s.onAudio(audio(Bytes.EMPTY)));
        assertNull(s.videoInfo());
        assertNull(s.videoSequenceHeader());
    }

    @Test
    void otherAudioFormatsAreSummarisedFromTheTagHeader() {
        CodecState s = new CodecState();
        assertFalse(s.onAudio(audio(Bytes.fromHex("b2 00"))));
        assertEquals(new AudioInfo("Speex", 5512, 1, "Other"), s.audioInfo());
        s.reset();
        assertNull(s.audioInfo());
        assertEquals(-1, s.audioFormat());
    }

    static Bytes concat(Bytes a, Bytes b) {
        byte[] out = new byte[a.length() + b.length()];
        a.copyTo(out, 0);
        b.copyTo(out, a.length());
        return Bytes.wrap(out);
    }
}
