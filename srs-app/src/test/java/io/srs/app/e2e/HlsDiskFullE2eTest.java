package io.srs.app.e2e;

import io.srs.testing.Tmpfs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HLS on a disk that fills up under a live stream (a real 3 MiB tmpfs): no segment that could
 * not be written completely is ever listed, writing resumes by itself once space returns, and
 * the stream's errors make one log line with a count, not one per failure.
 */
@Tag("e2e")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HlsDiskFullE2eTest {

    /** Every segment the playlist lists: present, non-empty, whole TS packets. */
    private static List<String> listedProblems(Path m3u8) throws IOException {
        List<String> problems = new ArrayList<>();
        if (!Files.exists(m3u8)) {
            return problems;
        }
        for (String line : Files.readAllLines(m3u8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Path ts = m3u8.getParent().resolve(line.substring(line.lastIndexOf('/') + 1));
            long size = Files.exists(ts) ? Files.size(ts) : -1;
            if (size < 188 * 10 || size % 188 != 0) {
                problems.add(line + " size " + size);
            }
        }
        return problems;
    }

    private static long lastListedSeq(Path m3u8) throws IOException {
        long seq = -1;
        if (!Files.exists(m3u8)) {
            return seq;
        }
        for (String line : Files.readAllLines(m3u8)) {
            if (line.endsWith(".ts")) {
                String n = line.substring(line.lastIndexOf('-') + 1, line.length() - 3);
                seq = Math.max(seq, Long.parseLong(n));
            }
        }
        return seq;
    }

    @Test
    void aFullDiskNeverListsAShortSegmentAndHlsResumesWhenSpaceReturns(@TempDir Path tmp) throws Exception {
        Tmpfs disk = Tmpfs.mount(tmp.resolve("disk"), "3m");
        Path dir = disk.dir;
        List<LogRecord> hlsWarnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    hlsWarnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger hlsLog = Logger.getLogger("io.srs.app.hls");
        hlsLog.addHandler(capture);
        Path clip = Tools.clip(30);
        try (TestServer srs = TestServer.start("hls { enabled on; hls_fragment 1; hls_window 60; hls_path " + dir
                + "; }", "")) {
            CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/full");
            Path m3u8 = dir.resolve("live/full.m3u8");
            try (Tools.Running pub = LiveOriginE2eTest.publish(clip, srs.url("live/full"))) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (lastListedSeq(m3u8) < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertTrue(lastListedSeq(m3u8) >= 1, "two segments before the disk fills");
                Path filler = disk.fill("filler");
                synchronized (capture) {
                    hlsWarnings.clear();
                }
                long fullUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
                while (System.nanoTime() < fullUntil) {
                    List<String> problems = listedProblems(m3u8);
                    assertTrue(problems.isEmpty(), "listed while the disk is full: " + problems);
                    Thread.sleep(50);
                }
                long seqWhenFull = lastListedSeq(m3u8);
                int warnings;
                synchronized (capture) {
                    warnings = hlsWarnings.size();
                }
                assertTrue(warnings >= 1 && warnings <= 2, "HLS warnings while full: " + warnings);
                // Space returns: a new, whole segment is listed within a few fragments.
                Files.delete(filler);
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
                while (lastListedSeq(m3u8) <= seqWhenFull && System.nanoTime() < deadline) {
                    assertTrue(listedProblems(m3u8).isEmpty(), listedProblems(m3u8).toString());
                    Thread.sleep(50);
                }
                assertTrue(lastListedSeq(m3u8) > seqWhenFull, "HLS resumed after space returned");
                assertTrue(listedProblems(m3u8).isEmpty(), listedProblems(m3u8).toString());
                String text = Files.readString(m3u8);
                assertTrue(text.contains("#EXT-X-DISCONTINUITY"), "the gap is marked\n" + text);
            }
        } finally {
            hlsLog.removeHandler(capture);
            disk.close();
        }
    }
}
