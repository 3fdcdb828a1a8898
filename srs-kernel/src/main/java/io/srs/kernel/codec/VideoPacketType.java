package io.srs.kernel.codec;

/**
 * What a video tag carries. Legacy AVCPacketType 0/1/2 map onto the first three Enhanced RTMP
 * PacketType values, which share their numbers.
 */
public enum VideoPacketType {
    /** Decoder configuration record: AVC "sequence header", Enhanced "SequenceStart". */
    SEQUENCE_START(0),
    /** Frames with a 24-bit composition time: AVC "NALU", Enhanced "CodedFrames". */
    CODED_FRAMES(1),
    /** End of sequence. */
    SEQUENCE_END(2),
    /** Enhanced only: frames without composition time (it is zero). */
    CODED_FRAMES_X(3),
    /** Enhanced only: AMF metadata such as HDR colour info. */
    METADATA(4),
    /** Enhanced only: MPEG-2 TS descriptor based configuration. */
    MPEG2TS_SEQUENCE_START(5),
    /** Enhanced v2: multitrack wrapper (not parsed). */
    MULTITRACK(6),
    /** Enhanced v2: modifier extension (not parsed). */
    MOD_EX(7),
    /** Reserved or unknown values. */
    UNKNOWN(-1);

    private final int value;

    VideoPacketType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    private static final VideoPacketType[] BY_VALUE = {
            SEQUENCE_START, CODED_FRAMES, SEQUENCE_END, CODED_FRAMES_X, METADATA,
            MPEG2TS_SEQUENCE_START, MULTITRACK, MOD_EX};

    static VideoPacketType ofEnhanced(int v) {
        return v >= 0 && v < BY_VALUE.length ? BY_VALUE[v] : UNKNOWN;
    }

    static VideoPacketType ofLegacy(int v) {
        return v >= 0 && v <= 2 ? BY_VALUE[v] : UNKNOWN;
    }
}
