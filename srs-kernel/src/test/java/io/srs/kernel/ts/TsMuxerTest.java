package io.srs.kernel.ts;

import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.codec.Vectors;
import io.srs.kernel.flv.FlvReader;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TsMuxerTest {
    private static final String PAT = "474000100000b00d0001c100000001f0012e701905";
    private static final String PMT_AAC = "47500110" + "00" + "02b0120001c10000e101f0000fe101f000ece2b094";

    private static String packet(String hex) {
        return hex + "ff".repeat(188 - hex.length() / 2);
    }

    private static MediaMessage audio(long ts, String hex) {
        return new MediaMessage(MessageType.AUDIO, ts, 1, Bytes.fromHex(hex));
    }

    @Test
    void crc32MatchesMpeg2CheckValueAndFfmpegPat() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x0376e6e7, Crc32Mpeg.compute(check, 0, check.length));
        byte[] pat = Bytes.fromHex("00b00d0001c100000001f000").toArray();
        assertEquals(0x2ab104b2, Crc32Mpeg.compute(pat, 0, pat.length));
    }

    @Test
    void goldenPatPmtAndAudioOnlyPes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TsMuxer m = new TsMuxer(out);
        m.writeAudio(audio(0, "af00 1208"));
        assertEquals(0, out.size(), "a sequence header writes nothing");
        m.writeAudio(audio(1000, "af01 deadbeef"));
        assertEquals(0, out.size(), "audio-only aggregates until flushed");
        m.flush();
        String pes = "474101309e100000afc87e00" + "ff".repeat(151)
                + "000001c00013808005210005bf21" + "fff95040017ffc" + "deadbeef";
        String expected = packet(PAT) + packet(PMT_AAC) + pes;
        assertEquals(expected, Bytes.wrap(out.toByteArray()).toHex());
    }

    @Test
    void goldenPmtWithVideoCarriesPcrOnVideoPid() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TsMuxer m = new TsMuxer(out);
        m.writeAudio(audio(0, "af00 1208"));
        m.writeVideo(new MediaMessage(MessageType.VIDEO, 0, 1, Vectors.hex("avc_640x360_high_sh.hex")));
        m.writeAudio(audio(0, "af01 21"));
        byte[] b = out.toByteArray();
        assertEquals(3 * 188, b.length, "with video, audio is written frame by frame");
        assertEquals(packet(PAT), Bytes.wrap(b, 0, 188).toHex());
        assertEquals(packet("47500110" + "0002b0170001c10000e100f0000fe101f0001be100f000f2d91563"),
                Bytes.wrap(b, 188, 188).toHex());
        // Audio PES without PCR: an adaptation field made only of stuffing.
        assertEquals("47410130", Bytes.wrap(b, 376, 4).toHex());
        assertEquals(0x00, b[376 + 5] & 0xff, "no PCR flag on the audio pid");
    }

    @Test
    void videoFrameBecomesAnnexBWithAudAndParameterSets() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TsMuxer m = new TsMuxer(out);
        m.writeVideo(new MediaMessage(MessageType.VIDEO, 0, 1, Vectors.hex("avc_640x360_high_sh.hex")));
        // IDR frame at 40 ms, composition time 80 ms, one 3-byte NALU.
        m.writeVideo(new MediaMessage(MessageType.VIDEO, 40, 1, Bytes.fromHex("17 01 000050 00000003 658888")));
        byte[] b = out.toByteArray();
        assertEquals(3 * 188, b.length);
        Bytes pes = Bytes.wrap(b, 376, 188);
        assertEquals("47410030", pes.slice(0, 4).toHex(), "pid 0x100 with adaptation field");
        assertEquals(0x40 | 0x10, pes.get(5), "random access and PCR flags");
        String es = "00000001" + "09f0"
                + "000001" + "6764001eacd940a02ff97011000003000100000300320f162d96"
                + "000001" + "68ef8fcb"
                + "000001" + "658888";
        assertTrue(pes.toHex().endsWith(es), pes.toHex());
        // PTS 120 ms = 10800 and DTS 40 ms = 3600 ticks.
        String header = "000001e0" + String.format("%04x", 3 + 10 + es.length() / 2) + "80c00a"
                + "3100015461" + "1100011c21";
        assertTrue(pes.toHex().endsWith(header + es), pes.toHex());
    }

    @Test
    void continuityCountersAdvancePerPidAndSurviveSegments() {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        TsMuxer m = new TsMuxer(first);
        m.writeAudio(audio(0, "af00 1208"));
        m.writeAudio(audio(0, "af01 " + "11".repeat(400)));
        m.flush();
        byte[] a = first.toByteArray();
        assertEquals(5, a.length / 188);
        assertEquals(0, a[2 * 188 + 3] & 0x0f);
        assertEquals(1, a[3 * 188 + 3] & 0x0f);
        assertEquals(2, a[4 * 188 + 3] & 0x0f);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        m.newSegment(second);
        m.writeAudio(audio(100, "af01 22"));
        m.flush();
        byte[] b = second.toByteArray();
        assertEquals(3, b.length / 188, "PAT and PMT again");
        assertEquals(0x47, b[0]);
        assertEquals(1, b[3] & 0x0f, "PAT continuity goes on");
        assertEquals(3, b[2 * 188 + 3] & 0x0f);
    }

    @Test
    void everyPacketIsWholeAndSynced() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TsMuxer m = new TsMuxer(out);
        FlvReader r = new FlvReader(new ByteArrayInputStream(Vectors.resource("avc_aac.flv")));
        Map<Integer, Integer> cc = new HashMap<>();
        for (MediaMessage msg; (msg = r.next()) != null; ) {
            if (msg.isVideo()) {
                m.writeVideo(msg);
            } else if (msg.isAudio()) {
                m.writeAudio(msg);
            }
        }
        m.flush();
        byte[] b = out.toByteArray();
        assertEquals(0, b.length % 188);
        for (int p = 0; p < b.length; p += 188) {
            assertEquals(0x47, b[p] & 0xff);
            int pid = ((b[p + 1] & 0x1f) << 8) | (b[p + 2] & 0xff);
            int c = b[p + 3] & 0x0f;
            Integer prev = cc.put(pid, c);
            if (prev != null) {
                assertEquals((prev + 1) & 0x0f, c, "continuity on pid " + pid + " at " + p);
            }
        }
        assertTrue(cc.containsKey(0x100) && cc.containsKey(0x101));
    }

    @Test
    void malformedFramesThrowBeforeWritingAnything() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TsMuxer m = new TsMuxer(out);
        m.writeVideo(new MediaMessage(MessageType.VIDEO, 0, 1, Vectors.hex("avc_640x360_high_sh.hex")));
        assertThrows(SrsException.class,
                () -> m.writeVideo(new MediaMessage(MessageType.VIDEO, 0, 1, Bytes.fromHex("27 01 000000 000000ff 41"))));
        assertThrows(SrsException.class,
                () -> m.writeVideo(new MediaMessage(MessageType.VIDEO, 0, 1, Bytes.fromHex("27 01 000000 0000"))));
        assertEquals(0, out.size());
    }

    @Test
    void hevcFrameGetsHevcAudAndVpsSpsPpsBeforeIrap() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TsMuxer m = new TsMuxer(out);
        Bytes hvcc = Vectors.hex("hevc_1280x720_hvcc.hex");
        byte[] sh = new byte[5 + hvcc.length()];
        Bytes.fromHex("90 68766331").copyTo(sh, 0);
        hvcc.copyTo(sh, 5);
        m.writeVideo(new MediaMessage(MessageType.VIDEO, 0, 1, Bytes.wrap(sh)));
        // Enhanced CodedFramesX key frame with one IDR_W_RADL (type 19) NALU.
        m.writeVideo(new MediaMessage(MessageType.VIDEO, 0, 1, Bytes.fromHex("93 68766331 00000003 2601af")));
        byte[] b = out.toByteArray();
        assertEquals(3 * 188, b.length);
        String pmt = Bytes.wrap(b, 188, 188).toHex();
        assertTrue(pmt.contains("24e100f000"), "stream type 0x24 on pid 0x100: " + pmt);
        var c = m.codecs().hevc();
        String es = "00000001" + "460150"
                + "000001" + c.vps().getFirst().toHex()
                + "000001" + c.sps().getFirst().toHex()
                + "000001" + c.pps().getFirst().toHex()
                + "000001" + "2601af";
        assertTrue(Bytes.wrap(b, 376, 188).toHex().endsWith(es));
    }
}
