package io.srs.kernel.codec;

/**
 * Video codecs an FLV/RTMP video tag can announce: by the legacy 4-bit CodecID (FLV spec
 * E.4.3.1; 12 for HEVC is the Chinese CDN convention SRS accepts) or by the Enhanced RTMP FourCC
 * (veovera/enhanced-rtmp v1).
 */
public enum VideoCodec {
    /** H.264, legacy id 7, FourCC {@code avc1}. */
    AVC("H264", 7, "avc1"),
    /** H.265, legacy id 12, FourCC {@code hvc1}. */
    HEVC("H265", 12, "hvc1"),
    /** AV1, FourCC {@code av01}; legacy id 13 as SRS numbers it. */
    AV1("AV1", 13, "av01"),
    /** VP9, FourCC {@code vp09}; no legacy id. */
    VP9("VP9", -1, "vp09"),
    /** Sorenson H.263, screen video, VP6 and anything unknown. */
    OTHER("Other", -1, "");

    private final String apiName;
    private final int legacyId;
    private final int fourCc;

    VideoCodec(String apiName, int legacyId, String fourCc) {
        this.apiName = apiName;
        this.legacyId = legacyId;
        int v = 0;
        for (int i = 0; i < fourCc.length(); i++) {
            v = (v << 8) | fourCc.charAt(i);
        }
        this.fourCc = v;
    }

    /** The codec name the HTTP API reports ("H264", "H265", "AV1"...). */
    public String apiName() {
        return apiName;
    }

    /** Legacy FLV CodecID, or -1. */
    public int legacyId() {
        return legacyId;
    }

    /** The FourCC as a big-endian int, or 0. */
    public int fourCc() {
        return fourCc;
    }

    public static VideoCodec ofLegacyId(int id) {
        return switch (id) {
            case 7 -> AVC;
            case 12 -> HEVC;
            case 13 -> AV1;
            default -> OTHER;
        };
    }

    public static VideoCodec ofFourCc(int fourCc) {
        for (VideoCodec c : values()) {
            if (c.fourCc == fourCc && c != OTHER) {
                return c;
            }
        }
        return OTHER;
    }
}
