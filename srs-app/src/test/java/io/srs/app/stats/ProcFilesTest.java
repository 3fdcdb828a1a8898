package io.srs.app.stats;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcFilesTest {

    @Test
    void selfStatKeepsACommWithSpacesAndParentheses() {
        String line = "8621 (my (odd) cmd) R 8619 8619 1751 0 -1 4194304 98 0 3 0 250 40 0 0 20 0 17 0 151531 "
                + "3133440 412 18446744073709551615 1 2 3 0 0 0 0 0 0 0 0 0 17 5 0 0 7 0 0\n";
        ProcFiles.SelfStat s = ProcFiles.selfStat(line);
        assertEquals(8621, s.pid());
        assertEquals("(my (odd) cmd)", s.comm());
        assertEquals("R", s.state());
        assertEquals(8619, s.get("ppid"));
        assertEquals(98, s.get("minflt"));
        assertEquals(3, s.get("majflt"));
        assertEquals(250, s.get("utime"));
        assertEquals(40, s.get("stime"));
        assertEquals(17, s.get("num_threads"));
        assertEquals(412, s.get("rss"));
        assertEquals(-1, s.get("rsslim"), "unsigned 2^64-1 wraps like SRS's %lu into a signed field");
        assertEquals(5, s.get("processor"));
        assertEquals(7, s.get("delayacct_blkio_ticks"));
        assertEquals(ProcFiles.SELF_STAT_FIELDS.length, s.fields().size());
    }

    @Test
    void garbageNeverThrows() {
        assertNull(ProcFiles.selfStat(""));
        assertNull(ProcFiles.selfStat("no parens here"));
        assertEquals(0, ProcFiles.selfStat("1 (x) S").get("utime"));
        assertTrue(ProcFiles.cpuStat("garbage").isEmpty());
        assertEquals(0, ProcFiles.tcpEstablished("Tcp: a b\nTcp: 1"));
        assertTrue(ProcFiles.netDev("x").isEmpty());
        assertArrayEquals(new double[] {0, 0, 0}, ProcFiles.decimals("", 3));
    }

    @Test
    void systemFiles() {
        Map<String, Long> cpu = ProcFiles.cpuStat("cpu  158726 684 24518 116509 648 0 182 142 0 0\ncpu0 1 2 3 4\n");
        assertEquals(158726, cpu.get("user"));
        assertEquals(116509, cpu.get("idle"));
        assertEquals(142, cpu.get("steal"));

        Map<String, Long> mem = ProcFiles.keyValues("MemTotal:       16310748 kB\nMemFree:  1 kB\nHugePages_Total:       0\n");
        assertEquals(16310748, mem.get("MemTotal"));
        assertEquals(0, mem.get("HugePages_Total"));

        Map<String, Long> sock = ProcFiles.sockstat("sockets: used 19\nTCP: inuse 1 orphan 0 tw 6 alloc 3 mem 265\n"
                + "UDP: inuse 2 mem 0\n");
        assertEquals(3, sock.get("tcp_alloc"));
        assertEquals(6, sock.get("tcp_tw"));
        assertEquals(2, sock.get("udp_inuse"));

        String snmp = "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab\n"
                + "Tcp: 1 200 120000 -1 390 353 0 61 12\n";
        assertEquals(12, ProcFiles.tcpEstablished(snmp));

        Map<String, long[]> dev = ProcFiles.netDev("Inter-|   Receive |  Transmit\n face |bytes packets|bytes\n"
                + "    lo: 81380003   71107    0    0    0     0          0         0 81380000   71107    0    0    0     0       0          0\n");
        assertArrayEquals(new long[] {81380003, 81380000}, dev.get("lo"));

        assertArrayEquals(new double[] {12.5, 40.25}, ProcFiles.decimals("12.5 40.25\n", 2));
        assertArrayEquals(new long[] {100, 200, 30},
                ProcFiles.diskStats("   8       0 sda 1 2 100 4 5 6 200 8 9 30 11\n").get("sda"));
    }
}
