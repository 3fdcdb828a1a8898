package io.srs.app.http;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Starts and ends the headless Chromium the browser tests drive through
 * {@link PlayersPageE2eTest.Cdp}: one profile per test, autoplay allowed, the test's own
 * self-signed certificates accepted, its output in a log file of the test.
 *
 * <p>Stateless.
 */
final class HeadlessChromium {
    private HeadlessChromium() {
    }

    static Process start(String chromium, Path profile, String page, Path log) throws IOException {
        return new ProcessBuilder(chromium, "--headless", "--ignore-certificate-errors", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
                "--mute-audio", "--user-data-dir=" + profile, "--remote-debugging-port=0", page)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Chromium forks renderer, GPU and zygote processes: ends them all. */
    static void stop(Process browser) throws InterruptedException {
        if (browser == null) {
            return;
        }
        browser.descendants().forEach(ProcessHandle::destroyForcibly);
        browser.destroyForcibly();
        browser.waitFor(10, TimeUnit.SECONDS);
    }
}
