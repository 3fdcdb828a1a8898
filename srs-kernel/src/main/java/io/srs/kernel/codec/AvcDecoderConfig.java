package io.srs.kernel.codec;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.ByteReader;
import io.srs.core.bytes.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1), the body of an H.264 sequence
 * header. Port of {@code SrsFormat::avc_demux_sps_pps}: like SRS, a NALU length size of 3 is
 * rejected and at least one SPS and one PPS are required. The SPS/PPS are shared slices of the
 * message payload, not copies.
 *
 * <p>Thread-safe by immutability.
 *
 * @param profileIdc     AVCProfileIndication
 * @param compatibility  profile_compatibility (the SPS constraint flags)
 * @param levelIdc       AVCLevelIndication
 * @param naluLengthSize 1, 2 or 4: bytes of the length prefix of each NALU in coded frames
 * @param sps            sequence parameter sets, NAL header included
 * @param pps            picture parameter sets, NAL header included
 * @param firstSps       the parsed first non-empty SPS
 */
public record AvcDecoderConfig(int profileIdc, int compatibility, int levelIdc, int naluLengthSize,
                               List<Bytes> sps, List<Bytes> pps, AvcSps firstSps) {

    /** Parses the record; {@code data} starts at configurationVersion. */
    public static AvcDecoderConfig parse(Bytes data) {
        ByteReader r = data.reader().errorCode(ErrorCode.HLS_DECODE_ERROR);
        if (!r.require(6)) {
            throw new SrsException(ErrorCode.HLS_DECODE_ERROR, "avc decoder config needs 6 bytes, got " + data.length());
        }
        r.readU8(); // configurationVersion, 1 in practice; SRS does not check it either
        int profile = r.readU8();
        int compatibility = r.readU8();
        int level = r.readU8();
        int lengthSize = (r.readU8() & 0x03) + 1;
        if (lengthSize == 3) {
            throw new SrsException(ErrorCode.HLS_DECODE_ERROR, "lengthSizeMinusOne must not be 2");
        }
        int numSps = r.readU8() & 0x1f;
        List<Bytes> sps = readParameterSets(r, numSps, data, "sps");
        int numPps = r.readU8();
        List<Bytes> pps = readParameterSets(r, numPps, data, "pps");
        if (sps.isEmpty() || pps.isEmpty()) {
            throw new SrsException(ErrorCode.HLS_DECODE_ERROR,
                    "avc decoder config without sps or pps: " + sps.size() + "/" + pps.size());
        }
        return new AvcDecoderConfig(profile, compatibility, level, lengthSize, sps, pps, AvcSps.parse(sps.getFirst()));
    }

    private static List<Bytes> readParameterSets(ByteReader r, int count, Bytes data, String what) {
        // Each entry costs at least 2 bytes, so a lying count cannot make us allocate much.
        if (!r.require(count * 2)) {
            throw new SrsException(ErrorCode.HLS_DECODE_ERROR, what + " count " + count + " exceeds data");
        }
        List<Bytes> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int len = r.readU16();
            int at = r.position();
            r.skip(len);
            if (len > 0) {
                out.add(data.slice(at, len));
            }
        }
        return List.copyOf(out);
    }

    public String profileName() {
        return AvcSps.profileName(profileIdc);
    }

    public String levelName() {
        return AvcSps.levelName(levelIdc);
    }

    public int width() {
        return firstSps.width();
    }

    public int height() {
        return firstSps.height();
    }
}
