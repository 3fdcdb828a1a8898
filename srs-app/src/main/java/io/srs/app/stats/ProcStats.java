package io.srs.app.stats;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The process and system figures SRS shows in {@code /api/v1/summaries}, {@code rusages},
 * {@code self_proc_stats}, {@code system_proc_stats} and {@code meminfos}, read from /proc
 * (srs_app_utility.cpp). CPU and disk percentages need two readings, so {@link #sample()} is
 * called periodically and the API shows the latest sample. On a system without /proc the
 * figures are 0 and {@code ok} is false.
 *
 * <p>Thread-safe.
 */
public final class ProcStats {
    /** Linux's USER_HZ (jiffies per second in /proc), 100 on every mainstream architecture. */
    static final int USER_HZ = 100;
    /** RSS in /proc/self/stat is in pages; SRS (and we) assume 4 KiB pages. */
    static final int PAGE_KB = 4;

    private final Path proc;
    private final List<String> disks;
    private final ReentrantLock lock = new ReentrantLock();

    private ProcFiles.SelfStat self;
    private long selfSampleMillis;
    private double selfPercent;
    private Map<String, Long> cpu = Map.of();
    private long cpuSampleMillis;
    private double cpuPercent;
    private long[] disk;
    private long diskSampleMillis;
    private long diskReadKBps;
    private long diskWriteKBps;
    private double diskBusy;

    /**
     * @param proc  the /proc root (a directory of fixtures in tests)
     * @param disks device names to sum for disk figures ({@code stats.disk}); empty for none
     */
    public ProcStats(Path proc, List<String> disks) {
        this.proc = proc;
        this.disks = List.copyOf(disks);
        sample();
    }

    public ProcStats() {
        this(Path.of("/proc"), List.of());
    }

    /** Takes a new reading; the percentages are over the time since the previous one. */
    public void sample() {
        long now = System.currentTimeMillis();
        ProcFiles.SelfStat s = ProcFiles.selfStat(ProcFiles.read(proc.resolve("self/stat")));
        Map<String, Long> c = ProcFiles.cpuStat(ProcFiles.read(proc.resolve("stat")));
        long[] d = disks.isEmpty() ? null : diskTotals();
        lock.lock();
        try {
            if (s != null) {
                if (self != null && now > selfSampleMillis) {
                    long used = s.get("utime") + s.get("stime") - self.get("utime") - self.get("stime");
                    selfPercent = used * 1000.0 / (now - selfSampleMillis) / USER_HZ;
                }
                self = s;
                selfSampleMillis = now;
            }
            if (!c.isEmpty()) {
                long total = total(c) - total(cpu);
                if (!cpu.isEmpty() && total > 0) {
                    cpuPercent = 1 - (c.get("idle") - cpu.get("idle")) / (double) total;
                }
                cpu = c;
                cpuSampleMillis = now;
            }
            if (d != null) {
                if (disk != null && now > diskSampleMillis) {
                    long ms = now - diskSampleMillis;
                    diskReadKBps = (d[0] - disk[0]) * 512 / 1024 * 1000 / ms;
                    diskWriteKBps = (d[1] - disk[1]) * 512 / 1024 * 1000 / ms;
                    diskBusy = Math.min(1.0, (d[2] - disk[2]) / (double) ms);
                }
                disk = d;
                diskSampleMillis = now;
            }
        } finally {
            lock.unlock();
        }
    }

    private long[] diskTotals() {
        Map<String, long[]> all = ProcFiles.diskStats(ProcFiles.read(proc.resolve("diskstats")));
        long[] sum = new long[3];
        for (String name : disks) {
            long[] v = all.get(name);
            if (v != null) {
                for (int i = 0; i < 3; i++) {
                    sum[i] += v[i];
                }
            }
        }
        return sum;
    }

    private static long total(Map<String, Long> c) {
        long t = 0;
        for (String f : new String[] {"user", "nice", "sys", "idle", "iowait", "irq", "softirq"}) {
            t += c.getOrDefault(f, 0L);
        }
        return t;
    }

    /** This process's CPU use since the previous sample, as a fraction of one core (SRS's {@code percent}). */
    public double selfCpuPercent() {
        lock.lock();
        try {
            return selfPercent;
        } finally {
            lock.unlock();
        }
    }

    /** Resident set size in KiB (SRS's {@code srs_memory} metric). */
    public long rssKbyte() {
        lock.lock();
        try {
            return self == null ? 0 : self.get("rss") * PAGE_KB;
        } finally {
            lock.unlock();
        }
    }

    /** Whole-system CPU use since the previous sample, 0..1. */
    public double systemCpuPercent() {
        lock.lock();
        try {
            return cpuPercent;
        } finally {
            lock.unlock();
        }
    }

    /** The parent pid from /proc/self/stat, or -1. */
    public long ppid() {
        lock.lock();
        try {
            return self == null ? ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) : self.get("ppid");
        } finally {
            lock.unlock();
        }
    }

    /** {@code /api/v1/self_proc_stats} data. */
    public ObjectNode dumpSelf() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        lock.lock();
        try {
            o.put("ok", self != null);
            o.put("sample_time", selfSampleMillis);
            o.put("percent", selfPercent);
            o.put("pid", self == null ? ProcessHandle.current().pid() : self.pid());
            o.put("comm", self == null ? "" : self.comm());
            o.put("state", self == null ? "" : self.state());
            for (String f : ProcFiles.SELF_STAT_FIELDS) {
                o.put(f, self == null ? 0 : self.get(f));
            }
        } finally {
            lock.unlock();
        }
        return o;
    }

    /** {@code /api/v1/system_proc_stats} data. */
    public ObjectNode dumpSystem() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        lock.lock();
        try {
            o.put("ok", !cpu.isEmpty());
            o.put("sample_time", cpuSampleMillis);
            o.put("percent", cpuPercent);
            for (String f : ProcFiles.CPU_FIELDS) {
                o.put(f, cpu.getOrDefault(f, 0L));
            }
        } finally {
            lock.unlock();
        }
        return o;
    }

    /** {@code /api/v1/meminfos} data; the derived fields follow SRS's {@code srs_update_meminfo}. */
    public ObjectNode dumpMeminfo() {
        Map<String, Long> m = ProcFiles.keyValues(ProcFiles.read(proc.resolve("meminfo")));
        long total = m.getOrDefault("MemTotal", 0L);
        long free = m.getOrDefault("MemFree", 0L);
        long buffers = m.getOrDefault("Buffers", 0L);
        long cached = m.getOrDefault("Cached", 0L);
        long swapTotal = m.getOrDefault("SwapTotal", 0L);
        long swapFree = m.getOrDefault("SwapFree", 0L);
        long active = total - free;
        long realInUse = active - buffers - cached;
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ok", total > 0);
        o.put("sample_time", System.currentTimeMillis());
        o.put("percent_ram", total > 0 ? realInUse / (double) total : 0);
        o.put("percent_swap", swapTotal > 0 ? (swapTotal - swapFree) / (double) swapTotal : 0);
        o.put("MemActive", active);
        o.put("RealInUse", realInUse);
        o.put("NotInUse", total - realInUse);
        o.put("MemTotal", total);
        o.put("MemFree", free);
        o.put("Buffers", buffers);
        o.put("Cached", cached);
        o.put("SwapTotal", swapTotal);
        o.put("SwapFree", swapFree);
        return o;
    }

    /**
     * {@code /api/v1/rusages} data. The JVM has no getrusage, so the fields are taken from the
     * same kernel counters: CPU seconds and faults from /proc/self/stat, peak RSS from VmHWM,
     * context switches from /proc/self/status and block IO (512-byte units) from /proc/self/io.
     * Fields Linux never fills ({@code ru_ixrss}, {@code ru_nswap}...) are 0, as from getrusage.
     */
    public ObjectNode dumpRusage() {
        Map<String, Long> status = ProcFiles.keyValues(ProcFiles.read(proc.resolve("self/status")));
        Map<String, Long> io = ProcFiles.keyValues(ProcFiles.read(proc.resolve("self/io")));
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        lock.lock();
        try {
            o.put("ok", self != null);
            o.put("sample_time", selfSampleMillis);
            o.put("ru_utime", self == null ? 0 : self.get("utime") / USER_HZ);
            o.put("ru_stime", self == null ? 0 : self.get("stime") / USER_HZ);
            o.put("ru_maxrss", status.getOrDefault("VmHWM", 0L));
            o.put("ru_ixrss", 0);
            o.put("ru_idrss", 0);
            o.put("ru_isrss", 0);
            o.put("ru_minflt", self == null ? 0 : self.get("minflt"));
            o.put("ru_majflt", self == null ? 0 : self.get("majflt"));
            o.put("ru_nswap", 0);
            o.put("ru_inblock", io.getOrDefault("read_bytes", 0L) / 512);
            o.put("ru_oublock", io.getOrDefault("write_bytes", 0L) / 512);
            o.put("ru_msgsnd", 0);
            o.put("ru_msgrcv", 0);
            o.put("ru_nsignals", 0);
            o.put("ru_nvcsw", status.getOrDefault("voluntary_ctxt_switches", 0L));
            o.put("ru_nivcsw", status.getOrDefault("nonvoluntary_ctxt_switches", 0L));
        } finally {
            lock.unlock();
        }
        return o;
    }

    /** Peak RSS in KiB (getrusage's ru_maxrss), from VmHWM. */
    long maxRssKbyte() {
        return ProcFiles.keyValues(ProcFiles.read(proc.resolve("self/status"))).getOrDefault("VmHWM", 0L);
    }

    long[] diskFigures() {
        lock.lock();
        try {
            return new long[] {diskReadKBps, diskWriteKBps};
        } finally {
            lock.unlock();
        }
    }

    double diskBusy() {
        lock.lock();
        try {
            return diskBusy;
        } finally {
            lock.unlock();
        }
    }

    Map<String, Long> meminfo() {
        return ProcFiles.keyValues(ProcFiles.read(proc.resolve("meminfo")));
    }

    double[] uptime() {
        return ProcFiles.decimals(ProcFiles.read(proc.resolve("uptime")), 2);
    }

    double[] loadavg() {
        return ProcFiles.decimals(ProcFiles.read(proc.resolve("loadavg")), 3);
    }

    Map<String, Long> sockstat() {
        return ProcFiles.sockstat(ProcFiles.read(proc.resolve("net/sockstat")));
    }

    long tcpEstablished() {
        return ProcFiles.tcpEstablished(ProcFiles.read(proc.resolve("net/snmp")));
    }

    /**
     * Bytes of all interfaces: {@code [internetRecv, internetSend, intranetRecv, intranetSend]}.
     * Like SRS, {@code lo} and interfaces with only private addresses count as intranet.
     */
    long[] network() {
        long[] out = new long[4];
        ProcFiles.netDev(ProcFiles.read(proc.resolve("net/dev"))).forEach((name, v) -> {
            int base = isInternet(name) ? 0 : 2;
            out[base] += v[0];
            out[base + 1] += v[1];
        });
        return out;
    }

    private static boolean isInternet(String name) {
        if (name.equals("lo")) {
            return false;
        }
        try {
            NetworkInterface nic = NetworkInterface.getByName(name);
            if (nic == null) {
                return false;
            }
            for (InetAddress a : nic.inetAddresses().toList()) {
                if (!a.isLoopbackAddress() && !a.isSiteLocalAddress() && !a.isLinkLocalAddress()
                        && !a.isAnyLocalAddress()) {
                    return true;
                }
            }
            return false;
        } catch (SocketException e) {
            return false;
        }
    }
}
