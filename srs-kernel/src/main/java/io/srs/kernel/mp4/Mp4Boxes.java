package io.srs.kernel.mp4;

import io.srs.core.bytes.Bytes;

import java.util.List;

/**
 * The boxes of a fragmented MP4 (ISO/IEC 14496-12 and 14496-14/15): the init segment
 * ({@code ftyp} + {@code moov} with {@code mvex}) and one fragment ({@code moof} + {@code mdat}).
 * Every track uses a timescale of 1000 (RTMP's milliseconds), so timestamps need no conversion.
 *
 * <p>Stateless; thread-safe.
 */
public final class Mp4Boxes {
    public static final int TIMESCALE = 1000;
    /** sample_depends_on=2 (an I picture, or audio). */
    public static final int FLAGS_SYNC = 0x02000000;
    /** sample_depends_on=1, sample_is_non_sync_sample=1. */
    public static final int FLAGS_NON_SYNC = 0x01010000;

    /** A track of the init segment. */
    public sealed interface Track permits VideoTrack, AudioTrack {
        int id();
    }

    /**
     * @param fourCc {@code avc1} or {@code hvc1}
     * @param config the decoder configuration record ({@code avcC} or {@code hvcC} body)
     */
    public record VideoTrack(int id, String fourCc, int width, int height, Bytes config) implements Track {
    }

    /**
     * @param objectType MPEG-4 objectTypeIndication: {@code 0x40} AAC, {@code 0x6B} MP3
     * @param config     AudioSpecificConfig for AAC, null for MP3
     */
    public record AudioTrack(int id, int objectType, int sampleRate, int channels, Bytes config) implements Track {
    }

    /** One sample of a fragment. */
    public record Sample(Bytes data, long dts, int duration, int cts, boolean sync) {
    }

    /** The samples of one track in a fragment. */
    public record Run(int trackId, long baseDts, List<Sample> samples) {
    }

    private Mp4Boxes() {
    }

    /**
     * {@code ftyp} + {@code moov}. {@code mvhd} and {@code mehd} durations are written as 0;
     * {@link #mvhdDurationOffset} and {@link #mehdDurationOffset} say where a clean close may
     * patch them.
     */
    public static void init(BoxWriter w, List<Track> tracks) {
        w.begin("ftyp").fourCc("isom").u32(0x200).fourCc("isom").fourCc("iso6").fourCc("mp41");
        for (Track t : tracks) {
            if (t instanceof VideoTrack v) {
                w.fourCc(v.fourCc().equals("avc1") ? "avc1" : "hvc1");
            }
        }
        w.end();
        w.begin("moov");
        w.beginFull("mvhd", 0, 0).u32(0).u32(0).u32(TIMESCALE).u32(0)
                .u32(0x00010000).u16(0x0100).zeros(10);
        matrix(w);
        w.zeros(24).u32(tracks.size() + 1L).end();
        for (Track t : tracks) {
            trak(w, t);
        }
        w.begin("mvex");
        w.beginFull("mehd", 1, 0).u64(0).end();
        for (Track t : tracks) {
            w.beginFull("trex", 0, 0).u32(t.id()).u32(1).u32(0).u32(0).u32(0).end();
        }
        w.end();
        w.end();
    }

    /** Where {@link #init} put the mvhd duration (u32), for an init that starts at offset 0. */
    public static int mvhdDurationOffset(byte[] init) {
        return find(init, "mvhd") + 8 + 4 + 4 + 4 + 4;
    }

    /** Where {@link #init} put the mehd fragment_duration (u64). */
    public static int mehdDurationOffset(byte[] init) {
        return find(init, "mehd") + 8 + 4;
    }

    private static int find(byte[] b, String type) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 4; i + 4 <= b.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (b[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i - 4;
        }
        throw new IllegalArgumentException("no " + type + " box");
    }

    private static void matrix(BoxWriter w) {
        w.u32(0x00010000).u32(0).u32(0).u32(0).u32(0x00010000).u32(0).u32(0).u32(0).u32(0x40000000);
    }

    private static void trak(BoxWriter w, Track t) {
        boolean video = t instanceof VideoTrack;
        w.begin("trak");
        w.beginFull("tkhd", 0, 3).u32(0).u32(0).u32(t.id()).u32(0).u32(0).zeros(8)
                .u16(0).u16(video ? 0 : 1).u16(video ? 0 : 0x0100).u16(0);
        matrix(w);
        if (t instanceof VideoTrack v) {
            w.u32((long) v.width() << 16).u32((long) v.height() << 16);
        } else {
            w.u32(0).u32(0);
        }
        w.end();
        w.begin("mdia");
        // Language "und" packed as three 5-bit letters.
        w.beginFull("mdhd", 0, 0).u32(0).u32(0).u32(TIMESCALE).u32(0).u16(0x55c4).u16(0).end();
        w.beginFull("hdlr", 0, 0).u32(0).fourCc(video ? "vide" : "soun").zeros(12);
        byte[] name = (video ? "VideoHandler" : "SoundHandler").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        w.bytes(name, 0, name.length).u8(0).end();
        w.begin("minf");
        if (video) {
            w.beginFull("vmhd", 0, 1).zeros(8).end();
        } else {
            w.beginFull("smhd", 0, 0).zeros(4).end();
        }
        w.begin("dinf").beginFull("dref", 0, 0).u32(1).beginFull("url ", 0, 1).end().end().end();
        w.begin("stbl");
        w.beginFull("stsd", 0, 0).u32(1);
        switch (t) {
            case VideoTrack v -> videoEntry(w, v);
            case AudioTrack a -> audioEntry(w, a);
        }
        w.end();
        w.beginFull("stts", 0, 0).u32(0).end();
        w.beginFull("stsc", 0, 0).u32(0).end();
        w.beginFull("stsz", 0, 0).u32(0).u32(0).end();
        w.beginFull("stco", 0, 0).u32(0).end();
        w.end().end().end().end();
    }

    private static void videoEntry(BoxWriter w, VideoTrack v) {
        w.begin(v.fourCc()).zeros(6).u16(1).zeros(16).u16(v.width()).u16(v.height())
                .u32(0x00480000).u32(0x00480000).u32(0).u16(1).zeros(32).u16(0x0018).u16(0xffff);
        w.begin(v.fourCc().equals("avc1") ? "avcC" : "hvcC");
        bytes(w, v.config());
        w.end().end();
    }

    private static void audioEntry(BoxWriter w, AudioTrack a) {
        w.begin("mp4a").zeros(6).u16(1).zeros(8).u16(a.channels()).u16(16).u16(0).u16(0)
                .u32((long) Math.min(a.sampleRate(), 0xffff) << 16);
        w.beginFull("esds", 0, 0);
        int dsi = a.config() == null ? 0 : 2 + a.config().length();
        int decoderConfig = 13 + dsi;
        int es = 3 + 2 + decoderConfig + 3;
        w.u8(0x03).u8(es).u16(a.id()).u8(0);
        w.u8(0x04).u8(decoderConfig).u8(a.objectType()).u8(0x15).u24(0).u32(0).u32(0);
        if (a.config() != null) {
            w.u8(0x05).u8(a.config().length());
            bytes(w, a.config());
        }
        w.u8(0x06).u8(1).u8(0x02);
        w.end().end();
    }

    private static void bytes(BoxWriter w, Bytes b) {
        w.bytes(b.array(), b.offset(), b.length());
    }

    /**
     * {@code moof} for one fragment; the sample data follows in an {@code mdat} whose header
     * {@link #mdatHeader} writes. Runs are laid out in the mdat in list order.
     */
    public static void moof(BoxWriter w, long sequence, List<Run> runs) {
        int moofStart = w.position();
        w.begin("moof");
        w.beginFull("mfhd", 0, 0).u32(sequence).end();
        int[] dataOffsetAt = new int[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            w.begin("traf");
            // default-base-is-moof: data offsets count from this moof.
            w.beginFull("tfhd", 0, 0x020000).u32(r.trackId()).end();
            w.beginFull("tfdt", 1, 0).u64(r.baseDts()).end();
            // data-offset, sample duration, size, flags and (signed, version 1) composition offset.
            w.beginFull("trun", 1, 0x000001 | 0x000100 | 0x000200 | 0x000400 | 0x000800).u32(r.samples().size());
            dataOffsetAt[i] = w.position();
            w.u32(0);
            for (Sample s : r.samples()) {
                w.u32(s.duration()).u32(s.data().length()).u32(s.sync() ? FLAGS_SYNC : FLAGS_NON_SYNC).u32(s.cts());
            }
            w.end().end();
        }
        w.end();
        long offset = w.position() - moofStart + 8L;
        for (int i = 0; i < runs.size(); i++) {
            w.putU32(dataOffsetAt[i], offset);
            for (Sample s : runs.get(i).samples()) {
                offset += s.data().length();
            }
        }
    }

    /** The 8-byte header of an mdat holding {@code payloadBytes}. */
    public static void mdatHeader(BoxWriter w, long payloadBytes) {
        w.u32(8 + payloadBytes).fourCc("mdat");
    }
}
