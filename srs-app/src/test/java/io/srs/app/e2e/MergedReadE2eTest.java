package io.srs.app.e2e;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code publish { mr on; }}: FFmpeg's stream relays frame for frame to an FFmpeg player while
 * the merged read is on, and while reloads turn it off and on again under the live publisher.
 */
@Tag("e2e")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MergedReadE2eTest {
    private static final String MR_ON = "publish { mr on; mr_latency 350; }";

    @Test
    void publisherWithMergedReadRelaysLosslesslyAcrossReloadsTogglingIt() throws Exception {
        Path clip = Tools.clip(6);
        try (TestServer srs = TestServer.start(MR_ON, "")) {
            // The player comes first and waits; it ends 3 s after the stream stops.
            try (Tools.Running player = Tools.start("ffmpeg", "-hide_banner", "-loglevel", "error",
                    "-rw_timeout", "3000000", "-i", srs.url("live/mr"), "-c", "copy", "-f", "framemd5", "-")) {
                TestPlayer waiting = TestPlayer.play(srs.port, "live", "mr");
                waiting.close();
                CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/mr");
                try (Tools.Running pub = LiveOriginE2eTest.publish(clip, srs.url("live/mr"))) {
                    assertTrue(live.await(20, TimeUnit.SECONDS));
                    try (TestPlayer watch = TestPlayer.play(srs.port, "live", "mr")) {
                        assertTrue(watch.awaitVideoFrames(25, 20), "with mr on: " + watch.error());
                        srs.reload("publish { mr off; }", "");
                        long seen = watch.videoFrames();
                        assertTrue(watch.awaitVideoFrames(seen + 25, 20), "after mr off: " + watch.error());
                        srs.reload(MR_ON, "");
                        seen = watch.videoFrames();
                        assertTrue(watch.awaitVideoFrames(seen + 25, 20), "after mr on again: " + watch.error());
                    }
                    assertEquals(0, pub.await(60).exit());
                }
                LiveOriginE2eTest.assertLossless(clip, player.await(60));
            }
        }
    }
}
