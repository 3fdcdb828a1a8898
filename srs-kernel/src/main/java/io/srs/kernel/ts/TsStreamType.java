package io.srs.kernel.ts;

/** PMT stream_type values we write (ISO/IEC 13818-1 Table 2-34 and later amendments). */
public final class TsStreamType {
    public static final int MPEG1_AUDIO = 0x03;
    public static final int MPEG2_AUDIO = 0x04;
    public static final int AAC_ADTS = 0x0f;
    public static final int H264 = 0x1b;
    public static final int HEVC = 0x24;

    private TsStreamType() {
    }
}
