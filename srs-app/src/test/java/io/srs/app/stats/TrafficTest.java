package io.srs.app.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrafficTest {
    private static final long S = 1_000_000_000L;

    @Test
    void averagesSinceCreationUntilThirtySecondsPassed() {
        Traffic t = new Traffic(0);
        t.add(1000, 5000);
        t.sample(2 * S);
        // 1000 B in 2 s = 4 kbps; 5000 B in 2 s = 20 kbps.
        assertEquals(4, t.recvKbps30s());
        assertEquals(20, t.sendKbps30s());
        assertEquals(1000, t.recvBytes());
        assertEquals(5000, t.sendBytes());
    }

    @Test
    void windowSlidesOverTheLastThirtySeconds() {
        Traffic t = new Traffic(0);
        // 10 s of heavy traffic (125000 B/s = 1000 kbps), then 40 s of silence.
        for (int i = 1; i <= 10; i++) {
            t.add(125_000, 0);
            t.sample(i * S);
        }
        assertEquals(1000, t.recvKbps30s());
        for (int i = 11; i <= 30; i++) {
            t.sample(i * S);
        }
        // 1.25 MB over 30 s.
        assertEquals(333, t.recvKbps30s());
        for (int i = 31; i <= 50; i++) {
            t.sample(i * S);
        }
        assertEquals(0, t.recvKbps30s(), "the heavy part left the window");
        assertEquals(1_250_000, t.recvBytes(), "totals never shrink");
    }

    @Test
    void followsANewRateWithinOneTick() {
        Traffic t = new Traffic(0);
        for (int i = 1; i <= 40; i++) {
            t.sample(i * S);
        }
        assertEquals(0, t.sendKbps30s());
        t.add(0, 3_750_000);
        t.sample(41 * S);
        // 3.75 MB in a 30 s window = 1000 kbps.
        assertEquals(1000, t.sendKbps30s());
    }
}
