package io.srs.app.http;

import io.srs.testing.ExternalTool;
import com.fasterxml.jackson.databind.JsonNode;
import io.srs.app.config.SrsConfig;
import io.srs.app.dvr.DvrManager;
import io.srs.app.hls.MediaTools;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceRegistry;
import io.srs.app.source.SourceSettings;
import io.srs.kernel.media.MediaMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A DVR recording in a real browser: a stream is recorded to (fragmented) MP4, the file is served
 * by our HTTP server, and headless Chromium's {@code <video>} must play it (currentTime advances).
 */
@Tag("e2e")
class DvrPlaybackE2eTest {
    @TempDir
    Path dir;

    final SourceRegistry registry = new SourceRegistry();
    final HttpServers servers = new HttpServers();
    HttpFileServer http;
    DvrManager dvr;
    Process browser;

    @AfterEach
    void cleanup() throws InterruptedException {
        HeadlessChromium.stop(browser);
        if (dvr != null) {
            dvr.close();
        }
        if (http != null) {
            http.close();
        }
        servers.close();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void chromiumPlaysARecordedMp4() throws Exception {
        ExternalTool.FFMPEG.require();
        String chromium = ExternalTool.CHROMIUM.require();

        Path html = Files.createDirectories(dir.resolve("html"));
        List<MediaMessage> media = MediaTools.read(MediaTools.flv(dir, "rec.flv", 6, true));
        int port = RawHttp.freePort();
        SrsConfig cfg = SrsConfig.parse("listen 1935; http_server { enabled on; listen 127.0.0.1:" + port + "; dir "
                + html + "; } vhost __defaultVhost__ { dvr { enabled on; dvr_path " + html
                + "/[app]/[stream].mp4; } }", "t.conf", dir, Map.of());
        ConfigStore store = new ConfigStore(cfg);
        http = new HttpFileServer(store, servers);
        http.start();
        dvr = new DvrManager(store, registry);
        CompletableFuture<String> recorded = new CompletableFuture<>();
        dvr.addListener((url, file) -> recorded.complete(file));
        dvr.start();
        // Recording is off the publisher's thread, so the clip can be published at full speed.
        LiveSource source = registry.publish("/live/rec", SourceSettings.DEFAULTS, "c1").orElseThrow();
        for (MediaMessage m : media) {
            MediaTools.publish(source, m);
        }
        source.unpublish();
        recorded.get(30, TimeUnit.SECONDS);
        Files.writeString(html.resolve("dvr.html"),
                "<!doctype html><video id=v src=\"/live/rec.mp4\" autoplay muted playsinline></video>");

        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        String page = "http://127.0.0.1:" + port + "/dvr.html?x=1";
        browser = HeadlessChromium.start(chromium, profile, page, dir.resolve("chromium.log"));

        try (PlayersPageE2eTest.Cdp cdp = PlayersPageE2eTest.Cdp.connect(profile, page)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            JsonNode last = null;
            while (System.nanoTime() < deadline) {
                // The page may still be loading: no element yet reads as time 0.
                last = cdp.evaluate("(v => JSON.stringify({time: v ? v.currentTime : 0,"
                        + " error: v && v.error ? v.error.code : 0, duration: v ? v.duration : 0}))"
                        + "(document.getElementById('v'))");
                if (last.get("error").asInt() != 0) {
                    fail("the video element failed: " + last);
                }
                if (last.get("time").asDouble() >= 2) {
                    return; // played 2 s of the recording
                }
                Thread.sleep(250); // the browser's clock is what we measure
            }
            fail("currentTime did not reach 2 s; last state " + last);
        }
    }
}
