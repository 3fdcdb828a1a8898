package io.srs.app.e2e;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Strangers (connections that have not published or played) cost only what the server agreed
 * to, while a real publisher (FFmpeg) and a watching player keep going beside them.
 */
@Tag("e2e")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PreAuthLimitsE2eTest {
    private static final int MIB = 1024 * 1024;

    /**
     * After the handshake: Set Chunk Size 65536, then on chunk streams 3 and 4 one 64 KiB chunk
     * of a message announced as 8 MiB, never finished. The old reader allocated the announced
     * 8 MiB for each (300 sockets: 4.8 GB); now each holds the 64 KiB that arrived, and all
     * strangers together at most rtmp_limits.preauth_bytes.
     */
    static byte[] twoUnfinishedMessages() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0x02, 0, 0, 0, 0, 0, 4, 0x01, 0, 0, 0, 0, 0, 1, 0, 0});
        for (int csid = 3; csid <= 4; csid++) {
            out.writeBytes(new byte[]{(byte) csid, 0, 0, 0, (byte) 0x80, 0, 0, 0x09, 1, 0, 0, 0});
            out.writeBytes(new byte[65536]);
        }
        return out.toByteArray();
    }

    private static long heapAfterGc() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return m.getHeapMemoryUsage().getUsed();
    }

    @Test
    void threeHundredSocketsAnnouncingHugeMessagesCostLittleAndNoPlayerWaits() throws Exception {
        Path clip = Tools.clip(20);
        try (TestServer srs = TestServer.start("", "max_connections 2000;")) {
            CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/ok");
            try (Tools.Running pub = LiveOriginE2eTest.publish(clip, srs.url("live/ok"));
                 TestPlayer player = TestPlayer.play(srs.port, "live", "ok")) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                assertTrue(player.awaitVideoFrames(10, 20));
                long before = heapAfterGc();
                long attackStart = System.nanoTime();
                byte[] payload = twoUnfinishedMessages();
                List<RawClient> hostile = new ArrayList<>();
                try {
                    for (int i = 0; i < 300; i++) {
                        RawClient c = new RawClient(srs.port);
                        hostile.add(c);
                        c.session.handshake(false);
                        try {
                            OutputStream o = c.socket.getOutputStream();
                            o.write(payload);
                            o.flush();
                        } catch (java.io.IOException e) {
                            // Closed while writing: evicted over the budget, as it should be.
                        }
                    }
                    // 300 x 128 KiB arrived: 37.5 MiB, over the 32 MiB budget.
                    var memory = srs.app.server().preAuthMemory();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (memory.total() < 30L * MIB && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    long held = memory.total();
                    // Before the test's own System.gc(), which pauses the server too (same JVM).
                    double gap = player.maxGapMillisSince(attackStart);
                    assertTrue(held >= 30L * MIB && held <= 32L * MIB, "strangers hold " + held + " bytes");
                    long growth = heapAfterGc() - before;
                    assertTrue(growth <= 64L * MIB, "heap grew by " + growth / MIB + " MiB");
                    // The newest strangers were closed, the oldest kept.
                    assertTrue(hostile.get(hostile.size() - 1).closedByServer(5000), "newest stranger closed");
                    assertTrue(!hostile.get(0).closedByServer(200), "oldest stranger kept");
                    assertTrue(gap <= 500, "the player waited " + gap + " ms");
                    long frames = player.videoFrames();
                    assertTrue(player.awaitVideoFrames(frames + 25, 10), "the stream kept flowing");
                } finally {
                    for (RawClient c : hostile) {
                        c.close();
                    }
                }
            }
        }
    }

    @Test
    void slowlorisFromOneAddressLeavesRoomForAPlayerFromAnotherAndEachIsClosedAtItsDeadline() throws Exception {
        Path clip = Tools.clip(20);
        try (TestServer srs = TestServer.start("", "rtmp_limits { connect_timeout 4; }")) {
            CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/ok");
            try (Tools.Running pub = LiveOriginE2eTest.publish(clip, srs.url("live/ok"))) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                // 1,000 sockets from 127.0.0.1 that start a handshake and never finish it.
                List<java.net.Socket> slow = new ArrayList<>();
                long floodStart = System.nanoTime();
                try {
                    for (int i = 0; i < 1000; i++) {
                        java.net.Socket s = new java.net.Socket();
                        slow.add(s);
                        s.connect(new java.net.InetSocketAddress("127.0.0.1", srs.port), 5000);
                        try {
                            s.getOutputStream().write(3);
                        } catch (java.io.IOException refused) {
                            // Over the per-address share: closed at accept.
                        }
                    }
                    // A player from another address gets in and sees its first frame within 1 s.
                    long t0 = System.nanoTime();
                    try (TestPlayer player = TestPlayer.playFrom("127.0.0.2", srs.port, "live", "ok")) {
                        assertTrue(player.awaitFirstVideo(5), "first frame");
                        double ms = (System.nanoTime() - t0) / 1e6;
                        assertTrue(ms <= 1000, "first frame after " + ms + " ms");
                        // Every slow socket is closed at its deadline (4 s after accept), the
                        // player is not.
                        for (java.net.Socket s : slow) {
                            long left = floodStart + TimeUnit.SECONDS.toNanos(12) - System.nanoTime();
                            assertTrue(closed(s, (int) Math.max(1, left / 1_000_000)), "slow socket closed by its deadline");
                        }
                        long frames = player.videoFrames();
                        assertTrue(player.awaitVideoFrames(frames + 10, 10), "the player keeps playing");
                    }
                } finally {
                    for (java.net.Socket s : slow) {
                        s.close();
                    }
                }
            }
        }
    }

    @Test
    void aTrustedClientDribblingAMessageIsClosedAtTheMessageDeadline() throws Exception {
        try (TestServer srs = TestServer.start("", "rtmp_limits { message_timeout 1; }")) {
            try (RawClient c = RawClient.connected(srs.port, "live")) {
                int sid = c.session.createStream();
                c.session.play(sid, "nothing", 100);
                OutputStream o = c.socket.getOutputStream();
                // A 100-byte message, one byte every 300 ms: each read is well within any
                // read timeout, but the message never completes in time.
                o.write(new byte[]{0x03, 0, 0, 0, 0, 0, 100, 0x14, 0, 0, 0, 0});
                o.flush();
                long t0 = System.nanoTime();
                boolean closed = false;
                for (int i = 0; i < 30 && !closed; i++) {
                    try {
                        o.write(0);
                        o.flush();
                    } catch (java.io.IOException e) {
                        closed = true;
                    }
                    closed = closed || c.closedByServer(300);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                assertTrue(closed, "a dribbling client was closed");
                assertTrue(s < 4, "closed after " + s + " s");
            }
        }
    }

    /** True once the peer closed {@code s} within {@code millis}. */
    private static boolean closed(java.net.Socket s, int millis) throws java.io.IOException {
        if (s.isClosed()) {
            return true;
        }
        s.setSoTimeout(millis);
        try {
            while (true) {
                if (s.getInputStream().read(new byte[4096]) < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
