package io.srs.app.e2e;

import io.srs.kernel.media.MediaMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SRS's classic check: 30 pushers and 30 pullers at once, no packet lost or changed. */
@Tag("e2e")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ManyStreamsE2eTest {
    static final int STREAMS = 30;

    @Test
    void thirtyPublishersAndThirtyPlayersAreByteIdentical() throws Exception {
        Path clip = Tools.clip(6);
        List<MediaMessage> expected = LiveOriginE2eTest.flvFrames(clip);
        try (TestServer srs = TestServer.start()) {
            List<TestPlayer> players = new ArrayList<>();
            List<Tools.Running> publishers = new ArrayList<>();
            try {
                for (int i = 0; i < STREAMS; i++) {
                    players.add(TestPlayer.play(srs.port, "live", "s" + i));
                }
                for (int i = 0; i < STREAMS; i++) {
                    publishers.add(LiveOriginE2eTest.publish(clip, srs.url("live/s" + i)));
                }
                for (Tools.Running p : publishers) {
                    assertEquals(0, p.await(90).exit(), "publisher finished");
                }
                long expectedVideo = LiveOriginE2eTest.videoFrames(expected);
                for (int i = 0; i < STREAMS; i++) {
                    TestPlayer p = players.get(i);
                    assertTrue(p.awaitFrames(expected.size(), 20), "stream s" + i + ": " + p.videoFrames()
                            + " video frames of " + expectedVideo);
                    assertNull(p.error());
                    List<MediaMessage> got = p.media().stream().filter(m -> m.payload().get(1) == 1).toList();
                    assertEquals(expected.size(), got.size(), "stream s" + i + " message count");
                    for (int k = 0; k < expected.size(); k++) {
                        assertEquals(expected.get(k).type(), got.get(k).type(), "s" + i + " #" + k);
                        assertEquals(expected.get(k).payload(), got.get(k).payload(), "s" + i + " payload #" + k);
                    }
                }
            } finally {
                publishers.forEach(Tools.Running::close);
                for (TestPlayer p : players) {
                    p.close();
                }
            }
        }
    }
}
