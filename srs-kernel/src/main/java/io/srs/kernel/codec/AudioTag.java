package io.srs.kernel.codec;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;

/**
 * The header of an FLV/RTMP audio tag body (FLV spec E.4.2.1). Port of the header part of
 * {@code SrsFormat::audio_aac_demux} and of {@code SrsFlvAudio} (srs_kernel_codec.cpp).
 *
 * <p>Thread-safe by immutability; the static helpers never allocate.
 *
 * @param soundFormat   4-bit SoundFormat: {@link #FORMAT_MP3}, {@link #FORMAT_AAC}, ...
 * @param soundRate     2-bit rate index: 0 = 5.5 kHz, 1 = 11 kHz, 2 = 22 kHz, 3 = 44 kHz
 * @param soundSize     sample size in bits, 8 or 16
 * @param channels      1 (mono) or 2 (stereo), from SoundType
 * @param aacPacketType 0 = AudioSpecificConfig, 1 = raw frame; -1 when not AAC
 * @param dataOffset    where the codec data starts (2 for AAC, 1 otherwise)
 */
public record AudioTag(int soundFormat, int soundRate, int soundSize, int channels,
                       int aacPacketType, int dataOffset) {
    public static final int FORMAT_LINEAR_PCM = 0;
    public static final int FORMAT_ADPCM = 1;
    public static final int FORMAT_MP3 = 2;
    public static final int FORMAT_LINEAR_PCM_LE = 3;
    public static final int FORMAT_NELLYMOSER_16K = 4;
    public static final int FORMAT_NELLYMOSER_8K = 5;
    public static final int FORMAT_NELLYMOSER = 6;
    public static final int FORMAT_G711_ALAW = 7;
    public static final int FORMAT_G711_MULAW = 8;
    public static final int FORMAT_AAC = 10;
    public static final int FORMAT_SPEEX = 11;
    /** SRS's private id for Opus over RTMP. */
    public static final int FORMAT_OPUS = 13;
    public static final int FORMAT_MP3_8K = 14;

    public static final int AAC_SEQUENCE_HEADER = 0;
    public static final int AAC_RAW = 1;

    /** FLV SoundRate index to Hz, like SRS's {@code srs_flv_srates}. */
    private static final int[] FLV_RATES = {5512, 11025, 22050, 44100};

    public static AudioTag parse(Bytes payload) {
        int n = payload.length();
        if (n < 1) {
            throw new SrsException(ErrorCode.HLS_DECODE_ERROR, "empty audio tag");
        }
        int b0 = payload.get(0);
        int format = (b0 >> 4) & 0x0f;
        int rate = (b0 >> 2) & 0x03;
        int size = (b0 & 0x02) != 0 ? 16 : 8;
        int channels = (b0 & 0x01) + 1;
        if (format != FORMAT_AAC) {
            return new AudioTag(format, rate, size, channels, -1, 1);
        }
        if (n < 2) {
            throw new SrsException(ErrorCode.HLS_DECODE_ERROR, "aac tag needs 2 bytes");
        }
        return new AudioTag(format, rate, size, channels, payload.get(1), 2);
    }

    public boolean isAac() {
        return soundFormat == FORMAT_AAC;
    }

    public boolean isSequenceHeader() {
        return soundFormat == FORMAT_AAC && aacPacketType == AAC_SEQUENCE_HEADER;
    }

    /** The FLV header's nominal rate in Hz (44100 for index 3, whatever the real rate). */
    public int flvSampleRate() {
        return FLV_RATES[soundRate];
    }

    /** AAC with packet type 0, like {@code SrsFlvAudio::sh}. */
    public static boolean isSequenceHeader(Bytes payload) {
        return payload.length() >= 2 && ((payload.get(0) >> 4) & 0x0f) == FORMAT_AAC
                && payload.get(1) == AAC_SEQUENCE_HEADER;
    }

    /** The SoundFormat, or -1 for an empty body. */
    public static int soundFormatOf(Bytes payload) {
        return payload.length() >= 1 ? (payload.get(0) >> 4) & 0x0f : -1;
    }

    /** Name used by the HTTP API and logs, like {@code srs_audio_codec_id2str}. */
    public static String formatName(int soundFormat) {
        return switch (soundFormat) {
            case FORMAT_AAC -> "AAC";
            case FORMAT_MP3 -> "MP3";
            case FORMAT_OPUS -> "Opus";
            case FORMAT_SPEEX -> "Speex";
            case FORMAT_LINEAR_PCM, FORMAT_LINEAR_PCM_LE -> "PCM";
            case FORMAT_ADPCM -> "ADPCM";
            case FORMAT_NELLYMOSER, FORMAT_NELLYMOSER_8K, FORMAT_NELLYMOSER_16K -> "Nellymoser";
            case FORMAT_G711_ALAW -> "G711A";
            case FORMAT_G711_MULAW -> "G711U";
            default -> "Other";
        };
    }
}
