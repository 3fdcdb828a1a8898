package io.srs.app.source;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JitterTest {
    @Test
    void fullKeepsSmallDeltasAndReplacesJumps() {
        Jitter j = new Jitter();
        assertEquals(9, j.correct(Media.audio(100_000), JitterAlgorithm.FULL), "first jump becomes 10ms from -1");
        assertEquals(49, j.correct(Media.audio(100_040), JitterAlgorithm.FULL));
        // A republish restarting at 0: a backwards jump becomes +10ms, never negative.
        assertEquals(59, j.correct(Media.audio(0), JitterAlgorithm.FULL));
        assertEquals(99, j.correct(Media.audio(40), JitterAlgorithm.FULL));
        // A forward jump past 250ms also becomes +10ms.
        assertEquals(109, j.correct(Media.audio(5_000), JitterAlgorithm.FULL));
    }

    @Test
    void fullSetsMetadataToZero() {
        assertEquals(0, new Jitter().correct(Media.metadata().withTimestamp(777), JitterAlgorithm.FULL));
    }

    @Test
    void fullIsContinuousAcrossThe32BitWrap() {
        Jitter j = new Jitter();
        long t = 0xFFFFFFFFL - 60;
        long prev = j.correct(Media.audio(t), JitterAlgorithm.FULL);
        long next = j.correct(Media.audio((t + 100) & 0xFFFFFFFFL), JitterAlgorithm.FULL);
        assertEquals(10, next - prev, "a wrapped timestamp reads as a jump, corrected to 10ms");
    }

    @Test
    void zeroStartsAtZeroAndKeepsDeltas() {
        Jitter j = new Jitter();
        assertEquals(0, j.correct(Media.audio(5000), JitterAlgorithm.ZERO));
        assertEquals(1000, j.correct(Media.audio(6000), JitterAlgorithm.ZERO));
        assertEquals(-1000, j.correct(Media.audio(4000), JitterAlgorithm.ZERO));
    }

    @Test
    void offLeavesTimestamps() {
        assertEquals(5000, new Jitter().correct(Media.audio(5000), JitterAlgorithm.OFF));
    }
}
