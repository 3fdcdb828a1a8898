// Hostile-peer probes of issue 18 against a running server (see run.sh and research/README.md).
// Run: java -cp srs-main/target/srs.jar research/probes/Probes.java PORT PID
// PORT: the server's RTMP port, already serving the stream live/probe; PID: its JVM (for jcmd).
// With PROBE_MEMORY=rss the server is not a JVM (SRS): memory is its VmRSS instead of heap after GC.
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.chunk.ChunkLimits;
import io.srs.rtmp.session.RtmpClientSession;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

public class Probes {
    static int port;
    static long pid;

    public static void main(String[] args) throws Exception {
        port = Integer.parseInt(args[0]);
        pid = Long.parseLong(args[1]);
        String only = args.length > 2 ? args[2] : "all";
        if (only.equals("all") || only.equals("memory")) {
            memory(0xFFFFFF, "16 MiB (0xFFFFFF)");
            memory(8 * 1024 * 1024, "8 MiB");
        }
        if (only.equals("all") || only.equals("slowloris")) {
            slowloris();
        }
        if (only.equals("all") || only.equals("frozen")) {
            frozen();
        }
    }

    static final boolean RSS = "rss".equals(System.getenv("PROBE_MEMORY"));

    /** Used heap after a full GC of the server, in MB (its VmRSS with PROBE_MEMORY=rss). */
    static double heapMb() throws Exception {
        if (RSS) {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
            throw new IllegalStateException("no VmRSS for " + pid);
        }
        run("jcmd", Long.toString(pid), "GC.run");
        String info = run("jcmd", Long.toString(pid), "GC.heap_info");
        var m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        if (!m.find()) {
            throw new IllegalStateException(info);
        }
        return Long.parseLong(m.group(1)) / 1024.0;
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    /** A player that records the longest wait between two media messages. */
    static final class Player implements AutoCloseable {
        final Socket socket = new Socket();
        final long startNanos = System.nanoTime();
        volatile long firstVideoNanos;
        final AtomicLong lastNanos = new AtomicLong();
        final AtomicLong maxGapNanos = new AtomicLong();
        final Thread thread;

        Player(String localIp, boolean stalled) throws IOException {
            if (localIp != null) {
                socket.bind(new InetSocketAddress(localIp, 0));
            }
            if (stalled) {
                socket.setReceiveBufferSize(8192);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            // A server that accepts but never answers (SRS past max_connections keeps some
            // sockets unanswered) must count as a failed player, not hang the probe.
            socket.setSoTimeout(5000);
            RtmpClientSession s = new RtmpClientSession(new BufferedInputStream(socket.getInputStream(), 65536),
                    socket.getOutputStream(), ChunkLimits.DEFAULT);
            s.handshake(false);
            s.connect("live", "rtmp://127.0.0.1:" + port + "/live", "", "", Optional.empty());
            int sid = s.createStream();
            s.play(sid, "probe", 1000);
            socket.setSoTimeout(0);
            thread = Thread.ofVirtual().start(() -> {
                try {
                    while (!stalled) {
                        MediaMessage m = s.readMessage();
                        if (!m.isAv()) {
                            continue;
                        }
                        long now = System.nanoTime();
                        if (m.isVideo() && firstVideoNanos == 0) {
                            firstVideoNanos = now;
                        }
                        long last = lastNanos.getAndSet(now);
                        if (last != 0) {
                            maxGapNanos.accumulateAndGet(now - last, Math::max);
                        }
                    }
                } catch (Exception e) {
                    // closed
                }
            });
        }

        double firstVideoMs(long timeoutMs) throws InterruptedException {
            long until = System.nanoTime() + timeoutMs * 1_000_000;
            while (firstVideoNanos == 0 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            return firstVideoNanos == 0 ? -1 : (firstVideoNanos - startNanos) / 1e6;
        }

        double maxGapMsSince(long t) {
            return maxGapNanos.get() / 1e6;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static Socket handshaken() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        new RtmpClientSession(s.getInputStream(), s.getOutputStream(), ChunkLimits.DEFAULT).handshake(false);
        return s;
    }

    static boolean closedByServer(Socket s, int ms) {
        try {
            s.setSoTimeout(ms);
            InputStream in = s.getInputStream();
            byte[] b = new byte[4096];
            while (true) {
                if (in.read(b) < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** 300 sockets x 2 chunk streams announcing {@code length}, one 64 KiB chunk each, never finished. */
    static void memory(int length, String label) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0x02, 0, 0, 0, 0, 0, 4, 0x01, 0, 0, 0, 0, 0, 1, 0, 0});
        for (int csid = 3; csid <= 4; csid++) {
            out.writeBytes(new byte[]{(byte) csid, 0, 0, 0, (byte) (length >>> 16), (byte) (length >>> 8),
                    (byte) length, 0x09, 1, 0, 0, 0});
            out.writeBytes(new byte[65536]);
        }
        byte[] payload = out.toByteArray();
        try (Player player = new Player(null, false)) {
            player.firstVideoMs(10_000);
            double before = heapMb();
            player.maxGapNanos.set(0);
            List<Socket> hostile = new ArrayList<>();
            int ooms = 0;
            try {
                for (int i = 0; i < 300; i++) {
                    Socket s = handshaken();
                    hostile.add(s);
                    try {
                        s.getOutputStream().write(payload);
                    } catch (IOException e) {
                        // closed by the server
                    }
                }
                Thread.sleep(3000);
                double gap = player.maxGapMsSince(0);
                double after = heapMb();
                int closed = 0;
                for (Socket s : hostile) {
                    if (closedByServer(s, 1)) {
                        closed++;
                    }
                }
                System.out.printf("memory %s: " + (RSS ? "RSS" : "heap after GC") + " %.1f -> %.1f MB (+%.1f), player's longest wait %.0f ms,"
                        + " %d of 300 closed by the server%n", label, before, after, after - before, gap, closed);
            } finally {
                for (Socket s : hostile) {
                    s.close();
                }
            }
        }
    }

    /** 1,000 sockets from 127.0.0.1 send one byte of handshake and wait; players from 127.0.0.2 meanwhile. */
    static void slowloris() throws Exception {
        List<Socket> slow = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            try {
                s.getOutputStream().write(3);
            } catch (IOException e) {
                // refused at accept
            }
            slow.add(s);
        }
        double worst = 0;
        int players = 0;
        int failed = 0;
        while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(34)) {
            try (Player p = new Player("127.0.0.2", false)) {
                double ms = p.firstVideoMs(5000);
                players++;
                if (ms < 0) {
                    failed++;
                } else {
                    worst = Math.max(worst, ms);
                }
            } catch (Exception e) {
                players++;
                failed++;
            }
            Thread.sleep(1000);
        }
        int open = 0;
        for (Socket s : slow) {
            if (!closedByServer(s, 1)) {
                open++;
            }
            s.close();
        }
        System.out.printf("slowloris: 1000 sockets from 127.0.0.1; %d players from 127.0.0.2 over 34 s, %d failed,"
                + " slowest first frame %.0f ms; %d slow sockets still open after 34 s%n", players, failed, worst, open);
    }

    /** A publisher whose timestamps never advance, 60 s of 10 KB frames at 25 fps, with a stalled player. */
    static void frozen() throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        RtmpClientSession s = new RtmpClientSession(socket.getInputStream(), socket.getOutputStream(), ChunkLimits.DEFAULT);
        s.handshake(false);
        s.connect("live", "rtmp://127.0.0.1:" + port + "/live", "", "", Optional.empty());
        s.setChunkSize(60000);
        s.publishFmle("frozen");
        // A real SPS/PPS (x264, 640x360): SRS parses the SPS and drops a publisher whose SPS it
        // cannot read.
        byte[] header = java.util.HexFormat.of().parseHex("1700000000" + "0142c01effe1" + "0019"
                + "6742c01eda0280bfe5c044000003000400000300c83c58ba80" + "01" + "0004" + "68ce0fc8");
        s.sendMedia(List.of(new MediaMessage(MessageType.VIDEO, 1000, 1, Bytes.wrap(header))));
        double before = heapMb();
        Socket stalled = new Socket();
        stalled.setReceiveBufferSize(8192);
        stalled.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        RtmpClientSession ps = new RtmpClientSession(stalled.getInputStream(), stalled.getOutputStream(), ChunkLimits.DEFAULT);
        ps.handshake(false);
        ps.connect("live", "rtmp://127.0.0.1:" + port + "/live", "", "", Optional.empty());
        ps.play(ps.createStream(), "frozen", 1000);
        long t0 = System.nanoTime();
        StringBuilder samples = new StringBuilder();
        for (int i = 0; i < 60 * 25; i++) {
            byte[] f = new byte[10_000];
            f[0] = (byte) (i % 50 == 0 ? 0x17 : 0x27);
            f[1] = 1;
            // One NALU filling the frame (IDR or non-IDR slice), so a demuxer finds it well formed.
            int nalu = f.length - 9;
            f[5] = (byte) (nalu >>> 24);
            f[6] = (byte) (nalu >>> 16);
            f[7] = (byte) (nalu >>> 8);
            f[8] = (byte) nalu;
            f[9] = (byte) (i % 50 == 0 ? 0x65 : 0x41);
            s.sendMedia(List.of(new MediaMessage(MessageType.VIDEO, 1000, 1, Bytes.wrap(f))));
            long due = t0 + (i + 1) * 40_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if ((i + 1) % (20 * 25) == 0) {
                samples.append(String.format(" %ds:+%.1f", (i + 1) / 25, heapMb() - before));
            }
        }
        System.out.printf("frozen timestamps: 60 s of 10 KB frames at 25 fps, all at ts 1000, one stalled player;"
                + (RSS ? " RSS" : " heap after GC") + " growth (MB) at%s%n", samples);
        socket.close();
        stalled.close();
    }
}
