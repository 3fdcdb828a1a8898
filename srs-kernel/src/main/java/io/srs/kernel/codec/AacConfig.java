package io.srs.kernel.codec;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;

/**
 * AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1), the body of an AAC sequence header, and the
 * ADTS header derived from it for MPEG-TS. Port of
 * {@code SrsFormat::audio_aac_sequence_header_demux} and the ADTS part of
 * {@code SrsTsMessageCache::do_cache_aac}.
 *
 * <p>Thread-safe by immutability.
 *
 * @param objectType      audioObjectType: 1 Main, 2 LC, 3 SSR, 5 SBR (HE), 29 PS (HEv2)
 * @param sampleRateIndex samplingFrequencyIndex of the AAC core, 0..12, or 15 when explicit
 * @param sampleRate      core sampling rate in Hz
 * @param channels        channelConfiguration (0 = defined in-band, 1..7)
 */
public record AacConfig(int objectType, int sampleRateIndex, int sampleRate, int channels) {
    public static final int OBJECT_MAIN = 1;
    public static final int OBJECT_LC = 2;
    public static final int OBJECT_SSR = 3;
    public static final int OBJECT_HE = 5;
    public static final int OBJECT_HE_V2 = 29;

    /** Bytes of an ADTS header without CRC. */
    public static final int ADTS_HEADER_SIZE = 7;
    /** The ADTS frame_length field is 13 bits. */
    public static final int MAX_ADTS_FRAME = 0x1fff;

    private static final int[] RATES = {
            96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};

    public static AacConfig parse(Bytes data) {
        if (data.length() < 2) {
            throw new SrsException(ErrorCode.AAC_DATA_INVALID, "aac config needs 2 bytes, got " + data.length());
        }
        BitReader r = new BitReader(data.array(), data.offset(), data.length(), ErrorCode.AAC_DATA_INVALID);
        int object = r.readBits(5);
        if (object == 31) {
            object = 32 + r.readBits(6);
        }
        if (object == 0) {
            throw new SrsException(ErrorCode.AAC_DATA_INVALID, "aac object type 0 is reserved");
        }
        int index = r.readBits(4);
        int rate;
        if (index == 15) {
            rate = r.readBits(24);
        } else if (index < RATES.length) {
            rate = RATES[index];
        } else {
            throw new SrsException(ErrorCode.AAC_DATA_INVALID, "aac sampling frequency index " + index);
        }
        int channels = r.readBits(4);
        return new AacConfig(object, index, rate, channels);
    }

    /** Like {@code srs_aac_object2str}. */
    public String profileName() {
        return switch (objectType) {
            case OBJECT_MAIN -> "Main";
            case OBJECT_LC -> "LC";
            case OBJECT_SSR -> "SSR";
            case OBJECT_HE -> "HE";
            case OBJECT_HE_V2 -> "HEv2";
            default -> "Other";
        };
    }

    /**
     * ADTS profile (object type minus one, 2 bits). HE and HEv2 streams are signalled as LC, their
     * core layer, like SRS's {@code srs_aac_rtmp2ts}; players discover SBR/PS implicitly.
     */
    public int adtsProfile() {
        return switch (objectType) {
            case OBJECT_MAIN -> 0;
            case OBJECT_SSR -> 2;
            default -> 1;
        };
    }

    /**
     * Writes a 7-byte ADTS header (ISO/IEC 13818-7 6.2, no CRC, VBR fullness) for a
     * raw frame of {@code rawLength} bytes.
     */
    public void writeAdtsHeader(byte[] dst, int off, int rawLength) {
        int frameLength = rawLength + ADTS_HEADER_SIZE;
        if (rawLength <= 0 || frameLength > MAX_ADTS_FRAME) {
            throw new SrsException(ErrorCode.HLS_AAC_FRAME_LENGTH, "aac frame length " + rawLength);
        }
        if (sampleRateIndex > 12) {
            throw new SrsException(ErrorCode.AAC_DATA_INVALID, "explicit sample rate cannot be put in ADTS");
        }
        dst[off] = (byte) 0xff;
        dst[off + 1] = (byte) 0xf9; // ID 1 (MPEG-2) as SRS writes it, no CRC
        dst[off + 2] = (byte) ((adtsProfile() << 6) | (sampleRateIndex << 2) | ((channels >> 2) & 0x01));
        dst[off + 3] = (byte) (((channels & 0x03) << 6) | ((frameLength >> 11) & 0x03));
        dst[off + 4] = (byte) (frameLength >> 3);
        dst[off + 5] = (byte) (((frameLength & 0x07) << 5) | 0x1f);
        dst[off + 6] = (byte) 0xfc;
    }
}
