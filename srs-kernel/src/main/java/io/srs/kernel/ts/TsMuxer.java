package io.srs.kernel.ts;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.codec.AacConfig;
import io.srs.kernel.codec.AudioTag;
import io.srs.kernel.codec.AvcDecoderConfig;
import io.srs.kernel.codec.CodecState;
import io.srs.kernel.codec.HevcDecoderConfig;
import io.srs.kernel.codec.Mp3Header;
import io.srs.kernel.codec.VideoCodec;
import io.srs.kernel.codec.VideoTag;
import io.srs.kernel.media.MediaMessage;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Muxes RTMP/FLV audio and video messages into MPEG-TS for HLS. Port of the behaviour of
 * {@code SrsTsContext}, {@code SrsTsMessageCache} and {@code SrsHlsController}'s audio
 * aggregation (srs_kernel_ts.cpp, srs_app_hls.cpp): PIDs 0x100 video, 0x101 AAC / 0x102 MP3,
 * PMT PID 0x1001, program 1; H.264/H.265 converted from length-prefixed NALUs to Annex-B with an
 * access unit delimiter per frame and the parameter sets from the sequence header before every
 * IDR/IRAP picture; AAC raw frames wrapped in ADTS; MP3 frames as they are.
 *
 * <p>Sequence headers are tracked internally (they produce no output). PAT and PMT are written
 * at the start of each segment and again whenever the set of streams changes. One PES per video
 * frame; with video, one PES per audio message; audio-only streams aggregate audio into PES
 * packets of about 720 ms like SRS, so call {@link #flush()} before closing a segment that
 * should contain them. PCR is carried on the first packet of every PES of the PCR PID (video,
 * or audio for audio-only streams).
 *
 * <p>Timestamps: DTS = message timestamp x 90, PTS = DTS + composition time x 90, modulo 2^33.
 *
 * <p>Not thread-safe: one owner thread (the HLS writer). After warm-up it allocates nothing per
 * packet: the elementary stream is assembled in one reused growable array and packets in
 * another.
 */
public final class TsMuxer {
    public static final int PACKET_SIZE = TsPacketizer.PACKET_SIZE;
    public static final int VIDEO_PID = 0x100;
    public static final int AAC_PID = 0x101;
    public static final int MP3_PID = 0x102;
    public static final int PMT_PID = 0x1001;
    public static final int PROGRAM_NUMBER = 1;
    public static final int VIDEO_STREAM_ID = 0xe0;
    public static final int AUDIO_STREAM_ID = 0xc0;

    /** Audio-only streams collect this much audio (90 kHz) per PES, SRS_CONSTS_HLS_PURE_AUDIO_AGGREGATE. */
    static final long PURE_AUDIO_AGGREGATE = 720 * 90;
    /** Largest elementary stream frame we accept: far above any real frame, bounds our buffer. */
    public static final int MAX_FRAME_SIZE = 16 * 1024 * 1024;

    private static final int HEADROOM = TsPacketizer.PES_HEADROOM;
    private static final byte[] START_CODE_4 = {0, 0, 0, 1};
    private static final byte[] START_CODE_3 = {0, 0, 1};
    private static final byte[] AVC_AUD = {0x09, (byte) 0xf0};
    /** H.265 AUD (type 35), pic_type 2 (any slice type) plus the stop bit. */
    private static final byte[] HEVC_AUD = {0x46, 0x01, 0x50};

    private final TsPacketizer packets;
    private final CodecState codecs = new CodecState();
    private final int[] pmtStreams = new int[4];
    private byte[] es = new byte[64 * 1024];
    private int esLen;
    private byte[] audio = new byte[16 * 1024];
    private int audioLen;
    private long audioPts = -1;
    private boolean pmtWritten;
    private int pmtVideoType;
    private int pmtAudioType;

    public TsMuxer(OutputStream sink) {
        this.packets = new TsPacketizer(sink);
    }

    /**
     * Starts a new segment on {@code sink}: PAT/PMT come first again; continuity counters carry
     * on, as SRS keeps them across segments. Pending aggregated audio is not flushed: it goes to
     * the new segment unless {@link #flush()} was called before.
     */
    public void newSegment(OutputStream sink) {
        packets.sink(sink);
        pmtWritten = false;
    }

    /** Writes a video message: a sequence header is remembered, coded frames are muxed, others ignored. */
    public void writeVideo(MediaMessage msg) {
        Bytes p = msg.payload();
        if (VideoTag.isSequenceHeader(p)) {
            codecs.onVideo(msg);
            return;
        }
        if (p.isEmpty()) {
            return;
        }
        VideoTag tag = VideoTag.parse(p);
        if (!tag.isCodedFrames()) {
            return;
        }
        boolean hevc = tag.codec() == VideoCodec.HEVC;
        AvcDecoderConfig avc = codecs.avc();
        HevcDecoderConfig hvc = codecs.hevc();
        if (hevc ? hvc == null : tag.codec() != VideoCodec.AVC || avc == null) {
            return; // no configuration yet (or a codec TS cannot carry): nothing decodable to write
        }
        int lengthSize = hevc ? hvc.naluLengthSize() : avc.naluLengthSize();
        int dataOff = p.offset() + tag.dataOffset();
        int dataEnd = p.offset() + p.length();
        int flags = scanNalus(p.array(), dataOff, dataEnd, lengthSize, hevc);

        esLen = HEADROOM;
        ensureEs((long) HEADROOM + 64 + (dataEnd - dataOff));
        boolean first = true;
        if ((flags & HAS_AUD) == 0) {
            appendEs(START_CODE_4);
            appendEs(hevc ? HEVC_AUD : AVC_AUD);
            first = false;
        }
        boolean paramsDone = (flags & HAS_PARAMS) != 0;
        for (int at = dataOff; at < dataEnd; ) {
            int len = naluLength(p.array(), at, lengthSize);
            at += lengthSize;
            int type = hevc ? (p.array()[at] >> 1) & 0x3f : p.array()[at] & 0x1f;
            boolean random = hevc ? type >= 16 && type <= 23 : type == 5;
            if (random && !paramsDone) {
                if (hevc) {
                    first = appendAll(hvc.vps(), first);
                    first = appendAll(hvc.sps(), first);
                    first = appendAll(hvc.pps(), first);
                } else {
                    first = appendAll(avc.sps(), first);
                    first = appendAll(avc.pps(), first);
                }
                paramsDone = true;
            }
            ensureEs((long) esLen + 4 + len);
            appendEs(first ? START_CODE_4 : START_CODE_3);
            first = false;
            System.arraycopy(p.array(), at, es, esLen, len);
            esLen += len;
            at += len;
        }
        ensurePmt();
        long dts = msg.timestamp() * 90;
        long pts = dts + tag.compositionTime() * 90L;
        packets.writePes(VIDEO_PID, VIDEO_STREAM_ID, es, HEADROOM, esLen - HEADROOM, pts, dts,
                dts, tag.isKeyframe());
    }

    private static final int HAS_AUD = 1;
    private static final int HAS_PARAMS = 2;

    /** Validates the length-prefixed NALUs of a frame before anything is written. */
    private static int scanNalus(byte[] b, int at, int end, int lengthSize, boolean hevc) {
        int flags = 0;
        int total = 0;
        while (at < end) {
            if (end - at < lengthSize) {
                throw new SrsException(ErrorCode.HLS_AVC_SAMPLE_SIZE, "nalu length cut short");
            }
            int len = naluLength(b, at, lengthSize);
            at += lengthSize;
            if (len <= 0 || len > end - at) {
                throw new SrsException(ErrorCode.HLS_AVC_SAMPLE_SIZE, "invalid nalu length " + len);
            }
            int type = hevc ? (b[at] >> 1) & 0x3f : b[at] & 0x1f;
            if (hevc ? type == 35 : type == 9) {
                flags |= total == 0 ? HAS_AUD : 0;
            } else if (hevc ? type == 33 : type == 7) {
                flags |= HAS_PARAMS;
            }
            at += len;
            total++;
        }
        return flags;
    }

    private static int naluLength(byte[] b, int at, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    private boolean appendAll(List<Bytes> nalus, boolean first) {
        for (Bytes n : nalus) {
            ensureEs((long) esLen + 4 + n.length());
            appendEs(first ? START_CODE_4 : START_CODE_3);
            first = false;
            n.copyTo(es, esLen);
            esLen += n.length();
        }
        return first;
    }

    /**
     * Writes an audio message: an AAC sequence header is remembered, AAC raw frames become ADTS,
     * MP3 frames are copied; other formats are ignored (TS/HLS cannot carry them here).
     */
    public void writeAudio(MediaMessage msg) {
        Bytes p = msg.payload();
        int format = AudioTag.soundFormatOf(p);
        if (format == AudioTag.FORMAT_AAC) {
            if (AudioTag.isSequenceHeader(p)) {
                if (audioLen > 0 && codecs.aac() != null) {
                    flush(); // frames collected under the old configuration
                }
                codecs.onAudio(msg);
                return;
            }
            AacConfig aac = codecs.aac();
            if (aac == null || p.length() <= 2) {
                return;
            }
            int raw = p.length() - 2;
            if (raw + AacConfig.ADTS_HEADER_SIZE > AacConfig.MAX_ADTS_FRAME) {
                throw new SrsException(ErrorCode.HLS_AAC_FRAME_LENGTH, "aac frame length " + raw);
            }
            long pts = msg.timestamp() * 90;
            beginAudio(pts, raw + AacConfig.ADTS_HEADER_SIZE);
            aac.writeAdtsHeader(audio, audioLen, raw);
            audioLen += AacConfig.ADTS_HEADER_SIZE;
            p.slice(2).copyTo(audio, audioLen);
            audioLen += raw;
            endAudio(pts);
        } else if (format == AudioTag.FORMAT_MP3) {
            if (codecs.audioFormat() != AudioTag.FORMAT_MP3 || codecs.mp3() == null) {
                flush();
            }
            codecs.onAudio(msg);
            if (p.length() <= 1) {
                return;
            }
            long pts = msg.timestamp() * 90;
            beginAudio(pts, p.length() - 1);
            p.slice(1).copyTo(audio, audioLen);
            audioLen += p.length() - 1;
            endAudio(pts);
        }
    }

    private void beginAudio(long pts, int bytes) {
        if (audioLen + bytes > MAX_FRAME_SIZE) {
            flush();
        }
        if (audioLen == 0) {
            audioLen = HEADROOM;
            audioPts = pts;
        }
        if (audioLen + bytes > audio.length) {
            audio = Arrays.copyOf(audio, Math.max(audio.length * 2, audioLen + bytes));
        }
    }

    private void endAudio(long pts) {
        // With video, audio goes out frame by frame (SRS issue 512); audio-only aggregates.
        if (videoType() != 0 || pts - audioPts >= PURE_AUDIO_AGGREGATE) {
            flush();
        }
    }

    /** Writes any audio collected for an audio-only stream. */
    public void flush() {
        if (audioLen <= HEADROOM) {
            audioLen = 0;
            return;
        }
        ensurePmt();
        int pid = audioPid();
        // Audio carries the PCR only when there is no video, like SRS's pure-audio mode.
        long pcr = videoType() == 0 ? audioPts : -1;
        packets.writePes(pid, AUDIO_STREAM_ID, audio, HEADROOM, audioLen - HEADROOM, audioPts, audioPts, pcr, false);
        audioLen = 0;
        audioPts = -1;
    }

    private int videoType() {
        if (codecs.avc() != null) {
            return TsStreamType.H264;
        }
        return codecs.hevc() != null ? TsStreamType.HEVC : 0;
    }

    private int audioType() {
        if (codecs.aac() != null) {
            return TsStreamType.AAC_ADTS;
        }
        Mp3Header mp3 = codecs.mp3();
        if (mp3 != null) {
            return mp3.version() == 1 ? TsStreamType.MPEG1_AUDIO : TsStreamType.MPEG2_AUDIO;
        }
        return 0;
    }

    private int audioPid() {
        return codecs.aac() != null ? AAC_PID : MP3_PID;
    }

    private void ensurePmt() {
        int v = videoType();
        int a = audioType();
        if (pmtWritten && v == pmtVideoType && a == pmtAudioType) {
            return;
        }
        int n = 0;
        // Audio first, then video, in SRS's order.
        if (a != 0) {
            pmtStreams[2 * n] = a;
            pmtStreams[2 * n + 1] = audioPid();
            n++;
        }
        if (v != 0) {
            pmtStreams[2 * n] = v;
            pmtStreams[2 * n + 1] = VIDEO_PID;
            n++;
        }
        int pcrPid = v != 0 ? VIDEO_PID : audioPid();
        packets.writePat(PROGRAM_NUMBER, PMT_PID);
        packets.writePmt(PMT_PID, PROGRAM_NUMBER, pcrPid, pmtStreams, n);
        pmtWritten = true;
        pmtVideoType = v;
        pmtAudioType = a;
    }

    /** The codec state the muxer tracks (read-only use, on the owner thread). */
    public CodecState codecs() {
        return codecs;
    }

    private void ensureEs(long size) {
        if (size > MAX_FRAME_SIZE + 4096L) {
            throw new SrsException(ErrorCode.HLS_AVC_SAMPLE_SIZE, "video frame too large: " + size);
        }
        if (size > es.length) {
            es = Arrays.copyOf(es, (int) Math.max(es.length * 2L, size));
        }
    }

    private void appendEs(byte[] b) {
        System.arraycopy(b, 0, es, esLen, b.length);
        esLen += b.length;
    }
}
