package io.srs.main;

import io.srs.rtmp.chunk.ChunkLimits;
import io.srs.rtmp.session.RtmpClientSession;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
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

    private static void mountTmpfs(Path at) throws Exception {
        Files.createDirectories(at);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", at.toString())
                .redirectErrorStream(true).start();
        boolean ok = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (!ok) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("needs root to mount a tmpfs");
            }
            Assumptions.abort("mount -t tmpfs needs root");
        }
    }

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
        Path disk = dir.resolve("disk");
        mountTmpfs(disk);
        try {
            Path log = disk.resolve("srs.log");
            int port = ProcessLifecycleTest.freePort();
            Path conf = dir.resolve("srs.conf");
            Files.writeString(conf, """
                    listen %d;
                    daemon off;
                    srs_log_tank file;
                    srs_log_file %s;
                    pid %s;
                    vhost __defaultVhost__ {
                    }
                    """.formatted(port, log, dir.resolve("srs.pid")));
            try (ServerProcess srs = ServerProcess.start(dir, "-c", conf.toString())) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!(Files.exists(log) && Files.readString(log).contains("started"))) {
                    assertTrue(System.nanoTime() < deadline, "server logged its start to the file");
                    srs.awaitQuiet(50);
                }
                Path filler = disk.resolve("filler");
                try (OutputStream o = Files.newOutputStream(filler)) {
                    byte[] b = new byte[1024];
                    while (true) {
                        o.write(b);
                    }
                } catch (IOException full) {
                    // No space left on device.
                }
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
        } finally {
            new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
