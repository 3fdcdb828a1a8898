package io.srs.app.source;

import io.srs.kernel.media.MediaBatch;
import io.srs.kernel.media.MediaMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared log behind the fan-out: cursors, bounds, wakes, and many readers at once. */
class SharedLogTest {
    private static final SourceSettings OFF_JITTER =
            new SourceSettings(true, 2500, 30_000, JitterAlgorithm.OFF, false, false, false, false);

    private static List<MediaMessage> drain(Consumer c) {
        List<MediaMessage> out = new ArrayList<>();
        c.drain(out, 1_000_000);
        return out;
    }

    /**
     * A player that never reads while the log passes its entry bound falls off the tail: what it
     * missed is counted as dropped, it keeps the sequence header and resumes at a keyframe, while
     * a player that keeps up loses nothing; and the log forgets what everyone has read.
     */
    @Test
    void aCursorThatFallsOffTheTailOverflowsAndAFastReaderLosesNothing() {
        SourceRegistry reg = new SourceRegistry();
        LiveSource src = reg.publish("/live/a", OFF_JITTER, "pub").orElseThrow();
        src.onVideo(Media.videoHeader(0));
        src.onVideo(Media.keyframe(0));
        Consumer slow = reg.createConsumer("/live/a", OFF_JITTER, true);
        Consumer fast = reg.createConsumer("/live/a", OFF_JITTER, true);
        assertEquals(2, drain(fast).size(), "header and GOP");
        int n = MessageLog.MAX_ENTRIES + 5_000;
        long got = 0;
        // Frozen timestamps: neither the queue's duration bound nor its byte bound trips; only
        // the log's entry bound can catch the slow player.
        for (int i = 0; i < n; i++) {
            src.onVideo(Media.interframe(40));
            if (i % 100 == 99) {
                got += drain(fast).size();
            }
        }
        assertTrue(src.logSize() <= MessageLog.MAX_ENTRIES, "bounded: " + src.logSize());
        src.onVideo(Media.keyframe(80));
        src.onVideo(Media.interframe(120));
        got += drain(fast).size();
        assertEquals(n + 2, got, "the fast player got every message");
        assertEquals(0, fast.dropped());
        assertTrue(src.logLost() > 0);

        List<MediaMessage> video = drain(slow).stream().filter(MediaMessage::isVideo).toList();
        assertTrue(slow.dropped() >= n - MessageLog.MAX_ENTRIES, "counted: " + slow.dropped());
        assertTrue(slow.shrinks() > 0);
        assertEquals(0, video.get(0).payload().get(1), "the sequence header first");
        assertEquals(0x17, video.get(1).payload().get(0), "then a keyframe");
        assertEquals(80, video.get(1).timestamp(), "the next keyframe, not a stale frame");
        assertEquals(3, video.size(), "header, keyframe, interframe: " + video.size());

        // Both read up to the tail: the next append lets the log forget everything before.
        src.onAudio(Media.audio(130));
        src.onAudio(Media.audio(140));
        assertTrue(src.logSize() <= 2, "trimmed to what is unread: " + src.logSize());
    }

    /**
     * A waiting player is woken once its merged-write window is full, not on every message; and
     * a thousand waiting players cost the publisher no wake at all while their windows fill.
     */
    @Test
    void waitingPlayersAreWokenOncePerMergedWindowNotPerMessage() throws Exception {
        SourceRegistry reg = new SourceRegistry();
        LiveSource src = reg.publish("/live/a", OFF_JITTER, "pub").orElseThrow();
        List<Consumer> idle = new ArrayList<>();
        List<Thread> idleThreads = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Consumer c = reg.createConsumer("/live/a", OFF_JITTER, true);
            idle.add(c);
            idleThreads.add(Thread.ofVirtual().start(() -> {
                try {
                    c.await(1, 10_000, 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        Consumer c = reg.createConsumer("/live/a", OFF_JITTER, true);
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                c.await(1, 350, 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        awaitParked(waiter);
        for (Thread t : idleThreads) {
            awaitParked(t);
        }
        for (long ts = 40; ts < 40 + 350; ts += 40) {
            src.onVideo(Media.interframe(ts));
            src.onAudio(Media.audio(ts + 20));
            assertEquals(0, c.publisherWakes(), "window not full at " + ts);
            assertTrue(waiter.isAlive());
        }
        src.onVideo(Media.interframe(400));
        assertEquals(1, c.publisherWakes(), "woken when 350 ms are queued");
        assertTrue(waiter.join(Duration.ofSeconds(5)));
        assertTrue(c.size() > 1);
        long wakes = idle.stream().mapToLong(Consumer::publisherWakes).sum();
        assertEquals(0, wakes, "players whose window is not full were not woken");
        for (Consumer i : idle) {
            i.close();
        }
        for (Thread t : idleThreads) {
            assertTrue(t.join(Duration.ofSeconds(5)), "close wakes a waiting player");
        }
    }

    /**
     * A merged-write waiter whose queue gets only a trickle (timestamps frozen, so its queue never
     * spans the window) still goes out with the next message after the window's wall time.
     */
    @Test
    void aTrickleWakesTheWaiterAfterTheWindowsWallTime() throws Exception {
        SourceRegistry reg = new SourceRegistry();
        LiveSource src = reg.publish("/live/a", OFF_JITTER, "pub").orElseThrow();
        Consumer c = reg.createConsumer("/live/a", OFF_JITTER, true);
        src.onAudio(Media.audio(10));
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                c.await(8, 50, 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        awaitParked(waiter);
        long t0 = System.nanoTime();
        while (waiter.isAlive() && System.nanoTime() - t0 < 5_000_000_000L) {
            src.onAudio(Media.audio(10));
            waiter.join(Duration.ofMillis(5));
        }
        assertFalse(waiter.isAlive(), "the trickle went out");
        assertTrue(c.size() >= 1);
    }

    /**
     * One publisher and 40 players on their own threads at once, 20 of them slow with a short
     * queue: every fast player gets every message in order exactly once, the slow ones overflow
     * (counted) without stalling anyone, and nothing is left parked.
     */
    @Test
    void concurrentPublishAndReadStress() throws Exception {
        SourceSettings small = new SourceSettings(true, 2500, 300, JitterAlgorithm.OFF, false, false, false, false);
        SourceRegistry reg = new SourceRegistry();
        LiveSource src = reg.publish("/live/a", OFF_JITTER, "pub").orElseThrow();
        src.onVideo(Media.videoHeader(0));
        src.onVideo(Media.keyframe(0));
        int messages = 20_000;
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> fast = new ArrayList<>();
        List<Consumer> slowConsumers = new ArrayList<>();
        List<Thread> slow = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            Consumer c = reg.createConsumer("/live/a", OFF_JITTER, true);
            int mw = p % 3 == 0 ? 0 : 30;
            fast.add(Thread.ofVirtual().start(() -> {
                MediaBatch batch = new MediaBatch(64);
                long expect = 1;
                int seen = 0;
                try {
                    while (expect <= messages) {
                        if (!c.await(seen == 0 ? 0 : 4, mw, 0)) {
                            errors.add("closed early");
                            return;
                        }
                        batch.clear();
                        c.drain(batch, 1_000_000);
                        for (int i = 0; i < batch.size(); i++) {
                            seen++;
                            if (seen <= 2) {
                                continue; // header and keyframe from the GOP
                            }
                            long ts = batch.timestamp(i);
                            if (ts != expect) {
                                errors.add("expected " + expect + ", got " + ts);
                                return;
                            }
                            expect++;
                        }
                    }
                } catch (InterruptedException e) {
                    errors.add("interrupted");
                } finally {
                    c.close();
                }
            }));
        }
        for (int p = 0; p < 20; p++) {
            Consumer c = reg.createConsumer("/live/a", small, true);
            slowConsumers.add(c);
            slow.add(Thread.ofVirtual().start(() -> {
                List<MediaMessage> out = new ArrayList<>();
                try {
                    while (!done.get() && c.await(0, 0, 100)) {
                        out.clear();
                        c.drain(out, 3);
                        Thread.sleep(2);
                    }
                } catch (InterruptedException e) {
                    errors.add("interrupted");
                }
            }));
        }
        Thread publisher = Thread.ofVirtual().start(() -> {
            for (int i = 1; i <= messages; i++) {
                // Audio only after the keyframe: 1 ms apart, so the slow players' 300 ms bound trips.
                src.onAudio(Media.audio(i));
            }
        });
        assertTrue(publisher.join(Duration.ofSeconds(30)), "the publisher never waits for a player");
        // The last window may be short of the merged-write wait: the unpublish flushes it.
        src.unpublish();
        for (Thread t : fast) {
            assertTrue(t.join(Duration.ofSeconds(30)), "a fast player got everything");
        }
        assertTrue(errors.isEmpty(), errors.toString());
        // However far each slow reader got meanwhile, its queue is bounded and its drops counted.
        for (Consumer c : slowConsumers) {
            assertTrue(c.size() < 400, "bounded by 300 ms of 1 ms messages: " + c.size());
        }
        long slowDrops = slowConsumers.stream().mapToLong(Consumer::dropped).sum();
        done.set(true);
        for (Consumer c : slowConsumers) {
            c.close();
        }
        for (Thread t : slow) {
            assertTrue(t.join(Duration.ofSeconds(10)));
        }
        assertTrue(slowDrops > 0, "slow players overflowed");
        assertEquals(0, src.consumerCount());
    }

    /** Waits until {@code t} is parked (in a wait that only a wake ends). */
    private static void awaitParked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.WAITING, t.getState());
    }
}
