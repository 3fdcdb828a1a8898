package io.srs.kernel.mp4;

import io.srs.core.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Byte-exact checks of the boxes, against hand-assembled ISO/IEC 14496-12/14 layouts. */
class Mp4BoxesTest {
    private static String hex(BoxWriter w) {
        return HexFormat.of().formatHex(w.toByteArray());
    }

    private static String strip(String s) {
        return s.replaceAll("\\s|//[^\\n]*", "");
    }

    @Test
    void nestedBoxesGetTheirSizes() {
        BoxWriter w = new BoxWriter();
        w.begin("moov").beginFull("mvhd", 1, 0x000203).u8(0xaa).end().begin("free").end().end();
        assertEquals("0000001d" + "6d6f6f76" + "0000000d" + "6d766864" + "01000203" + "aa" + "00000008" + "66726565",
                hex(w));
        BoxWriter open = new BoxWriter().begin("moov");
        assertThrows(IllegalStateException.class, open::toByteArray);
        assertThrows(IllegalArgumentException.class, () -> new BoxWriter().begin("toolong"));
    }

    @Test
    void moofAndMdatOfTwoVideoSamples() {
        BoxWriter w = new BoxWriter();
        List<Mp4Boxes.Sample> s = List.of(
                new Mp4Boxes.Sample(Bytes.wrap(new byte[]{1, 2, 3}), 0, 40, 0, true),
                new Mp4Boxes.Sample(Bytes.wrap(new byte[]{4, 5}), 40, 40, 80, false));
        Mp4Boxes.moof(w, 1, List.of(new Mp4Boxes.Run(1, 0, s)));
        Mp4Boxes.mdatHeader(w, 5);
        assertEquals(strip("""
                00000078 6d6f6f66                             // moof, 120 bytes
                  00000010 6d666864 00000000 00000001         // mfhd sequence 1
                  00000060 74726166                           // traf
                    00000010 74666864 00020000 00000001       // tfhd default-base-is-moof, track 1
                    00000014 74666474 01000000 0000000000000000 // tfdt v1, base 0
                    00000034 7472756e 01000f01 00000002       // trun v1, 2 samples
                      00000080                                // data offset: moof + mdat header
                      00000028 00000003 02000000 00000000     // 40 ms, 3 bytes, sync, cts 0
                      00000028 00000002 01010000 00000050     // 40 ms, 2 bytes, non-sync, cts 80
                0000000d 6d646174                             // mdat of 5 bytes
                """), hex(w));
    }

    @Test
    void dataOffsetsOfTwoTracksFollowEachOther() {
        BoxWriter w = new BoxWriter();
        Mp4Boxes.moof(w, 7, List.of(
                new Mp4Boxes.Run(1, 0, List.of(new Mp4Boxes.Sample(Bytes.wrap(new byte[10]), 0, 40, 0, true))),
                new Mp4Boxes.Run(2, 5, List.of(new Mp4Boxes.Sample(Bytes.wrap(new byte[4]), 5, 23, 0, true)))));
        byte[] b = w.toByteArray();
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i + 4 <= b.length; i++) {
            if (b[i] == 't' && b[i + 1] == 'r' && b[i + 2] == 'u' && b[i + 3] == 'n') {
                offsets.add(java.nio.ByteBuffer.wrap(b, i + 12, 4).getInt());
            }
        }
        assertEquals(List.of(b.length + 8, b.length + 8 + 10), offsets);
    }

    @Test
    void aacSampleEntryCarriesTheAudioSpecificConfigInEsds() {
        BoxWriter w = new BoxWriter();
        Mp4Boxes.init(w, List.of(new Mp4Boxes.AudioTrack(2, 0x40, 44100, 2, Bytes.wrap(new byte[]{0x12, 0x10}))));
        String all = hex(w);
        String esds = strip("""
                00000027 65736473 00000000                    // esds, 39 bytes
                  03 19 0002 00                               // ES_Descriptor, ES_ID 2
                    04 11 40 15 000000 00000000 00000000      // DecoderConfig: AAC, audio stream
                      05 02 1210                              // AudioSpecificConfig
                    06 01 02                                  // SLConfig predefined 2
                """);
        assertEquals(true, all.contains(esds), all);
        String mp4a = strip("""
                0000004b 6d703461 000000000000 0001           // mp4a (75 bytes), data_reference_index 1
                0000000000000000 0002 0010 0000 0000 ac440000 // 2 channels, 16 bit, 44100 Hz
                """);
        assertEquals(true, all.contains(mp4a), all);
        assertEquals(strip("0000001c 66747970 69736f6d 00000200 69736f6d 69736f36 6d703431"), all.substring(0, 56));
    }

    @Test
    void durationOffsetsPointIntoMvhdAndMehd() {
        BoxWriter w = new BoxWriter();
        byte[] avcc = {1, 0x64, 0, 0x1f, (byte) 0xff, (byte) 0xe1, 0, 0, 1, 0, 0};
        Mp4Boxes.init(w, List.of(new Mp4Boxes.VideoTrack(1, "avc1", 640, 360, Bytes.wrap(avcc))));
        byte[] init = w.toByteArray();
        int mvhd = Mp4Boxes.mvhdDurationOffset(init);
        // size, type, version/flags, creation, modification, timescale 1000, then duration.
        assertEquals(1000, java.nio.ByteBuffer.wrap(init, mvhd - 4, 4).getInt());
        int mehd = Mp4Boxes.mehdDurationOffset(init);
        assertEquals("mehd", new String(init, mehd - 8, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, init[mehd - 4], "mehd version 1 (64-bit duration)");
        String all = HexFormat.of().formatHex(init);
        // avc1 with 640x360 and the avcC record verbatim.
        assertEquals(true, all.contains("0280" + "0168" + "00480000" + "00480000"), all);
        assertEquals(true, all.contains("00000013" + "61766343" + HexFormat.of().formatHex(avcc)), all);
    }
}
