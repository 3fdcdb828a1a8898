package io.srs.app.rtmp;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The publishers' receive timeout: fires after the timeout without a byte, never while bytes arrive. */
class IdleReadWatchdogTest {

    @Test
    void firesOnlyForTheConnectionThatStoppedSending() throws Exception {
        try (IdleReadWatchdog dog = new IdleReadWatchdog()) {
            AtomicLong silent = new AtomicLong(100);
            AtomicLong busy = new AtomicLong();
            CountDownLatch silentClosed = new CountDownLatch(1);
            CountDownLatch busyClosed = new CountDownLatch(1);
            long start = System.nanoTime();
            IdleReadWatchdog.Watch s = dog.watch(silent::get, 600, silentClosed::countDown);
            IdleReadWatchdog.Watch b = dog.watch(busy::get, 600, busyClosed::countDown);
            // The busy one gets a byte every 100 ms, far within its timeout.
            while (silentClosed.getCount() > 0 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
                busy.incrementAndGet();
                Thread.sleep(100);
            }
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(s.fired(), "the silent connection was closed");
            assertTrue(took >= 600, "not before its timeout: " + took + " ms");
            assertFalse(b.fired(), "the busy connection was left alone");
            dog.unwatch(b);
            assertFalse(busyClosed.await(1, TimeUnit.SECONDS), "unwatched: never closed");
        }
    }
}
