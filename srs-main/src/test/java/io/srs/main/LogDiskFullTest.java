package io.srs.main;

import io.srs.rtmp.chunk.ChunkLimits;
import io.srs.rtmp.session.RtmpClientSession;
import io.srs.testing.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's log file on a disk that fills up (a real 64 KiB tmpfs): the server goes on
 * serving at its usual pace, says so once on stderr, drops whole lines (never half of one), and
 * once space returns the log goes on with one line counting what was lost.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LogDiskFullTest {
    @TempDir
    Path dir;

    /** One RTMP client: handshake and connect (each logs a line or two), then it leaves; its time in ms. */
    private static long connectAndLeave(int port) throws IOException {
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(5000);
            RtmpClientSession c = new RtmpClientSession(s.getInputStream(), s.getOutputStream(), ChunkLimits.DEFAULT);
            c.handshake(false);
            c.connect("live", "rtmp://127.0.0.1:" + port + "/live", "", "", Optional.empty());
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void aFullLogDiskCostsLinesNotService() throws Exception {
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), "64k")) {
            Path log = disk.dir.resolve("srs.log");
            int port = ProcessLifecycleTest.freePort();
            try (ServerProcess srs = ProcessLifecycleTest.startLoggingTo(dir, log, port)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                Path filler = disk.fill("filler");
                // 300 clients log ~600 lines (~100 KB): far more than the page left to the log.
                long slowest = 0;
                for (int i = 0; i < 300; i++) {
                    slowest = Math.max(slowest, connectAndLeave(port));
                }
                assertTrue(slowest < 2000, "a client waited " + slowest + " ms while the log disk was full");
                String said = srs.await(l -> l.contains("cannot write the log file"), 10);
                assertTrue(said.contains("No space left"), said);
                Files.delete(filler);
                connectAndLeave(port);
                while (!Files.readString(log).contains("lines lost while")) {
                    assertTrue(System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(30), "the log resumed");
                    srs.awaitQuiet(50);
                }
                String text = Files.readString(log);
                List<String> lines = text.lines().toList();
                for (String l : lines) {
                    assertTrue(l.startsWith("[20") && l.indexOf("[20", 1) < 0, "a whole line: " + l);
                }
                assertTrue(text.endsWith("\n"));
                var lost = java.util.regex.Pattern.compile("log: (\\d+) lines lost").matcher(text);
                assertTrue(lost.find());
                assertTrue(Long.parseLong(lost.group(1)) >= 100, "lost count: " + lost.group());
                assertEquals(1, srs.output().lines().filter(l -> l.contains("cannot write the log file")).count(),
                        "one line on stderr per outage:\n" + srs.output());
                srs.signal("INT");
                assertEquals(0, srs.waitFor(20));
            }
        }
    }
}
