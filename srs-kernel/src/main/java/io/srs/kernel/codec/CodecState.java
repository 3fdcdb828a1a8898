package io.srs.kernel.codec;

import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;

/**
 * What is known about one live stream's codecs: the latest sequence headers, their parsed
 * configurations and a summary for the HTTP API. Port of the role of {@code SrsFormat} plus the
 * sequence-header part of {@code SrsMetaCache} (srs_kernel_codec.cpp, srs_app_source.cpp).
 *
 * <p>Fed every audio and video message in order. Messages that are not sequence headers cost a
 * few byte reads and no allocation; only a sequence header (or a change of MP3 format) is
 * parsed. A malformed sequence header throws {@link io.srs.core.SrsException} and leaves the
 * previous state untouched.
 *
 * <p>Not thread-safe: owned by the publisher's thread. The summary records it hands out are
 * immutable, so they may be published to other threads (for example through a volatile field).
 */
public final class CodecState {
    // Sync word, version, layer, sampling rate and channel mode; bitrate and padding vary per frame.
    private static final int MP3_FORMAT_MASK = 0xfffe0cc0;

    private MediaMessage videoSequenceHeader;
    private MediaMessage audioSequenceHeader;
    private VideoCodec videoCodec;
    private AvcDecoderConfig avc;
    private HevcDecoderConfig hevc;
    private int audioFormat = -1;
    private AacConfig aac;
    private Mp3Header mp3;
    private int mp3HeaderBits;
    private VideoInfo videoInfo;
    private AudioInfo audioInfo;

    /**
     * Consumes a video message.
     *
     * @return whether it is a video sequence header (now the latest one)
     */
    public boolean onVideo(MediaMessage msg) {
        Bytes p = msg.payload();
        if (!VideoTag.isSequenceHeader(p)) {
            return false;
        }
        VideoTag tag = VideoTag.parse(p);
        Bytes body = p.slice(tag.dataOffset());
        switch (tag.codec()) {
            case AVC -> {
                AvcDecoderConfig c = AvcDecoderConfig.parse(body);
                avc = c;
                hevc = null;
                videoInfo = new VideoInfo(VideoCodec.AVC.apiName(), c.profileName(), c.levelName(), c.width(), c.height());
            }
            case HEVC -> {
                HevcDecoderConfig c = HevcDecoderConfig.parse(body);
                hevc = c;
                avc = null;
                videoInfo = new VideoInfo(VideoCodec.HEVC.apiName(), c.profileName(), c.levelName(), c.width(), c.height());
            }
            default -> {
                // AV1 and VP9 configurations are kept and relayed, not parsed.
                avc = null;
                hevc = null;
                videoInfo = new VideoInfo(tag.codec().apiName(), "Other", "Other", 0, 0);
            }
        }
        videoCodec = tag.codec();
        videoSequenceHeader = msg;
        return true;
    }

    /**
     * Consumes an audio message.
     *
     * @return whether SRS treats it as an audio sequence header: an AAC AudioSpecificConfig, or
     *         the first MP3 frame of the stream (SRS caches it so new players learn the format)
     */
    public boolean onAudio(MediaMessage msg) {
        Bytes p = msg.payload();
        int format = AudioTag.soundFormatOf(p);
        if (format == AudioTag.FORMAT_AAC) {
            if (!AudioTag.isSequenceHeader(p)) {
                return false;
            }
            AacConfig c = AacConfig.parse(p.slice(2));
            aac = c;
            mp3 = null;
            audioFormat = format;
            audioInfo = new AudioInfo("AAC", c.sampleRate(), c.channels(), c.profileName());
            audioSequenceHeader = msg;
            return true;
        }
        if (format == AudioTag.FORMAT_MP3) {
            boolean fresh = audioFormat != AudioTag.FORMAT_MP3;
            if (p.length() >= 5) {
                int bits = VideoTag.u32(p, 1) & MP3_FORMAT_MASK;
                if (fresh || bits != mp3HeaderBits) {
                    updateMp3(p, bits);
                }
            }
            if (fresh) {
                aac = null;
                audioFormat = format;
                if (mp3 == null) {
                    AudioTag tag = AudioTag.parse(p);
                    audioInfo = new AudioInfo("MP3", tag.flvSampleRate(), tag.channels(), "Other");
                }
                audioSequenceHeader = msg;
            }
            return fresh;
        }
        if (format >= 0 && format != audioFormat) {
            AudioTag tag = AudioTag.parse(p);
            aac = null;
            mp3 = null;
            audioFormat = format;
            audioInfo = new AudioInfo(AudioTag.formatName(format), tag.flvSampleRate(), tag.channels(), "Other");
        }
        return false;
    }

    private void updateMp3(Bytes p, int bits) {
        try {
            Mp3Header h = Mp3Header.parse(p.slice(1));
            mp3 = h;
            mp3HeaderBits = bits;
            audioInfo = new AudioInfo("MP3", h.sampleRate(), h.channels(), "Other");
        } catch (io.srs.core.SrsException e) {
            // A frame that does not start on a header says nothing about the format; keep what we know.
            mp3HeaderBits = bits;
        }
    }

    /** The latest video sequence header message, or null. */
    public MediaMessage videoSequenceHeader() {
        return videoSequenceHeader;
    }

    /** The latest audio sequence header message (AAC config or first MP3 frame), or null. */
    public MediaMessage audioSequenceHeader() {
        return audioSequenceHeader;
    }

    /** Codec of the latest video sequence header, or null before one. */
    public VideoCodec videoCodec() {
        return videoCodec;
    }

    /** FLV SoundFormat of the audio seen so far, or -1. */
    public int audioFormat() {
        return audioFormat;
    }

    /** H.264 configuration when the current video codec is H.264, else null. */
    public AvcDecoderConfig avc() {
        return avc;
    }

    /** H.265 configuration when the current video codec is H.265, else null. */
    public HevcDecoderConfig hevc() {
        return hevc;
    }

    /** AAC configuration when the current audio is AAC with a sequence header, else null. */
    public AacConfig aac() {
        return aac;
    }

    /** Latest MP3 frame header when the audio is MP3, else null. */
    public Mp3Header mp3() {
        return mp3;
    }

    /** Summary for the HTTP API, or null before a video sequence header. */
    public VideoInfo videoInfo() {
        return videoInfo;
    }

    /** Summary for the HTTP API, or null before the audio format is known. */
    public AudioInfo audioInfo() {
        return audioInfo;
    }

    /** Forgets everything, as when a publisher leaves and another starts. */
    public void reset() {
        videoSequenceHeader = null;
        audioSequenceHeader = null;
        videoCodec = null;
        avc = null;
        hevc = null;
        audioFormat = -1;
        aac = null;
        mp3 = null;
        mp3HeaderBits = 0;
        videoInfo = null;
        audioInfo = null;
    }
}
