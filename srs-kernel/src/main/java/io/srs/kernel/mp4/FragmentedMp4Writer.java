package io.srs.kernel.mp4;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.codec.AacConfig;
import io.srs.kernel.codec.AudioTag;
import io.srs.kernel.codec.CodecState;
import io.srs.kernel.codec.Mp3Header;
import io.srs.kernel.codec.VideoCodec;
import io.srs.kernel.codec.VideoTag;
import io.srs.kernel.media.MediaMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes FLV/RTMP media as a fragmented MP4: the init segment once the tracks are known, then one
 * {@code moof}+{@code mdat} per video keyframe interval (GOP), each written out and flushed as
 * soon as it is complete. A file cut short by a crash therefore holds every fragment but the one
 * being collected, and players and FFmpeg read it like any fragmented MP4; nothing needs the
 * index a plain MP4 writes at its end.
 *
 * <p>Video: H.264 ({@code avc1}) and HEVC ({@code hvc1}, legacy codec id 12 or Enhanced RTMP);
 * the FLV payload after the tag header is already length-prefixed NALUs, as MP4 wants. Audio:
 * AAC (raw frames after the 2-byte header) and MP3 (frames after the 1-byte header). Other
 * codecs are skipped. Timestamps are used as given (milliseconds; the caller starts the file at
 * 0).
 *
 * <p>Memory: the samples of one fragment are held as slices of the shared payloads (no copy);
 * a fragment is cut early when it holds {@code maxFragmentBytes}, even without a keyframe, so a
 * publisher without keyframes cannot grow it without bound.
 *
 * <p>Not thread-safe: one writer thread. The writer does not close {@code out}.
 */
public final class FragmentedMp4Writer {
    private static final int VIDEO_ID = 1;
    private static final int AUDIO_ID = 2;
    /** Audio-only files: one fragment per second. */
    private static final long AUDIO_ONLY_FRAGMENT_MS = 1000;
    private static final int DEFAULT_AUDIO_DURATION = 23;

    private final OutputStream out;
    private final long maxFragmentBytes;
    private final CodecState codecs = new CodecState();
    private final BoxWriter boxes = new BoxWriter();
    private final TrackBuffer video = new TrackBuffer(VIDEO_ID);
    private final TrackBuffer audio = new TrackBuffer(AUDIO_ID);
    private byte[] init;
    private boolean hasVideo;
    private boolean hasAudio;
    private long sequence;
    private long written;
    private long fragmentBytes;
    private long maxDts;

    /** Samples of one track: those whose duration is known, and the newest (duration unknown). */
    private static final class TrackBuffer {
        final int id;
        final List<Mp4Boxes.Sample> ready = new ArrayList<>();
        Pending last;
        int lastDuration;

        TrackBuffer(int id) {
            this.id = id;
        }

        /** Queues a sample; the previous one's duration becomes known. */
        void add(Pending p, int fallbackDuration) {
            settle(p.dts, fallbackDuration);
            last = p;
        }

        /** The newest sample ends at {@code nextDts}. */
        void settle(long nextDts, int fallbackDuration) {
            if (last == null) {
                return;
            }
            long d = nextDts - last.dts;
            int duration = d > 0 && d < Integer.MAX_VALUE ? (int) d : (lastDuration > 0 ? lastDuration : fallbackDuration);
            lastDuration = duration;
            ready.add(new Mp4Boxes.Sample(last.data, last.dts, duration, last.cts, last.sync));
            last = null;
        }
    }

    private record Pending(Bytes data, long dts, int cts, boolean sync) {
    }

    /**
     * @param maxFragmentBytes a fragment is written once it holds this many sample bytes
     */
    public FragmentedMp4Writer(OutputStream out, long maxFragmentBytes) {
        this.out = out;
        this.maxFragmentBytes = maxFragmentBytes;
    }

    /** Bytes written to the stream so far. */
    public long written() {
        return written;
    }

    /** The init segment once written (for patching durations at close), else null. */
    public byte[] init() {
        return init;
    }

    /** Largest end time written or pending, in ms: the file's duration once closed. */
    public long duration() {
        return maxDts;
    }

    /** Takes one message; metadata and unsupported codecs are ignored. */
    public void write(MediaMessage m) {
        if (m.isVideo()) {
            writeVideo(m);
        } else if (m.isAudio()) {
            writeAudio(m);
        }
    }

    private void writeVideo(MediaMessage m) {
        if (codecs.onVideo(m)) {
            return;
        }
        if (init != null && !hasVideo) {
            return; // the file was started without video
        }
        if (codecs.avc() == null && codecs.hevc() == null) {
            return;
        }
        VideoTag tag = VideoTag.parse(m.payload());
        if (!tag.isCodedFrames() || (tag.codec() != VideoCodec.AVC && tag.codec() != VideoCodec.HEVC)) {
            return;
        }
        boolean key = tag.isKeyframe();
        if (video.last == null && video.ready.isEmpty() && sequence == 0 && !key) {
            return; // a file starts with a keyframe
        }
        long dts = m.timestamp();
        if (key) {
            video.settle(dts, 40);
            flushFragment(dts);
        }
        Bytes data = m.payload().slice(tag.dataOffset());
        video.add(new Pending(data, dts, tag.compositionTime(), key), 40);
        note(dts, data.length());
    }

    private void writeAudio(MediaMessage m) {
        if (codecs.onAudio(m) && codecs.audioFormat() == AudioTag.FORMAT_AAC) {
            return; // an AAC config; an MP3 "header" is a real frame too
        }
        if (init != null && !hasAudio) {
            return;
        }
        int format = AudioTag.soundFormatOf(m.payload());
        int skip;
        if (format == AudioTag.FORMAT_AAC && codecs.aac() != null) {
            skip = 2;
        } else if (format == AudioTag.FORMAT_MP3) {
            skip = 1;
        } else {
            return;
        }
        if (m.payload().length() <= skip) {
            return;
        }
        long dts = m.timestamp();
        Bytes data = m.payload().slice(skip);
        audio.add(new Pending(data, dts, 0, true), DEFAULT_AUDIO_DURATION);
        note(dts, data.length());
        boolean audioOnly = codecs.avc() == null && codecs.hevc() == null;
        if (audioOnly && !audio.ready.isEmpty() && dts - audio.ready.getFirst().dts() >= AUDIO_ONLY_FRAGMENT_MS) {
            flushFragment(dts);
        }
    }

    private void note(long dts, int bytes) {
        maxDts = Math.max(maxDts, dts);
        fragmentBytes += bytes;
        if (fragmentBytes >= maxFragmentBytes) {
            // No keyframe for too long: end the fragment here; the next starts with a non-sync sample.
            video.settle(dts, 40);
            audio.settle(dts, DEFAULT_AUDIO_DURATION);
            flushFragment(dts);
        }
    }

    /** Writes what is complete as one fragment (writing the init segment first if needed). */
    private void flushFragment(long now) {
        if (video.ready.isEmpty() && audio.ready.isEmpty()) {
            return;
        }
        if (init == null && !writeInit()) {
            return;
        }
        List<Mp4Boxes.Run> runs = new ArrayList<>(2);
        long payload = 0;
        for (TrackBuffer t : new TrackBuffer[]{video, audio}) {
            if (!t.ready.isEmpty()) {
                List<Mp4Boxes.Sample> s = List.copyOf(t.ready);
                runs.add(new Mp4Boxes.Run(t.id, s.getFirst().dts(), s));
                for (Mp4Boxes.Sample x : s) {
                    payload += x.data().length();
                    maxDts = Math.max(maxDts, x.dts() + x.duration());
                }
                t.ready.clear();
            }
        }
        boxes.reset();
        Mp4Boxes.moof(boxes, ++sequence, runs);
        Mp4Boxes.mdatHeader(boxes, payload);
        emit(boxes.array(), 0, boxes.position());
        for (Mp4Boxes.Run r : runs) {
            for (Mp4Boxes.Sample s : r.samples()) {
                Bytes d = s.data();
                emit(d.array(), d.offset(), d.length());
            }
        }
        fragmentBytes = (video.last == null ? 0 : video.last.data.length())
                + (audio.last == null ? 0 : audio.last.data.length());
        flush();
    }

    private boolean writeInit() {
        List<Mp4Boxes.Track> tracks = new ArrayList<>(2);
        if (codecs.avc() != null || codecs.hevc() != null) {
            MediaMessage sh = codecs.videoSequenceHeader();
            VideoTag tag = VideoTag.parse(sh.payload());
            Bytes config = sh.payload().slice(tag.dataOffset());
            if (codecs.avc() != null) {
                tracks.add(new Mp4Boxes.VideoTrack(VIDEO_ID, "avc1", codecs.avc().width(), codecs.avc().height(), config));
            } else {
                tracks.add(new Mp4Boxes.VideoTrack(VIDEO_ID, "hvc1", codecs.hevc().width(), codecs.hevc().height(),
                        config));
            }
            hasVideo = true;
        }
        AacConfig aac = codecs.aac();
        Mp3Header mp3 = codecs.mp3();
        if (aac != null) {
            MediaMessage sh = codecs.audioSequenceHeader();
            tracks.add(new Mp4Boxes.AudioTrack(AUDIO_ID, 0x40, aac.sampleRate(), aac.channels(), sh.payload().slice(2)));
            hasAudio = true;
        } else if (mp3 != null) {
            tracks.add(new Mp4Boxes.AudioTrack(AUDIO_ID, 0x6B, mp3.sampleRate(), mp3.channels(), null));
            hasAudio = true;
        }
        if (!hasAudio) {
            audio.ready.clear();
            audio.last = null;
        }
        if (tracks.isEmpty()) {
            return false;
        }
        boxes.reset();
        Mp4Boxes.init(boxes, tracks);
        init = boxes.toByteArray();
        emit(init, 0, init.length);
        return true;
    }

    /** Writes the last samples as a final fragment and flushes. Safe to call once at the end. */
    public void finish() {
        video.settle(Long.MIN_VALUE, 40);
        audio.settle(Long.MIN_VALUE, DEFAULT_AUDIO_DURATION);
        flushFragment(maxDts);
        flush();
    }

    /**
     * After {@link #finish}: writes the total duration into mvhd and mehd of the init segment at
     * the start of {@code file}, so players know the length without reading every fragment. A
     * file that never gets this (a crash) still plays; its duration is then found by scanning.
     */
    public void patchDuration(FileChannel file) {
        if (init == null) {
            return;
        }
        try {
            ByteBuffer u32 = ByteBuffer.allocate(4).putInt(0, (int) maxDts);
            file.write(u32, Mp4Boxes.mvhdDurationOffset(init));
            ByteBuffer u64 = ByteBuffer.allocate(8).putLong(0, maxDts);
            file.write(u64, Mp4Boxes.mehdDurationOffset(init));
        } catch (IOException e) {
            throw new SrsException(ErrorCode.SYSTEM_FILE_WRITE, "patch mp4 duration: " + e.getMessage(), e);
        }
    }

    private void emit(byte[] b, int off, int n) {
        try {
            out.write(b, off, n);
            written += n;
        } catch (IOException e) {
            throw new SrsException(ErrorCode.SYSTEM_FILE_WRITE, "write mp4: " + e.getMessage(), e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new SrsException(ErrorCode.SYSTEM_FILE_WRITE, "flush mp4: " + e.getMessage(), e);
        }
    }
}
