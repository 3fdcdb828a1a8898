package io.srs.app.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pure parsers for the Linux /proc files SRS samples (srs_app_utility.cpp). Every parser takes
 * the file's text and never throws on odd content: missing or garbled numbers read as 0, and
 * a file that is not there (another OS) yields an empty map, so callers report {@code ok=false}.
 *
 * <p>Stateless and thread-safe.
 */
final class ProcFiles {
    /** Names of the fields of /proc/[pid]/stat after {@code comm} and {@code state}, as SRS's API spells them. */
    static final String[] SELF_STAT_FIELDS = {"ppid", "pgrp", "session", "tty_nr", "tpgid", "flags", "minflt",
        "cminflt", "majflt", "cmajflt", "utime", "stime", "cutime", "cstime", "priority", "nice", "num_threads",
        "itrealvalue", "starttime", "vsize", "rss", "rsslim", "startcode", "endcode", "startstack", "kstkesp",
        "kstkeip", "signal", "blocked", "sigignore", "sigcatch", "wchan", "nswap", "cnswap", "exit_signal",
        "processor", "rt_priority", "policy", "delayacct_blkio_ticks", "guest_time", "cguest_time"};

    /** Fields of the {@code cpu} line of /proc/stat, in order. */
    static final String[] CPU_FIELDS = {"user", "nice", "sys", "idle", "iowait", "irq", "softirq", "steal", "guest"};

    private ProcFiles() {
    }

    /** The file's text, or "" when it cannot be read. */
    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The process stat line: {@code pid (comm) state f1 f2 …}; comm may hold spaces and parentheses. */
    record SelfStat(long pid, String comm, String state, Map<String, Long> fields) {
        long get(String name) {
            return fields.getOrDefault(name, 0L);
        }
    }

    static SelfStat selfStat(String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        long pid = number(text.substring(0, open).trim());
        String comm = text.substring(open, close + 1);
        String[] rest = text.substring(close + 1).trim().split("\\s+");
        Map<String, Long> fields = new LinkedHashMap<>();
        for (int i = 0; i < SELF_STAT_FIELDS.length; i++) {
            fields.put(SELF_STAT_FIELDS[i], i + 1 < rest.length ? number(rest[i + 1]) : 0L);
        }
        return new SelfStat(pid, comm, rest.length > 0 ? rest[0] : "", fields);
    }

    /** The aggregate {@code cpu} line of /proc/stat, in jiffies. */
    static Map<String, Long> cpuStat(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.substring(4).trim().split("\\s+");
                for (int i = 0; i < CPU_FIELDS.length; i++) {
                    out.put(CPU_FIELDS[i], i < f.length ? number(f[i]) : 0L);
                }
                break;
            }
        }
        return out;
    }

    /** {@code Name: value [kB]} files (/proc/meminfo, /proc/self/status, /proc/self/io). */
    static Map<String, Long> keyValues(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String v = line.substring(colon + 1).trim();
            int space = v.indexOf(' ');
            out.put(line.substring(0, colon).trim(), number(space < 0 ? v : v.substring(0, space)));
        }
        return out;
    }

    /** The first {@code n} numbers of a whitespace-separated line (/proc/uptime, /proc/loadavg). */
    static double[] decimals(String text, int n) {
        double[] out = new double[n];
        String[] f = text.trim().split("\\s+");
        for (int i = 0; i < n && i < f.length; i++) {
            try {
                out[i] = Double.parseDouble(f[i]);
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
        }
        return out;
    }

    /**
     * /proc/net/sockstat: {@code tcp_alloc}, {@code tcp_tw}, {@code udp_inuse} (what SRS's
     * {@code conn_sys*} figures are made of).
     */
    static Map<String, Long> sockstat(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 0) {
                continue;
            }
            String prefix = switch (f[0]) {
                case "TCP:" -> "tcp_";
                case "UDP:" -> "udp_";
                default -> null;
            };
            if (prefix == null) {
                continue;
            }
            for (int i = 1; i + 1 < f.length; i += 2) {
                out.put(prefix + f[i], number(f[i + 1]));
            }
        }
        return out;
    }

    /** CurrEstab from /proc/net/snmp (the value line after the {@code Tcp:} header line). */
    static long tcpEstablished(String text) {
        String[] lines = text.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith("Tcp:") && lines[i + 1].startsWith("Tcp:")) {
                String[] names = lines[i].trim().split("\\s+");
                String[] values = lines[i + 1].trim().split("\\s+");
                for (int k = 1; k < names.length && k < values.length; k++) {
                    if (names[k].equals("CurrEstab")) {
                        return number(values[k]);
                    }
                }
            }
        }
        return 0;
    }

    /** Per-interface {@code [receivedBytes, sentBytes]} from /proc/net/dev. */
    static Map<String, long[]> netDev(String text) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.contains("|")) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length >= 9) {
                out.put(line.substring(0, colon).trim(), new long[] {number(f[0]), number(f[8])});
            }
        }
        return out;
    }

    /** Per-device {@code [sectorsRead, sectorsWritten, ioTicksMillis]} from /proc/diskstats. */
    static Map<String, long[]> diskStats(String text) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 13) {
                out.put(f[2], new long[] {number(f[5]), number(f[9]), number(f[12])});
            }
        }
        return out;
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            // Values above Long.MAX_VALUE (rsslim "unlimited") are shown as SRS's unsigned fields would wrap.
            try {
                return new java.math.BigInteger(s).longValue();
            } catch (NumberFormatException e2) {
                return 0;
            }
        }
    }
}
