package io.srs.app.httpstream;

import io.srs.app.config.SrsConfig;
import io.srs.app.hls.MediaTools;
import io.srs.app.http.HttpFileServer;
import io.srs.app.http.HttpServers;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceRegistry;
import io.srs.app.source.SourceSettings;
import io.srs.app.stats.ClientEvents;
import io.srs.app.stats.ClientHandle;
import io.srs.kernel.media.MediaMessage;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.session.ClientKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A viewer that stops reading (HTTP-FLV over a raw socket with a tiny receive buffer, or a
 * WebSocket client that requests no more messages) is dropped by the write watchdog once a write
 * has blocked for the timeout (1 s here, 30 s in the server), while another viewer of the same
 * stream keeps receiving all along.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StalledViewerTest {
    private static final long TIMEOUT_MILLIS = 1000;

    @TempDir
    Path dir;

    final SourceRegistry registry = new SourceRegistry();
    final HttpServers servers = new HttpServers();
    final Map<ClientHandle, String> kinds = new ConcurrentHashMap<>();
    final BlockingQueue<ClientHandle> played = new LinkedBlockingQueue<>();
    final BlockingQueue<ClientHandle> closed = new LinkedBlockingQueue<>();
    HttpLiveStreams live;
    HttpFileServer http;
    Thread feeder;

    @AfterEach
    void stop() throws InterruptedException {
        if (feeder != null) {
            feeder.interrupt();
            feeder.join(5000);
        }
        if (live != null) {
            live.close();
        }
        if (http != null) {
            http.close();
        }
        servers.close();
    }

    private int start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ConfigStore store = new ConfigStore(SrsConfig.parse("listen 1935; http_server { enabled on; listen 127.0.0.1:"
                + port + "; dir " + dir + "; } vhost __defaultVhost__ { http_remux { enabled on;"
                + " mount [vhost]/[app]/[stream].flv; } }", "t.conf", dir, Map.of()));
        ClientEvents events = new ClientEvents() {
            @Override
            public void onPlay(ClientHandle client, RtmpRequest request, ClientKind kind) {
                played.add(client);
            }

            @Override
            public void onClose(ClientHandle client, RtmpRequest request, Throwable error) {
                closed.add(client);
            }
        };
        live = new HttpLiveStreams(store, registry, events, TIMEOUT_MILLIS);
        http = new HttpFileServer(store, servers, live::in);
        http.start();

        // Four seconds of media published over and over, far faster than real time.
        List<MediaMessage> media = MediaTools.read(MediaTools.flv(dir, "s.flv", 4, true));
        LiveSource source = registry.publish("/live/s", SourceSettings.DEFAULTS, "c1").orElseThrow();
        feeder = Thread.ofVirtual().start(() -> {
            long base = 0;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    for (MediaMessage m : media) {
                        MediaTools.publish(source, m.withTimestamp(base + m.timestamp()));
                    }
                    base += 4000;
                    Thread.sleep(10); // about 400x real time: pacing, not synchronisation
                }
            } catch (InterruptedException e) {
                // stop()
            }
        });
        return port;
    }

    /** A reading HTTP-FLV viewer: counts the bytes it gets. */
    private static Thread reader(int port, AtomicLong bytes) {
        return Thread.ofVirtual().start(() -> {
            try (InputStream in = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/live/s.flv")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream()).body()) {
                byte[] b = new byte[16384];
                for (int n; (n = in.read(b)) >= 0; ) {
                    bytes.addAndGet(n);
                }
            } catch (Exception e) {
                // ended by the test
            }
        });
    }

    private void assertDroppedWhileOthersPlay(int port, ClientHandle stalled) throws Exception {
        AtomicLong got = new AtomicLong();
        Thread reader = reader(port, got);
        ClientHandle readerHandle = played.poll(10, TimeUnit.SECONDS);
        assertNotNull(readerHandle);
        long start = System.nanoTime();
        ClientHandle gone = closed.poll(20, TimeUnit.SECONDS);
        assertEquals(stalled, gone, "the stalled viewer is the one dropped");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(stalled.bytesSent() > 0, "it got something before it stalled");
        // The reader still receives after the drop.
        long before = got.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (got.get() < before + 100_000) {
            assertTrue(System.nanoTime() < deadline, "the reading viewer stalled too: " + got.get());
            Thread.sleep(20);
        }
        assertTrue(closed.isEmpty(), "only the stalled viewer was dropped");
        reader.interrupt();
        assertTrue(ms < 20_000, "dropped after " + ms + " ms");
    }

    @Test
    void anHttpViewerThatStopsReadingIsDropped() throws Exception {
        int port = start();
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", port));
            OutputStream out = stalled.getOutputStream();
            out.write("GET /live/s.flv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ClientHandle handle = played.poll(10, TimeUnit.SECONDS);
            assertNotNull(handle);
            assertDroppedWhileOthersPlay(port, handle);
        }
    }

    @Test
    void aWebSocketViewerThatStopsReadingIsDropped() throws Exception {
        int port = start();
        WebSocket.Listener noMore = new WebSocket.Listener() {
            @Override
            public void onOpen(WebSocket ws) {
                // No request(n): the client reads nothing more from the socket.
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                return null;
            }
        };
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/live/s.flv"), noMore).get(10, TimeUnit.SECONDS);
        try {
            ClientHandle handle = played.poll(10, TimeUnit.SECONDS);
            assertNotNull(handle);
            assertDroppedWhileOthersPlay(port, handle);
        } finally {
            ws.abort();
        }
    }
}
