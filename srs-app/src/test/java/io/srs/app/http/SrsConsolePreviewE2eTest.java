package io.srs.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.srs.app.SrsApp;
import io.srs.app.config.SrsConfig;
import io.srs.app.hls.MediaTools;
import io.srs.app.server.ConfigStore;
import io.srs.testing.ExternalTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * SRS's own web console and {@code srs_player.html}, dropped into the http_server dir, against our
 * server in headless Chromium: the console's streams page lists the stream published by ffmpeg,
 * its "Preview" link is clicked, and SRS's player page must play the HTTP-FLV stream it derives
 * (currentTime advances by 3 s, frames decoded, no player error).
 *
 * <p>SRS's console is on no registry CI can reach and nothing fetched is committed, so this test is
 * tagged {@code research} (excluded from the default suite) and run by
 * {@code research/console-preview.sh}. It takes the {@code console/} and {@code players/} folders
 * from {@code -Dsrs.web.dir} or {@code SRS_WEB_DIR}, else extracts them from SRS's git mirror
 * ({@code SRS_MIRROR}, default {@code /work/.mirror/ossrs+srs/repo}); with none of them it fails,
 * as it only runs when asked for. {@code ConsoleContractE2eTest} checks the same contract with our
 * own fixture files in the default suite.
 */
@Tag("research")
class SrsConsolePreviewE2eTest {
    private static final String DEFAULT_MIRROR = "/work/.mirror/ossrs+srs/repo";

    @TempDir
    Path dir;

    SrsApp server;
    Process publisher;
    String webSource;
    Process browser;

    @AfterEach
    void cleanup() throws InterruptedException {
        HeadlessChromium.stop(browser);
        if (publisher != null) {
            publisher.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void previewFromSrsConsolePlaysTheStream() throws Exception {
        ExternalTool.FFMPEG.require();
        String chromium = ExternalTool.CHROMIUM.require();
        Path html = Files.createDirectories(dir.resolve("html"));
        Path web = srsWebDir();
        System.out.println("srs console from: " + webSource);
        copyTree(web.resolve("console"), html.resolve("console"));
        copyTree(web.resolve("players"), html.resolve("players"));

        int rtmp = RawHttp.freePort();
        int api = RawHttp.freePort();
        int http = RawHttp.freePort();
        server = new SrsApp(new ConfigStore(SrsConfig.parse("listen " + rtmp + "; daemon off; srs_log_tank console;"
                + " http_api { enabled on; listen 127.0.0.1:" + api + "; }"
                + " http_server { enabled on; listen 127.0.0.1:" + http + "; dir " + html + "; }"
                + " vhost __defaultVhost__ { hls { enabled on; hls_path " + html + "; }"
                + " http_remux { enabled on; mount [vhost]/[app]/[stream].flv; } }", "console.conf", dir, Map.of())));
        server.start();

        Path clip = MediaTools.flv(dir, "clip.flv", 60, true);
        publisher = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-re", "-i", clip.toString(), "-c", "copy",
                "-f", "flv", "rtmp://127.0.0.1:" + rtmp + "/live/livestream")
                .redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();

        // The console takes the API port from ?port= and the http_server port from ?http= (8080 otherwise).
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        String console = "http://127.0.0.1:" + api + "/console/en_index.html#/streams?port=" + api + "&http=" + http;
        browser = HeadlessChromium.start(chromium, profile, console, dir.resolve("chromium.log"));
        String expected = "http://127.0.0.1:" + http + "/players/srs_player.html?vhost=__defaultVhost__&app=live"
                + "&stream=livestream.flv&server=127.0.0.1&port=" + http + "&autostart=true&schema=http";
        try (PlayersPageE2eTest.Cdp cdp = PlayersPageE2eTest.Cdp.connect(profile,
                "http://127.0.0.1:" + api + "/console/en_index.html?")) {
            JsonNode links = awaitPreviewLinks(cdp);
            assertEquals(expected, links.get(0).asText(), "the URL the console's Preview builds");
            cdp.evaluate("(() => { [...document.querySelectorAll('a')].find(a => a.textContent.trim() === 'Preview')"
                    + ".click(); return '1'; })()", true);
        }
        try (PlayersPageE2eTest.Cdp player = PlayersPageE2eTest.Cdp.connect(profile, expected)) {
            JsonNode state = awaitPlaying(player);
            assertEquals("http://127.0.0.1:" + http + "/live/livestream.flv", state.get("url").asText(),
                    state.toString());
        }
    }

    /** The hrefs of the streams page's Preview links, once the stream is listed. */
    private JsonNode awaitPreviewLinks(PlayersPageE2eTest.Cdp cdp) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode links = null;
        while (System.nanoTime() < deadline) {
            links = cdp.evaluate("JSON.stringify([...document.querySelectorAll('a')]"
                    + ".filter(a => a.textContent.trim() === 'Preview').map(a => a.href))");
            if (links.size() > 0 && links.get(0).asText().contains("srs_player.html")) {
                return links;
            }
            Thread.sleep(250); // the console polls the API every 3 s
        }
        fail("the console listed no stream with a Preview link: " + links + "; page: "
                + cdp.evaluate("JSON.stringify(document.body.innerText)") + "\n"
                + PlayersPageE2eTest.tail(dir.resolve("chromium.log")));
        return links;
    }

    /** Waits until SRS's player page played 3 s; returns its last state. */
    private JsonNode awaitPlaying(PlayersPageE2eTest.Cdp player) throws Exception {
        // mpegts.js errors are reported through the player's event, which the page does not show.
        String probe = "(() => { const v = document.getElementById('video_player');"
                + " if (window.flvPlayer && !window.previewErrors) { window.previewErrors = [];"
                + " flvPlayer.on(mpegts.Events.ERROR, (t, d) => window.previewErrors.push(t + ' ' + d)); }"
                + " return JSON.stringify({time: v ? v.currentTime : 0, frames: v ? v.webkitDecodedFrameCount : 0,"
                + " mediaError: v && v.error ? v.error.code : 0, errors: window.previewErrors || [],"
                + " alert: window.jQuery ? jQuery('#main_flash_alert').is(':visible') : false,"
                + " player: !!window.flvPlayer, url: window.jQuery ? jQuery('#txt_url').val() : ''}); })()";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        double first = -1;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = player.evaluate(probe);
            double t = last.get("time").asDouble();
            if (first < 0 && t > 0) {
                first = t;
            }
            if (first >= 0 && t >= first + 3) {
                assertTrue(last.get("player").asBoolean(), "SRS's page played through mpegts.js: " + last);
                assertTrue(last.get("frames").asInt() > 0, "decoded frames: " + last);
                assertEquals(0, last.get("mediaError").asInt(), last.toString());
                assertEquals(0, last.get("errors").size(), last.toString());
                assertFalse(last.get("alert").asBoolean(), last.toString());
                System.out.printf("srs console preview: currentTime %.2f -> %.2f s, %s%n", first, t, last);
                return last;
            }
            Thread.sleep(250); // the browser's clock is what we measure
        }
        fail("SRS's player page did not play 3 s; last state " + last + "\n"
                + PlayersPageE2eTest.tail(dir.resolve("chromium.log")));
        return last;
    }

    /** SRS's research/ folder holding console/ and players/: given, or extracted from the mirror. */
    private Path srsWebDir() throws IOException, InterruptedException {
        String given = System.getProperty("srs.web.dir", System.getenv("SRS_WEB_DIR"));
        if (given != null && !given.isBlank()) {
            Path web = Path.of(given);
            if (!Files.isDirectory(web.resolve("console")) || !Files.isDirectory(web.resolve("players"))) {
                fail(web + " has no console/ and players/ folders (SRS's trunk/research)");
            }
            webSource = web.toString();
            return web;
        }
        String mirror = System.getenv().getOrDefault("SRS_MIRROR", DEFAULT_MIRROR);
        if (!Files.isDirectory(Path.of(mirror))) {
            fail("SRS's console is needed: set SRS_WEB_DIR to SRS's trunk/research, or SRS_MIRROR to a git"
                    + " clone of ossrs/srs (research/console-preview.sh does)");
        }
        Path out = Files.createDirectories(dir.resolve("srs-web"));
        Path tar = dir.resolve("srs-web.tar");
        Process git = new ProcessBuilder("git", "-C", mirror, "archive", "--format=tar", "-o", tar.toString(),
                "HEAD:trunk/research", "console", "players").redirectErrorStream(true).start();
        String gitOut = new String(git.getInputStream().readAllBytes());
        assertTrue(git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0, "git archive: " + gitOut);
        Process untar = new ProcessBuilder("tar", "-xf", tar.toString(), "-C", out.toString())
                .redirectErrorStream(true).start();
        String tarOut = new String(untar.getInputStream().readAllBytes());
        assertTrue(untar.waitFor(60, TimeUnit.SECONDS) && untar.exitValue() == 0, "tar: " + tarOut);
        webSource = mirror + " at " + git(mirror, "log", "-1", "--format=%h %cs", "HEAD") + ", SRS "
                + srsVersion(mirror);
        return out;
    }

    /** MAJOR.MINOR.REVISION from the newest trunk/src/core/srs_core_versionN.hpp of the mirror's HEAD. */
    private static String srsVersion(String mirror) throws IOException, InterruptedException {
        String header = git(mirror, "ls-tree", "--name-only", "HEAD", "trunk/src/core/").lines()
                .filter(n -> n.matches(".*/srs_core_version\\d+\\.hpp"))
                .max(Comparator.comparingInt(n -> Integer.parseInt(n.replaceAll("\\D", ""))))
                .orElse(null);
        if (header == null) {
            return "(unknown version)";
        }
        String text = git(mirror, "show", "HEAD:" + header);
        StringBuilder v = new StringBuilder();
        for (String part : List.of("VERSION_MAJOR", "VERSION_MINOR", "VERSION_REVISION")) {
            String n = text.lines().filter(l -> l.startsWith("#define " + part + " "))
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1)).findFirst().orElse("?");
            v.append(v.isEmpty() ? "" : ".").append(n);
        }
        return v.toString();
    }

    private static String git(String mirror, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", mirror));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "git " + cmd);
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
