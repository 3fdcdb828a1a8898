package io.srs.research.load;

import java.time.Duration;

/** This process's CPU time (user + system), from the OS. Thread-safe. */
final class ProcCpu {
    private ProcCpu() {
    }

    /** CPU seconds used so far by this process, or NaN if the OS does not say. */
    static double seconds() {
        return ProcessHandle.current().info().totalCpuDuration()
                .map(Duration::toNanos).map(n -> n / 1e9).orElse(Double.NaN);
    }
}
