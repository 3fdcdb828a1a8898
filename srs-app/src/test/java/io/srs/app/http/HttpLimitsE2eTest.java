package io.srs.app.http;

import io.srs.app.config.HttpLimitsConfig;
import io.srs.app.config.ListenAddress;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.undertow.util.StatusCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code http_limits} against real sockets: heads past the size limit, slowloris heads from one
 * address while a viewer from another is served, silent connections, per-address and total caps.
 */
@Tag("e2e")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpLimitsE2eTest {
    private static final int SLOW = 200;
    private HttpServers servers;
    private int port;

    private void start(HttpLimitsConfig limits) throws IOException {
        servers = new HttpServers(() -> limits);
        port = RawHttp.freePort();
        servers.mount(new ListenAddress("0.0.0.0", port), "/", exchange -> {
            exchange.setStatusCode(StatusCodes.OK);
            exchange.getResponseSender().send("#EXTM3U\n");
        });
    }

    @AfterEach
    void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static HttpLimitsConfig limits(int total, int perIp, Duration header, Duration idle) {
        return new HttpLimitsConfig(total, perIp, 16 * 1024, 64 * 1024, 64, 100, header, idle);
    }

    private Socket connect(String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return s;
    }

    /** Reads until the server closes; true when it did within the socket's timeout. */
    private static boolean closedByServer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            while (in.read(buf) >= 0) {
                // drain an error response, if any
            }
            return true;
        } catch (SocketException e) {
            return true; // reset by the server
        } catch (IOException e) {
            return false; // our read timeout: the server kept it open
        }
    }

    @Test
    void headsPastTheSizeLimitAreRefusedAndLeaveNothingOpen() throws Exception {
        start(limits(10_000, 1_000, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        List<Socket> sockets = new ArrayList<>();
        try {
            byte[] chunk = ("X-Pad: " + "a".repeat(8185) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < SLOW; i++) {
                Socket s = connect("127.0.0.1");
                s.setSoTimeout(10_000);
                sockets.add(s);
                OutputStream out = s.getOutputStream();
                out.write("GET /live/a.m3u8 HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
                // 64 KiB of an unfinished head, four times the limit; the server may close midway.
                try {
                    for (int k = 0; k < 8; k++) {
                        out.write(chunk);
                    }
                } catch (SocketException closedEarly) {
                    // refused before we finished writing: what we want
                }
            }
            for (Socket s : sockets) {
                assertTrue(closedByServer(s), "a 64 KiB head was held open past the 16 KiB limit");
            }
            awaitOpen(0);
            assertEquals(StatusCodes.OK, RawHttp.get(port, "/live/a.m3u8").status(), "still serving");
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void slowlorisFromOneAddressNeitherBlocksAnotherNorOutlivesTheHeaderDeadline() throws Exception {
        Duration deadline = Duration.ofSeconds(2);
        int perIp = 50;
        start(limits(10_000, perIp, deadline, Duration.ofSeconds(30)));
        List<Socket> sockets = new ArrayList<>();
        ConcurrentLinkedQueue<Long> closedAfterMillis = new ConcurrentLinkedQueue<>();
        AtomicInteger heldPastDeadline = new AtomicInteger();
        CountDownLatch allClosed = new CountDownLatch(SLOW);
        long begin = System.nanoTime();
        try {
            for (int i = 0; i < SLOW; i++) {
                Socket s = connect("127.0.0.2");
                s.setSoTimeout((int) deadline.toMillis() + 8_000);
                s.getOutputStream().write("GET /live/a.m3u8 HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
                sockets.add(s);
                long opened = System.nanoTime();
                Thread.ofVirtual().start(() -> {
                    if (closedByServer(s)) {
                        closedAfterMillis.add((System.nanoTime() - opened) / 1_000_000);
                    } else {
                        heldPastDeadline.incrementAndGet();
                    }
                    allClosed.countDown();
                });
            }
            // The slow ones keep dribbling a byte every 200 ms; a viewer from 127.0.0.1 is served at once.
            Thread dribbler = Thread.ofVirtual().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    for (Socket s : sockets) {
                        try {
                            s.getOutputStream().write('a');
                        } catch (IOException closed) {
                            // closed by the server: expected sooner or later
                        }
                    }
                    try {
                        Thread.sleep(200); // the attacker's pace, not synchronisation
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try {
                for (int i = 0; i < 5; i++) {
                    long t0 = System.nanoTime();
                    assertEquals(StatusCodes.OK, RawHttp.get(port, "/live/a.m3u8").status());
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertTrue(ms < 1_000, "the viewer waited " + ms + " ms behind " + SLOW + " slow sockets");
                }
                assertTrue(allClosed.await(deadline.toSeconds() + 15, TimeUnit.SECONDS), "slow sockets still open");
            } finally {
                dribbler.interrupt();
            }
            assertEquals(0, heldPastDeadline.get(), "slow sockets the server kept past the deadline");
            long late = closedAfterMillis.stream().filter(ms -> ms > deadline.toMillis() + 3_000).count();
            assertEquals(0, late, "closed more than 3 s after the " + deadline.toMillis() + " ms deadline: " + closedAfterMillis);
            long refusedAtOnce = closedAfterMillis.stream().filter(ms -> ms < deadline.toMillis() / 2).count();
            assertTrue(refusedAtOnce >= SLOW - perIp, "only " + refusedAtOnce + " refused past the per-address cap");
            assertTrue(servers.refusedConnections() >= SLOW - perIp);
            awaitOpen(0);
            assertTrue((System.nanoTime() - begin) / 1_000_000 < deadline.toMillis() + 15_000);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void silentConnectionsAreClosedAtTheIdleTimeoutAndTheTotalCapHolds() throws Exception {
        start(limits(20, 1_000, Duration.ofSeconds(10), Duration.ofSeconds(1)));
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                Socket s = connect("127.0.0.1");
                s.setSoTimeout(10_000);
                sockets.add(s);
            }
            long t0 = System.nanoTime();
            for (Socket s : sockets) {
                assertTrue(closedByServer(s), "a silent connection was kept past idle_timeout");
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 6_000, "silent connections closed after " + ms + " ms, idle_timeout is 1 s");
            assertTrue(servers.refusedConnections() >= 10, "30 connections against a cap of 20: "
                    + servers.refusedConnections() + " refused");
            awaitOpen(0);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void limitsComeFromTheConfigWithDefaults(@org.junit.jupiter.api.io.TempDir Path dir) {
        HttpLimitsConfig d = SrsConfig.parse("listen 1935;", "t.conf", dir, Map.of()).httpLimits();
        assertEquals(HttpLimitsConfig.DEFAULTS, d);
        HttpLimitsConfig c = SrsConfig.parse("listen 1935; http_limits { max_connections 5; max_connections_per_ip 2; "
                + "max_header_size 4096; max_body_size 1024; max_headers 10; max_parameters 20; header_timeout 1.5; "
                + "idle_timeout 3; }", "t.conf", dir, Map.of()).httpLimits();
        assertEquals(new HttpLimitsConfig(5, 2, 4096, 1024, 10, 20, Duration.ofMillis(1500), Duration.ofSeconds(3)), c);
    }

    private void awaitOpen(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (servers.openConnections() != n && System.nanoTime() < until) {
            Thread.sleep(20); // polling a counter the server updates on close; bounded by the deadline
        }
        assertEquals(n, servers.openConnections(), "HTTP connections still counted as open");
    }
}
