package io.srs.research.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of another process (the server under test), from
 * /proc/PID/stat (utime + stime, fields 14 and 15, in clock ticks of 1/100 s on Linux) and
 * /proc/PID/status (VmRSS).
 *
 * @param cpuSeconds    user + system CPU seconds so far, NaN when unreadable
 * @param systemSeconds the system (kernel) part of it
 * @param rssKb         resident set size in KiB, -1 when unreadable
 */
record ProcSample(long nanoTime, double cpuSeconds, double systemSeconds, long rssKb) {
    /** USER_HZ; 100 on every Linux architecture we run on. */
    private static final double TICKS_PER_SECOND = 100.0;

    static ProcSample of(long pid) {
        long now = System.nanoTime();
        double cpu = Double.NaN;
        double sys = Double.NaN;
        long rss = -1;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may contain spaces and parentheses: fields start after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state), so utime (14) is f[11] and stime (15) f[12].
            cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
            sys = Long.parseLong(f[12]) / TICKS_PER_SECOND;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process is gone or /proc is not Linux's: report what we have.
        }
        return new ProcSample(now, cpu, sys, rss);
    }
}
