package io.srs.app.e2e;

import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.message.MessageCodec;
import io.srs.rtmp.message.RtmpCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pause/unpause and closeStream-then-play-again on one connection. */
@Tag("e2e")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlayControlE2eTest {

    private static String nextStatus(RawClient c) {
        while (true) {
            MediaMessage m = c.session.readMessage();
            if (MessageType.isCommand(m.type()) && MessageCodec.decode(m) instanceof RtmpCommand.OnStatus s) {
                return s.code();
            }
        }
    }

    private static int videoUntil(RawClient c, int frames) {
        int n = 0;
        while (n < frames) {
            if (c.session.readMessage().isVideo()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void pauseUnpauseAndReplayOnTheSameConnection() throws Exception {
        var clip = Tools.clip(10);
        try (TestServer srs = TestServer.start()) {
            CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/ctl");
            try (Tools.Running pub = LiveOriginE2eTest.publish(clip, srs.url("live/ctl"));
                 RawClient c = RawClient.connected(srs.port, "live")) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                int sid = c.session.createStream();
                c.session.play(sid, "ctl", 1000);
                assertEquals(10, videoUntil(c, 10));

                c.session.sendAndFlush(new RtmpCommand.Pause(0, true, 0), sid);
                assertEquals("NetStream.Pause.Notify", nextStatus(c));
                c.session.sendAndFlush(new RtmpCommand.Pause(0, false, 0), sid);
                assertEquals("NetStream.Unpause.Notify", nextStatus(c));
                assertEquals(10, videoUntil(c, 10));

                c.session.sendAndFlush(new RtmpCommand.CloseStream(0), sid);
                // Play again on the same connection.
                int sid2 = c.session.createStream();
                c.session.play(sid2, "ctl", 1000);
                assertEquals(10, videoUntil(c, 10));
            }
        }
    }

    @Test
    void anIdlePublisherIsKickedOffWhenConfigured() throws Exception {
        var clip = Tools.clip(10);
        try (TestServer srs = TestServer.start("publish { kickoff_for_idle 1; }", "")) {
            long start = System.nanoTime();
            Tools.Result r = LiveOriginE2eTest.publish(clip, srs.url("live/idle")).await(30);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(r.exit() != 0 && seconds < 8, "kicked after " + seconds + " s, exit " + r.exit());
        }
    }
}
