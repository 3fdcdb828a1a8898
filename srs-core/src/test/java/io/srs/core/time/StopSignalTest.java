package io.srs.core.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StopSignalTest {
    @Test
    void sleepsTheWholeIntervalWhenNotStopped() {
        StopSignal s = new StopSignal();
        long start = System.nanoTime();
        assertTrue(s.sleep(Duration.ofMillis(30)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(30));
    }

    @Test
    @Timeout(10)
    void stopWakesASleeperAtOnce() throws Exception {
        StopSignal s = new StopSignal();
        CompletableFuture<Boolean> slept = CompletableFuture.supplyAsync(() -> s.sleep(Duration.ofHours(1)));
        s.stop();
        assertFalse(slept.get(5, TimeUnit.SECONDS));
        assertTrue(s.isStopped());
        assertFalse(s.sleep(Duration.ofHours(1)), "once stopped, sleep returns at once");
    }
}
