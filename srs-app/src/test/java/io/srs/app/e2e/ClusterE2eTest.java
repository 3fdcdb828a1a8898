package io.srs.app.e2e;

import io.srs.app.cluster.EdgeIngester;
import io.srs.app.cluster.EdgeStats;
import io.srs.app.cluster.Forwarder;
import io.srs.app.cluster.ForwardStats;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.rtmp.session.ClientKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forward and origin/edge with several servers in this JVM, FFmpeg as encoder and nginx-rtmp
 * as a third-party origin and forward destination.
 */
@Tag("e2e")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterE2eTest {

    /** Publishes {@code clip} in real time, looping, until closed. */
    static Tools.Running publishLoop(Path clip, String url) throws Exception {
        return Tools.start("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", clip.toString(), "-c", "copy", "-f", "flv", url);
    }

    static void await(BooleanSupplier condition, long seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    static long players(TestServer s) {
        return s.app.rtmp().clients().stream().filter(c -> c.kind() == ClientKind.PLAY).count();
    }

    static long publishers(TestServer s) {
        return s.app.rtmp().clients().stream().filter(c -> c.kind() != null && c.kind().isPublish()).count();
    }

    /** Payloads of the video frames (sequence headers left out). */
    static List<Bytes> videoPayloads(TestPlayer p) {
        List<Bytes> out = new ArrayList<>();
        for (MediaMessage m : p.media()) {
            if (m.isVideo() && m.payload().length() > 1 && m.payload().get(1) == 1) {
                out.add(m.payload());
            }
        }
        return out;
    }

    /** {@code relayed} is a run of {@code reference}'s frames, byte for byte, at least {@code min} long. */
    static void assertRelayed(List<Bytes> reference, List<Bytes> relayed, int min) {
        assertTrue(relayed.size() >= min, "relayed frames: " + relayed.size());
        int start = reference.indexOf(relayed.get(0));
        assertTrue(start >= 0, "first relayed frame is not one of the published frames");
        int n = Math.min(relayed.size(), reference.size() - start);
        assertTrue(n >= min, "overlap of " + n + " frames");
        for (int i = 0; i < n; i++) {
            assertEquals(reference.get(start + i), relayed.get(i), "frame " + i + " differs");
        }
    }

    @Test
    void forwardsToAnotherServerAndToNginxFrameForFrame() throws Exception {
        Path clip = Tools.clip(6);
        try (NginxRtmp nginx = NginxRtmp.start();
             TestServer b = TestServer.start();
             TestServer a = TestServer.start("forward { enabled on; destination 127.0.0.1:" + b.port
                     + " 127.0.0.1:" + nginx.port + "; }", "");
             TestPlayer onA = TestPlayer.play(a.port, "live", "fwd");
             TestPlayer onB = TestPlayer.play(b.port, "live", "fwd");
             TestPlayer onNginx = TestPlayer.play(nginx.port, "live", "fwd");
             Tools.Running pub = LiveOriginE2eTest.publish(clip, a.url("live/fwd"))) {
            assertTrue(onA.awaitVideoFrames(120, 30), "player on A");
            assertTrue(onB.awaitVideoFrames(100, 30), "player on B: " + onB.error());
            assertTrue(onNginx.awaitVideoFrames(100, 30), "player on nginx: " + onNginx.error() + nginx.log());
            assertRelayed(videoPayloads(onA), videoPayloads(onB), 100);
            assertRelayed(videoPayloads(onA), videoPayloads(onNginx), 100);

            List<ForwardStats> stats = a.app.cluster().stats("/live/fwd").forwards();
            assertEquals(2, stats.size(), stats.toString());
            for (ForwardStats s : stats) {
                assertEquals(1, s.connections(), s.toString());
                assertEquals(0, s.reconnects(), s.toString());
                assertEquals(Forwarder.State.FORWARDING, s.state(), s.toString());
            }
            assertEquals(0, pub.await(30).exit(), "ffmpeg publish");
            // Unpublish stops the forwarders and B loses its publisher.
            await(() -> a.app.cluster().forwards().all().isEmpty(), 10, "forwarders to stop");
            await(() -> publishers(b) == 0, 10, "B's publisher to leave");
        }
    }

    @Test
    void anUnreachableDestinationAffectsNeitherPublisherNorPlayers() throws Exception {
        Path clip = Tools.clip(4);
        int dead = TestServer.freePort();
        try (TestServer a = TestServer.start("forward { enabled on; destination 127.0.0.1:" + dead + "; }", "");
             TestPlayer player = TestPlayer.play(a.port, "live", "dead");
             Tools.Running pub = LiveOriginE2eTest.publish(clip, a.url("live/dead"))) {
            assertTrue(player.awaitVideoFrames(90, 20));
            List<Forwarder> f = a.app.cluster().forwards().forwarders("/live/dead");
            assertEquals(1, f.size());
            assertTrue(f.get(0).failures() >= 1, f.get(0).stats().toString());
            assertEquals(0, f.get(0).connections());
            assertEquals(0, pub.await(30).exit(), "the publisher finished normally");
            assertNull(player.error());
        }
    }

    @Test
    void aForwarderReconnectsWhenItsDestinationComesBack() throws Exception {
        Path clip = Tools.clip(6);
        int port = TestServer.freePort();
        try (Capture log = Capture.of(Forwarder.class);
             TestServer a = TestServer.start();
             Tools.Running pub = publishLoop(clip, a.url("live/rc"))) {
            await(() -> a.app.sources().find("/live/rc").map(s -> s.isPublishing()).orElse(false), 20, "publisher");
            Forwarder f;
            try (TestServer b = TestServer.startOn(port, "", "")) {
                // Enabling forward by reload starts it for the stream already live.
                a.reload("forward { enabled on; destination 127.0.0.1:" + port + "; }", "");
                await(() -> publishers(b) == 1, 20, "the forward to reach B");
                f = a.app.cluster().forwards().forwarders("/live/rc").getFirst();
            }
            // B is down: the forwarder retries with growing waits, logging each state once.
            await(() -> f.failures() >= 3, 20, "retries");
            try (TestServer b = TestServer.startOn(port, "", "");
                 TestPlayer onB = TestPlayer.play(port, "live", "rc")) {
                assertTrue(onB.awaitVideoFrames(25, 40), "player on the new B: " + onB.error());
                assertEquals(2, f.connections(), f.stats().toString());
                assertEquals(1, f.reconnects());
                assertEquals(Forwarder.State.FORWARDING, f.state());
                assertEquals(2, log.count("publishing"), log.toString());
                // "destination closed", then "connect refused" for all the retries.
                assertEquals(2, log.count("failed, retrying"), log.toString());
                assertTrue(f.failures() >= 3);
            }
            assertTrue(pub.process().isAlive(), "the publisher never noticed");
        }
    }

    @Test
    void aForwardToThisVeryServerIsALoopAndSkipped() throws Exception {
        Path clip = Tools.clip(4);
        try (TestServer a = TestServer.start()) {
            // Our own port is only known once started.
            a.reload("forward { enabled on; destination 127.0.0.1:" + a.port + " localhost:" + a.port + "; }", "");
            CountDownLatch live = LiveOriginE2eTest.published(a, "/live/loop");
            try (Tools.Running pub = LiveOriginE2eTest.publish(clip, a.url("live/loop"))) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                assertTrue(a.app.cluster().forwards().forwarders("/live/loop").isEmpty());
                assertEquals(0, pub.await(30).exit());
            }
        }
    }

    @Test
    void twentyEdgePlayersShareOneUpstreamConnection() throws Exception {
        Path clip = Tools.clip(6);
        try (TestServer origin = TestServer.start();
             TestServer edge = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + origin.port + "; }", "");
             Tools.Running pub = publishLoop(clip, origin.url("live/fan"))) {
            CountDownLatch live = LiveOriginE2eTest.published(origin, "/live/fan");
            assertTrue(live.await(20, TimeUnit.SECONDS) || origin.app.sources().find("/live/fan")
                    .map(s -> s.isPublishing()).orElse(false));
            List<TestPlayer> ps = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    ps.add(TestPlayer.play(edge.port, "live", "fan"));
                }
                for (TestPlayer p : ps) {
                    assertTrue(p.awaitVideoFrames(25, 20), "edge player: " + p.error());
                }
                assertEquals(1, players(origin), "one upstream connection at the origin for 20 players");
                EdgeStats s = edge.app.cluster().stats("/live/fan").edge().orElseThrow();
                assertEquals(1, s.connections(), s.toString());
                assertEquals("127.0.0.1:" + origin.port, s.origin());
            } finally {
                for (TestPlayer p : ps) {
                    p.close();
                }
            }
            // A while after the last player left, the edge stops pulling.
            await(() -> players(origin) == 0, 15, "the edge to stop pulling");
            await(() -> edge.app.cluster().edges().all().isEmpty(), 5, "the ingester to be gone");
        }
    }

    @Test
    void aStreamPublishedToTheEdgeIsPlayableFromTheOrigin() throws Exception {
        Path clip = Tools.clip(6);
        try (TestServer origin = TestServer.start();
             TestServer edge = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + origin.port + "; }", "");
             TestPlayer onOrigin = TestPlayer.play(origin.port, "live", "up");
             Tools.Running pub = LiveOriginE2eTest.publish(clip, edge.url("live/up"))) {
            assertTrue(onOrigin.awaitVideoFrames(100, 30), "player on the origin: " + onOrigin.error());
            assertEquals(1, publishers(origin), "the edge publishes at the origin");
            assertEquals("127.0.0.1:" + origin.port, edge.app.cluster().stats("/live/up").relayedTo().orElseThrow());
            assertEquals(0, pub.await(30).exit());
        }
    }

    @Test
    void aPublishToAnEdgeWithoutOriginIsRejected() throws Exception {
        Path clip = Tools.clip(4);
        int dead = TestServer.freePort();
        try (TestServer edge = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + dead + "; }", "");
             Tools.Running pub = LiveOriginE2eTest.publish(clip, edge.url("live/noorigin"))) {
            Tools.Result r = pub.await(30);
            assertTrue(r.exit() != 0, "ffmpeg must fail: " + r.err());
            assertTrue(edge.app.sources().find("/live/noorigin").isEmpty()
                    || !edge.app.sources().find("/live/noorigin").get().isPublishing());
        }
    }

    @Test
    void edgePlayersSurviveTheFailoverToTheSecondOrigin() throws Exception {
        Path clip = Tools.clip(6);
        Capture log = Capture.of(EdgeIngester.class);
        try (TestServer o1 = TestServer.start();
             TestServer o2 = TestServer.start();
             TestServer edge = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + o1.port
                     + " 127.0.0.1:" + o2.port + "; }", "");
             Tools.Running pub1 = publishLoop(clip, o1.url("live/fo"));
             Tools.Running pub2 = publishLoop(clip, o2.url("live/fo"))) {
            await(() -> o1.app.sources().find("/live/fo").map(s -> s.isPublishing()).orElse(false)
                    && o2.app.sources().find("/live/fo").map(s -> s.isPublishing()).orElse(false), 20, "publishers");
            try (TestPlayer player = TestPlayer.play(edge.port, "live", "fo")) {
                assertTrue(player.awaitVideoFrames(25, 20), "before failover: " + player.error());
                assertEquals(1, players(o1), "round robin starts with the first origin");
                assertEquals(0, players(o2));
                long before = player.videoFrames();
                o1.close();
                assertTrue(player.awaitVideoFrames(before + 50, 30), "after failover: " + player.error());
                assertNull(player.error(), "the player stayed connected");
                assertEquals(1, players(o2));
                EdgeStats s = edge.app.cluster().stats("/live/fo").edge().orElseThrow();
                assertEquals(1, s.failovers(), s.toString());
                assertEquals(2, s.connections(), s.toString());
                assertEquals(1, s.reconnects(), s.toString());
                assertEquals("127.0.0.1:" + o2.port, s.origin());
                assertEquals(1, log.count("failed over"), log.toString());
            }
        } finally {
            log.close();
        }
    }

    @Test
    void edgeOfAnEdgeOfAnOrigin() throws Exception {
        Path clip = Tools.clip(6);
        try (TestServer origin = TestServer.start();
             TestServer edge1 = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + origin.port + "; }", "");
             TestServer edge2 = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + edge1.port + "; }", "");
             TestPlayer onOrigin = TestPlayer.play(origin.port, "live", "chain");
             TestPlayer onEdge2 = TestPlayer.play(edge2.port, "live", "chain");
             Tools.Running pub = LiveOriginE2eTest.publish(clip, origin.url("live/chain"))) {
            assertTrue(onOrigin.awaitVideoFrames(100, 30));
            assertTrue(onEdge2.awaitVideoFrames(75, 30), "player on edge2: " + onEdge2.error());
            assertRelayed(videoPayloads(onOrigin), videoPayloads(onEdge2), 75);
            assertEquals(2, players(origin), "our player and edge1");
            assertEquals(1, players(edge1), "edge2");
        }
    }

    @Test
    void nginxRtmpAsTheOriginOfAnEdge() throws Exception {
        Path clip = Tools.clip(6);
        try (NginxRtmp nginx = NginxRtmp.start();
             TestServer edge = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + nginx.port + "; }", "");
             Tools.Running pub = publishLoop(clip, nginx.url("live/ngx"));
             TestPlayer onEdge = TestPlayer.play(edge.port, "live", "ngx")) {
            assertTrue(onEdge.awaitVideoFrames(50, 30), "player on the edge: " + onEdge.error() + nginx.log());
            assertEquals(1, edge.app.cluster().stats("/live/ngx").edge().orElseThrow().connections());
        }
    }

    /** Records a class's log lines (JUL is System.Logger's backend in tests). */
    static final class Capture extends Handler implements AutoCloseable {
        private final Logger logger;
        private final List<String> lines = new ArrayList<>();

        private Capture(Logger logger) {
            this.logger = logger;
        }

        static Capture of(Class<?> c) {
            return of(c.getName());
        }

        static Capture of(String loggerName) {
            Capture h = new Capture(Logger.getLogger(loggerName));
            h.logger.addHandler(h);
            return h;
        }

        @Override
        public synchronized void publish(LogRecord r) {
            String msg = r.getMessage();
            if (r.getParameters() != null) {
                msg = java.text.MessageFormat.format(msg, r.getParameters());
            }
            lines.add(msg);
        }

        synchronized long count(String text) {
            return lines.stream().filter(l -> l.contains(text)).count();
        }

        @Override
        public synchronized String toString() {
            return String.join("\n", lines);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
