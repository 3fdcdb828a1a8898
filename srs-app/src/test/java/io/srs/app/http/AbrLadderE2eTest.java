package io.srs.app.http;

import io.srs.testing.ExternalTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.srs.app.SrsApp;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ABR ladder with real FFmpeg and Chromium: a 720p stream and its 480p and 240p renditions
 * (transcode abr) give a master playlist of three variants whose RESOLUTION, CODECS and
 * BANDWIDTH are measured from the streams; the renditions' segments start on the same keyframes
 * with the same numbers and timestamps as the source's; the players page loads the master
 * playlist with hls.js, which reports three levels and the one it plays.
 *
 * <p>CPU is kept low for a shared 2-core machine: a 15 fps source copied from a file made once,
 * ultrafast single-threaded renditions at small bit rates, audio copied.
 */
@Tag("e2e")
class AbrLadderE2eTest {
    private static final Pattern STREAM_INF = Pattern.compile("#EXT-X-STREAM-INF:(.*)\\n([^#\\n]+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    SrsApp app;
    Process publisher;
    Process browser;

    @AfterEach
    void cleanup() throws InterruptedException {
        HeadlessChromium.stop(browser);
        if (publisher != null) {
            publisher.destroyForcibly();
            publisher.waitFor(10, TimeUnit.SECONDS);
        }
        if (app != null) {
            app.stop();
        }
    }

    /** 12 s of 1280x720 at 15 fps, GOP 1 s, 400 kbps H.264 + AAC; made once per build. */
    private static synchronized Path source() throws IOException, InterruptedException {
        Path media = Files.createDirectories(Path.of("target", "e2e-media"));
        Path f = media.resolve("abr-720p-12s.flv");
        if (!Files.exists(f)) {
            Path tmp = media.resolve("abr-720p-12s.tmp.flv");
            run(120, "ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=15",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "12",
                    "-c:v", "libx264", "-preset", "ultrafast", "-g", "15", "-pix_fmt", "yuv420p",
                    "-b:v", "400k", "-maxrate", "400k", "-bufsize", "400k", "-c:a", "aac", "-b:a", "48k",
                    "-f", "flv", tmp.toString());
            Files.move(tmp, f);
        }
        return f;
    }

    private static String run(long seconds, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("failed: " + String.join(" ", cmd));
        }
        return out;
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : null;
    }

    /** One variant of the master playlist. */
    record Variant(Map<String, String> attributes, String uri) {
        long bandwidth() {
            return Long.parseLong(attributes.get("BANDWIDTH"));
        }
    }

    static List<Variant> variants(String master) {
        List<Variant> out = new ArrayList<>();
        Matcher m = STREAM_INF.matcher(master);
        while (m.find()) {
            Map<String, String> attrs = new HashMap<>();
            Matcher a = Pattern.compile("([A-Z-]+)=(\"[^\"]*\"|[^,]*)").matcher(m.group(1));
            while (a.find()) {
                attrs.put(a.group(1), a.group(2).replace("\"", ""));
            }
            out.add(new Variant(attrs, m.group(2).trim()));
        }
        return out;
    }

    /** Media sequence number to segment URI of a media playlist. */
    static Map<Long, String> segments(String playlist) {
        Map<Long, String> out = new HashMap<>();
        long seq = -1;
        for (String line : playlist.split("\n")) {
            if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                seq = Long.parseLong(line.substring(22).trim());
            } else if (!line.isBlank() && !line.startsWith("#")) {
                out.put(seq++, line.trim());
            }
        }
        return out;
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void ladderOfThreeRenditionsPlaysInHlsJs() throws Exception {
        ExternalTool.require(ExternalTool.FFMPEG, ExternalTool.FFPROBE);
        String chromium = ExternalTool.CHROMIUM.require();
        Path clip = source();
        Path html = Files.createDirectories(dir.resolve("html"));
        int rtmp = RawHttp.freePort();
        int http = RawHttp.freePort();
        String engine = "enabled on; vcodec libx264; vprofile baseline; vpreset ultrafast; vthreads 1; "
                + "acodec copy; output rtmp://127.0.0.1:[port]/[app]/[stream]_[engine];";
        SrsConfig cfg = SrsConfig.parse("""
                listen %d;
                daemon off;
                srs_log_tank console;
                ff_log_dir %s;
                http_server { enabled on; listen 127.0.0.1:%d; dir %s; }
                vhost __defaultVhost__ {
                    hls { enabled on; hls_fragment 1; hls_window 20; hls_path %s; }
                    transcode live {
                        enabled on;
                        ffmpeg ffmpeg;
                        abr { enabled on; }
                        engine 480p { %s vbitrate 200; vwidth 854; vheight 480; }
                        engine 240p { %s vbitrate 80; vwidth 426; vheight 240; }
                    }
                }
                """.formatted(rtmp, dir, http, html, html, engine, engine), "abr.conf", dir, Map.of());
        app = new SrsApp(new ConfigStore(cfg));
        CountDownLatch published = new CountDownLatch(3);
        app.sources().addListener(new SourceListener() {
            @Override
            public void onPublish(LiveSource source) {
                if (Set.of("/live/src", "/live/src_480p", "/live/src_240p").contains(source.url())) {
                    published.countDown();
                }
            }

            @Override
            public void onUnpublish(LiveSource source) {
            }
        });
        app.start();
        publisher = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", clip.toString(), "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + rtmp + "/live/src")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("publish.log").toFile())
                .start();
        assertTrue(published.await(30, TimeUnit.SECONDS), "the source and both renditions published");

        // The master playlist lists all three once every rendition has a segment.
        String base = "http://127.0.0.1:" + http + "/live/";
        List<Variant> variants = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (variants.size() < 3 && System.nanoTime() < deadline) {
            String master = get(base + "src_abr.m3u8");
            variants = master == null ? List.of() : variants(master);
            if (variants.size() < 3) {
                Thread.sleep(250); // segments close once a second
            }
        }
        assertEquals(3, variants.size(), "variants in the master playlist: " + variants);
        System.out.println("abr master playlist: " + variants);
        assertEquals(List.of("src.m3u8", "src_480p.m3u8", "src_240p.m3u8"), variants.stream().map(Variant::uri).toList());
        assertEquals(List.of("1280x720", "854x480", "426x240"),
                variants.stream().map(v -> v.attributes().get("RESOLUTION")).toList());
        assertTrue(variants.get(0).bandwidth() > variants.get(1).bandwidth()
                && variants.get(1).bandwidth() > variants.get(2).bandwidth(), "bandwidth follows size: " + variants);

        // CODECS agree with what ffprobe reads from each variant's segments; the timestamps and
        // keyframes of segment N are the same in all three.
        Map<String, Map<Long, String>> lists = new HashMap<>();
        for (Variant v : variants) {
            lists.put(v.uri(), segments(get(base + v.uri())));
        }
        Set<Long> common = new TreeSet<>(lists.get("src.m3u8").keySet());
        lists.values().forEach(l -> common.retainAll(l.keySet()));
        assertFalse(common.isEmpty(), "segment numbers shared by all variants: " + lists);
        long seq = ((TreeSet<Long>) common).last();
        double sourceStart = -1;
        for (Variant v : variants) {
            Path segment = html.resolve("live").resolve(lists.get(v.uri()).get(seq));
            String[] probe = run(30, "ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                    "stream=profile,level:packet=pts_time,flags", "-read_intervals", "%+#1", "-of", "csv=p=0",
                    segment.toString()).strip().split("\n");
            // First line: the first packet "pts,flags"; last: the stream "profile,level".
            String[] packet = probe[0].split(",");
            String[] stream = probe[probe.length - 1].split(",");
            assertTrue(packet[1].startsWith("K"), v.uri() + " segment " + seq + " starts on a keyframe: " + probe[0]);
            double start = Double.parseDouble(packet[0]);
            if (sourceStart < 0) {
                sourceStart = start;
            }
            assertEquals(sourceStart, start, 0.1, v.uri() + " segment " + seq + " starts where the source's does");
            String codecs = v.attributes().get("CODECS");
            String level = String.format("%02x", Integer.parseInt(stream[1]));
            String idc = stream[0].contains("Baseline") ? "42" : stream[0].equals("Main") ? "4d" : "64";
            assertTrue(codecs.matches("avc1\\." + idc + "[0-9a-f]{2}" + level + ",mp4a\\.40\\.2"),
                    v.uri() + ": CODECS " + codecs + " for " + probe[probe.length - 1]);
        }

        // hls.js on the players page reports three levels and plays one of them.
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        String page = "http://127.0.0.1:" + http + "/players/?stream=live/src_abr";
        browser = HeadlessChromium.start(chromium, profile, page, dir.resolve("chromium.log"));
        try (PlayersPageE2eTest.Cdp cdp = PlayersPageE2eTest.Cdp.connect(profile, page)) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
            JsonNode last = null;
            while (System.nanoTime() < end) {
                last = cdp.evaluate("JSON.stringify(window.srsPlayer || {})");
                if (last.path("levels").asInt() == 3 && last.path("level").asInt(-1) >= 0
                        && "playing".equals(last.path("status").asText())
                        && last.path("currentTime").asDouble() > 1) {
                    return;
                }
                Thread.sleep(250); // the browser's clock is what we wait for
            }
            fail("hls.js did not play the ladder with 3 levels; last state " + last);
        }
    }
}
