package io.srs.kernel.ts;

import io.srs.kernel.codec.Vectors;
import io.srs.kernel.flv.FlvReader;
import io.srs.kernel.media.MediaMessage;
import io.srs.testing.ExternalTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Muxes the generated FLV vectors to TS and checks them with the real ffprobe. */
@Tag("e2e")
class TsMuxerE2eTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needFfprobe() {
        ExternalTool.FFPROBE.require();
    }

    /** Muxes an FLV vector; returns the number of audio and video messages fed. */
    private int[] mux(String vector, Path ts) throws IOException {
        int[] counts = new int[2];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(ts))) {
            TsMuxer m = new TsMuxer(out);
            FlvReader r = new FlvReader(new ByteArrayInputStream(Vectors.resource(vector)));
            for (MediaMessage msg; (msg = r.next()) != null; ) {
                if (msg.isVideo()) {
                    m.writeVideo(msg);
                    counts[1]++;
                } else if (msg.isAudio()) {
                    m.writeAudio(msg);
                    counts[0]++;
                }
            }
            m.flush();
        }
        return counts;
    }

    /** One map per stream from {@code ffprobe -show_streams -count_frames}. */
    private static List<Map<String, String>> probe(Path ts) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-show_entries",
                "stream=codec_name,width,height,nb_read_frames,start_time,sample_rate,channels",
                "-of", "compact=p=0", ts.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertEquals("", err.strip(), "ffprobe reported errors");
        List<Map<String, String>> streams = new ArrayList<>();
        // ffprobe prints each stream under its program and again at top level: keep distinct lines.
        for (String line : new java.util.LinkedHashSet<>(List.of(out.strip().split("\n")))) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> s = new HashMap<>();
            for (String kv : line.split("\\|")) {
                int eq = kv.indexOf('=');
                s.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            streams.add(s);
        }
        return streams;
    }

    private static Map<String, String> stream(List<Map<String, String>> all, String codec) {
        return all.stream().filter(s -> codec.equals(s.get("codec_name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + codec + " in " + all));
    }

    @Test
    void h264AndAac() throws Exception {
        Path ts = dir.resolve("avc_aac.ts");
        int[] fed = mux("avc_aac.flv", ts);
        List<Map<String, String>> streams = probe(ts);
        assertEquals(2, streams.size());
        Map<String, String> v = stream(streams, "h264");
        Map<String, String> a = stream(streams, "aac");
        assertEquals("640", v.get("width"));
        assertEquals("360", v.get("height"));
        assertEquals("50", v.get("nb_read_frames"));
        // Every message except the sequence header is one AAC frame.
        assertEquals(String.valueOf(fed[0] - 1), a.get("nb_read_frames"));
        assertEquals("44100", a.get("sample_rate"));
        double vStart = Double.parseDouble(v.get("start_time"));
        double aStart = Double.parseDouble(a.get("start_time"));
        assertTrue(Math.abs(vStart - aStart) < 0.1, "start " + vStart + " vs " + aStart);
    }

    @Test
    void aacOnly() throws Exception {
        Path ts = dir.resolve("aac.ts");
        int[] fed = mux("aac_only.flv", ts);
        List<Map<String, String>> streams = probe(ts);
        assertEquals(1, streams.size());
        Map<String, String> a = stream(streams, "aac");
        assertEquals(String.valueOf(fed[0] - 1), a.get("nb_read_frames"));
        assertEquals("1", a.get("channels"));
    }

    @Test
    void mp3Only() throws Exception {
        Path ts = dir.resolve("mp3.ts");
        int[] fed = mux("mp3.flv", ts);
        List<Map<String, String>> streams = probe(ts);
        assertEquals(1, streams.size());
        Map<String, String> a = stream(streams, "mp3");
        assertEquals("44100", a.get("sample_rate"));
        assertEquals("2", a.get("channels"));
        assertEquals(String.valueOf(fed[0]), a.get("nb_read_frames"));
    }

    @Test
    void segmentsSplitAtKeyframesEachPlayAlone() throws Exception {
        Path one = dir.resolve("seg0.ts");
        Path two = dir.resolve("seg1.ts");
        try (OutputStream o1 = new BufferedOutputStream(Files.newOutputStream(one));
             OutputStream o2 = new BufferedOutputStream(Files.newOutputStream(two))) {
            TsMuxer m = new TsMuxer(o1);
            FlvReader r = new FlvReader(new ByteArrayInputStream(Vectors.resource("avc_aac.flv")));
            boolean switched = false;
            for (MediaMessage msg; (msg = r.next()) != null; ) {
                if (msg.isVideo()) {
                    if (!switched && msg.timestamp() >= 1000 && io.srs.kernel.codec.VideoTag.isKeyframe(msg.payload())) {
                        m.newSegment(o2);
                        switched = true;
                    }
                    m.writeVideo(msg);
                } else if (msg.isAudio()) {
                    m.writeAudio(msg);
                }
            }
            m.flush();
            assertTrue(switched);
        }
        int frames = 0;
        for (Path seg : List.of(one, two)) {
            Map<String, String> v = stream(probe(seg), "h264");
            assertEquals("640", v.get("width"));
            frames += Integer.parseInt(v.get("nb_read_frames"));
        }
        assertEquals(50, frames);
    }
}
