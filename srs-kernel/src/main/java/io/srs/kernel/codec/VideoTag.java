package io.srs.kernel.codec;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;

/**
 * The header of an FLV/RTMP video tag body, legacy (FLV spec E.4.3.1) or Enhanced RTMP
 * (IsExHeader bit set, FourCC instead of CodecID). Port of the header part of
 * {@code SrsFormat::video_avc_demux} and of the {@code SrsFlvVideo} helpers
 * (srs_kernel_codec.cpp).
 *
 * <p>The static {@code is...} helpers read one or a few bytes and never allocate; they are
 * what the publisher's per-message path should call. {@link #parse} builds a record.
 *
 * <p>Thread-safe by immutability.
 *
 * @param enhanced        whether the Enhanced RTMP IsExHeader bit was set
 * @param frameType       1 key, 2 inter, 3 disposable inter, 4 generated key, 5 info/command
 * @param codec           the announced codec; {@link VideoCodec#OTHER} for command frames
 * @param packetType      what the body carries; {@link VideoPacketType#UNKNOWN} for codecs
 *                        we do not parse (legacy H.263, VP6...) and command frames
 * @param compositionTime signed 24-bit PTS-DTS offset in milliseconds, 0 when absent
 * @param dataOffset      where the codec data (configuration record or NALUs) starts
 */
public record VideoTag(boolean enhanced, int frameType, VideoCodec codec, VideoPacketType packetType,
                       int compositionTime, int dataOffset) {
    public static final int FRAME_KEY = 1;
    public static final int FRAME_INTER = 2;
    public static final int FRAME_DISPOSABLE = 3;
    public static final int FRAME_GENERATED_KEY = 4;
    public static final int FRAME_COMMAND = 5;

    private static final int EX_HEADER = 0x80;

    /** Parses the tag header; throws {@link ErrorCode#FLV_INVALID_VIDEO_TAG} when it is cut short. */
    public static VideoTag parse(Bytes payload) {
        int n = payload.length();
        if (n < 1) {
            throw invalid("empty video tag");
        }
        int b0 = payload.get(0);
        if ((b0 & EX_HEADER) == 0) {
            int frameType = (b0 >> 4) & 0x0f;
            VideoCodec codec = VideoCodec.ofLegacyId(b0 & 0x0f);
            if (frameType == FRAME_COMMAND || (codec != VideoCodec.AVC && codec != VideoCodec.HEVC)) {
                return new VideoTag(false, frameType, codec, VideoPacketType.UNKNOWN, 0, 1);
            }
            if (n < 5) {
                throw invalid("legacy video tag needs 5 bytes, got " + n);
            }
            VideoPacketType type = VideoPacketType.ofLegacy(payload.get(1));
            return new VideoTag(false, frameType, codec, type, s24(payload, 2), 5);
        }
        int frameType = (b0 >> 4) & 0x07;
        VideoPacketType type = VideoPacketType.ofEnhanced(b0 & 0x0f);
        if (frameType == FRAME_COMMAND && type != VideoPacketType.METADATA) {
            // A command frame carries one command byte and no FourCC.
            return new VideoTag(true, frameType, VideoCodec.OTHER, VideoPacketType.UNKNOWN, 0, 1);
        }
        if (n < 5) {
            throw invalid("enhanced video tag needs 5 bytes, got " + n);
        }
        VideoCodec codec = VideoCodec.ofFourCc(u32(payload, 1));
        // Only AVC and HEVC CodedFrames carry a composition time; AV1 and VP9 have no B-frames.
        if (type == VideoPacketType.CODED_FRAMES && (codec == VideoCodec.AVC || codec == VideoCodec.HEVC)) {
            if (n < 8) {
                throw invalid("enhanced coded frames need 8 bytes, got " + n);
            }
            return new VideoTag(true, frameType, codec, type, s24(payload, 5), 8);
        }
        return new VideoTag(true, frameType, codec, type, 0, 5);
    }

    public boolean isKeyframe() {
        return frameType == FRAME_KEY;
    }

    /** A decoder configuration in a key frame of a codec we know, as SRS requires. */
    public boolean isSequenceHeader() {
        return frameType == FRAME_KEY && packetType == VideoPacketType.SEQUENCE_START
                && codec != VideoCodec.OTHER;
    }

    /** Whether the body holds coded pictures (with or without composition time). */
    public boolean isCodedFrames() {
        return packetType == VideoPacketType.CODED_FRAMES || packetType == VideoPacketType.CODED_FRAMES_X;
    }

    /** Frame type 1, like {@code SrsFlvVideo::keyframe}; allocation-free. */
    public static boolean isKeyframe(Bytes payload) {
        return payload.length() >= 1 && ((payload.get(0) >> 4) & 0x07) == FRAME_KEY;
    }

    /** Same answer as {@code parse(payload).isSequenceHeader()} without parsing or allocating. */
    public static boolean isSequenceHeader(Bytes payload) {
        int n = payload.length();
        if (n < 2) {
            return false;
        }
        int b0 = payload.get(0);
        if ((b0 & EX_HEADER) == 0) {
            int id = b0 & 0x0f;
            return ((b0 >> 4) & 0x0f) == FRAME_KEY && (id == 7 || id == 12) && n >= 5 && payload.get(1) == 0;
        }
        return ((b0 >> 4) & 0x07) == FRAME_KEY && (b0 & 0x0f) == 0 && n >= 5
                && VideoCodec.ofFourCc(u32(payload, 1)) != VideoCodec.OTHER;
    }

    /** The announced codec without allocating; {@link VideoCodec#OTHER} when unknown or too short. */
    public static VideoCodec codecOf(Bytes payload) {
        int n = payload.length();
        if (n < 1) {
            return VideoCodec.OTHER;
        }
        int b0 = payload.get(0);
        if ((b0 & EX_HEADER) == 0) {
            return VideoCodec.ofLegacyId(b0 & 0x0f);
        }
        return n >= 5 ? VideoCodec.ofFourCc(u32(payload, 1)) : VideoCodec.OTHER;
    }

    static int u32(Bytes b, int at) {
        return (b.get(at) << 24) | (b.get(at + 1) << 16) | (b.get(at + 2) << 8) | b.get(at + 3);
    }

    private static int s24(Bytes b, int at) {
        int v = (b.get(at) << 16) | (b.get(at + 1) << 8) | b.get(at + 2);
        return (v << 8) >> 8;
    }

    private static SrsException invalid(String msg) {
        return new SrsException(ErrorCode.FLV_INVALID_VIDEO_TAG, msg);
    }
}
