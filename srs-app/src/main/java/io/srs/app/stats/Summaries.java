package io.srs.app.stats;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.srs.core.Version;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;

/**
 * Builds SRS's summaries object ({@code srs_api_dump_summaries}): the {@code data} of
 * {@code /api/v1/summaries} and of the heartbeat's {@code summaries}. Adds one object SRS does
 * not have, {@code data.self.jvm}, with the JVM's heap, threads and GC figures.
 *
 * <p>Thread-safe.
 */
public final class Summaries {
    private final ProcStats proc;
    private final Statistics stats;
    private final long startMillis = System.currentTimeMillis();

    public Summaries(ProcStats proc, Statistics stats) {
        this.proc = proc;
        this.stats = stats;
    }

    /** The summaries object: {@code {ok, now_ms, self{…}, system{…}}}. */
    public ObjectNode dump() {
        long now = System.currentTimeMillis();
        Map<String, Long> mem = proc.meminfo();
        long memTotal = mem.getOrDefault("MemTotal", 0L);
        long maxRss = proc.maxRssKbyte();
        double[] uptime = proc.uptime();
        double[] load = proc.loadavg();
        Map<String, Long> sock = proc.sockstat();
        long[] net = proc.network();
        long[] disk = proc.diskFigures();
        Statistics.Totals t = stats.totals();
        ObjectNode meminfo = proc.dumpMeminfo();

        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("ok", memTotal > 0 && uptime[0] > 0);
        data.put("now_ms", now);

        ObjectNode self = data.putObject("self");
        self.put("version", Version.VERSION);
        self.put("pid", ProcessHandle.current().pid());
        self.put("ppid", proc.ppid());
        self.put("argv", ProcessHandle.current().info().commandLine().orElse(""));
        self.put("cwd", System.getProperty("user.dir"));
        self.put("mem_kbyte", maxRss);
        self.put("mem_percent", memTotal > 0 ? maxRss / (double) memTotal : 0);
        self.put("cpu_percent", proc.selfCpuPercent());
        self.put("srs_uptime", (now - startMillis) / 1000);
        jvm(self.putObject("jvm"));

        ObjectNode sys = data.putObject("system");
        sys.put("cpu_percent", proc.systemCpuPercent());
        sys.put("disk_read_KBps", disk[0]);
        sys.put("disk_write_KBps", disk[1]);
        sys.put("disk_busy_percent", proc.diskBusy());
        sys.put("mem_ram_kbyte", memTotal);
        sys.put("mem_ram_percent", meminfo.get("percent_ram").asDouble());
        sys.put("mem_swap_kbyte", mem.getOrDefault("SwapTotal", 0L));
        sys.put("mem_swap_percent", meminfo.get("percent_swap").asDouble());
        sys.put("cpus", Runtime.getRuntime().availableProcessors());
        sys.put("cpus_online", Runtime.getRuntime().availableProcessors());
        sys.put("uptime", uptime[0]);
        // SRS's spelling.
        sys.put("ilde_time", uptime[1]);
        sys.put("load_1m", load[0]);
        sys.put("load_5m", load[1]);
        sys.put("load_15m", load[2]);
        sys.put("net_sample_time", now);
        sys.put("net_recv_bytes", net[0]);
        sys.put("net_send_bytes", net[1]);
        sys.put("net_recvi_bytes", net[2]);
        sys.put("net_sendi_bytes", net[3]);
        sys.put("srs_sample_time", now);
        sys.put("srs_recv_bytes", t.recvBytes());
        sys.put("srs_send_bytes", t.sendBytes());
        sys.put("conn_sys", sock.getOrDefault("tcp_alloc", 0L) + sock.getOrDefault("tcp_tw", 0L));
        sys.put("conn_sys_et", proc.tcpEstablished());
        sys.put("conn_sys_tw", sock.getOrDefault("tcp_tw", 0L));
        sys.put("conn_sys_udp", sock.getOrDefault("udp_inuse", 0L));
        sys.put("conn_srs", t.clients());
        return data;
    }

    private static void jvm(ObjectNode o) {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        o.put("heap_used_kbyte", m.getHeapMemoryUsage().getUsed() / 1024);
        o.put("heap_committed_kbyte", m.getHeapMemoryUsage().getCommitted() / 1024);
        o.put("heap_max_kbyte", m.getHeapMemoryUsage().getMax() / 1024);
        o.put("nonheap_used_kbyte", m.getNonHeapMemoryUsage().getUsed() / 1024);
        o.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        long gcs = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        o.put("gc_count", gcs);
        o.put("gc_ms", gcMillis);
        o.put("version", Runtime.version().toString());
    }
}
