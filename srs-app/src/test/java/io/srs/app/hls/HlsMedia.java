package io.srs.app.hls;

import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;

import java.util.ArrayList;
import java.util.List;

/** Small but decodable FLV-shaped messages: H.264 320x240 baseline and AAC-LC 44.1 kHz stereo. */
final class HlsMedia {
    /** A real AVCDecoderConfigurationRecord (FFmpeg libx264, 320x240 baseline). */
    static final String AVC_HEADER =
            "17000000000142c01effe100186742c01ed90141fb011000000300100000030320f162e48001000568cb83cb20";
    /** Same SPS with another PPS id byte: a "changed" header. */
    static final String AVC_HEADER_2 =
            "17000000000142c01effe100186742c01ed90141fb011000000300100000030320f162e48001000568cb83cb21";

    private HlsMedia() {
    }

    static MediaMessage videoHeader(long ts) {
        return new MediaMessage(MessageType.VIDEO, ts, 1, Bytes.fromHex(AVC_HEADER));
    }

    static MediaMessage videoHeader2(long ts) {
        return new MediaMessage(MessageType.VIDEO, ts, 1, Bytes.fromHex(AVC_HEADER_2));
    }

    static MediaMessage keyframe(long ts) {
        return new MediaMessage(MessageType.VIDEO, ts, 1, Bytes.fromHex("1701000000 00000005 6588841100"));
    }

    static MediaMessage interframe(long ts) {
        return new MediaMessage(MessageType.VIDEO, ts, 1, Bytes.fromHex("2701000000 00000004 419a2233"));
    }

    static MediaMessage audioHeader(long ts) {
        return new MediaMessage(MessageType.AUDIO, ts, 1, Bytes.fromHex("af001210"));
    }

    static MediaMessage audio(long ts) {
        return new MediaMessage(MessageType.AUDIO, ts, 1, Bytes.fromHex("af01 210049900d"));
    }

    /**
     * Headers, then {@code durationMs} of 25 fps video (keyframe every {@code gopMs}) interleaved
     * with AAC frames every 23 ms, all starting at {@code start}.
     */
    static List<MediaMessage> av(long start, long durationMs, long gopMs) {
        List<MediaMessage> out = new ArrayList<>();
        out.add(videoHeader(start));
        out.add(audioHeader(start));
        long v = 0;
        long a = 0;
        while (v < durationMs || a < durationMs) {
            if (v <= a && v < durationMs) {
                out.add(v % gopMs == 0 ? keyframe(start + v) : interframe(start + v));
                v += 40;
            } else {
                out.add(audio(start + a));
                a += 23;
            }
        }
        return out;
    }

    /** Audio header then AAC frames every 23 ms for {@code durationMs}. */
    static List<MediaMessage> audioOnly(long start, long durationMs) {
        List<MediaMessage> out = new ArrayList<>();
        out.add(audioHeader(start));
        for (long a = 0; a < durationMs; a += 23) {
            out.add(audio(start + a));
        }
        return out;
    }
}
