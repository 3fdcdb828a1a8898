package io.srs.app.cluster;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.kernel.media.MediaMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP-FLV upstream against a scripted origin: parsing, statuses and hostile answers. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FlvUpstreamClientTest {

    /** Accepts one connection, reads the request head, writes {@code answer}, then holds. */
    private static final class Origin implements AutoCloseable {
        final ServerSocket server;
        final CompletableFuture<String> request = new CompletableFuture<>();

        Origin(byte[] answer) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    ByteArrayOutputStream head = new ByteArrayOutputStream();
                    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        head.write(b);
                    }
                    request.complete(head.toString(StandardCharsets.US_ASCII));
                    OutputStream out = s.getOutputStream();
                    out.write(answer);
                    out.flush();
                    in.read(); // until the client closes
                } catch (IOException e) {
                    request.completeExceptionally(e);
                }
            });
        }

        Endpoint endpoint() {
            return new Endpoint("127.0.0.1", server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] b = p instanceof String s ? s.getBytes(StandardCharsets.ISO_8859_1) : (byte[]) p;
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static final byte[] FLV_HEADER = {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0};

    /** One tag: type, 24-bit size, timestamp 0x01020304 (extended byte last), stream id 0. */
    private static byte[] tag(int type, int declaredSize, byte[] body) {
        byte[] h = {(byte) type, (byte) (declaredSize >> 16), (byte) (declaredSize >> 8), (byte) declaredSize,
                2, 3, 4, 1, 0, 0, 0};
        int total = 11 + body.length;
        return bytes(h, body, new byte[]{(byte) (total >> 24), (byte) (total >> 16), (byte) (total >> 8),
                (byte) total});
    }

    private static String chunk(byte[] data) {
        return Integer.toHexString(data.length) + "\r\n" + new String(data, StandardCharsets.ISO_8859_1) + "\r\n";
    }

    private static FlvUpstreamClient open(Origin o) {
        return FlvUpstreamClient.open(o.endpoint(), null, "example.com", "/live/s.flv?token=1", 2000, 2000);
    }

    @Test
    void readsTagsOfAChunkedBodySplitAnywhere() throws Exception {
        byte[] video = {0x17, 1, 0, 0, 0, 9, 9, 9};
        byte[] body = bytes(FLV_HEADER, tag(9, video.length, video), tag(8, 3, new byte[]{(byte) 0xaf, 1, 7}));
        // Chunks that cut the header and the tags at odd places.
        byte[] a = java.util.Arrays.copyOfRange(body, 0, 5);
        byte[] b = java.util.Arrays.copyOfRange(body, 5, 30);
        byte[] c = java.util.Arrays.copyOfRange(body, 30, body.length);
        try (Origin o = new Origin(bytes("HTTP/1.1 200 OK\r\nContent-Type: video/x-flv\r\nTransfer-Encoding: chunked\r\n\r\n",
                chunk(a), chunk(b), chunk(c), "0\r\n\r\n"));
             FlvUpstreamClient client = open(o)) {
            String req = o.request.get(5, TimeUnit.SECONDS);
            assertTrue(req.startsWith("GET /live/s.flv?token=1 HTTP/1.1\r\n"), req);
            assertTrue(req.contains("\r\nHost: example.com\r\n"), req);
            MediaMessage v = client.read();
            assertTrue(v.isVideo());
            assertEquals(0x01020304L, v.timestamp());
            assertEquals(video.length, v.payload().length());
            MediaMessage au = client.read();
            assertTrue(au.isAudio());
            SrsException end = assertThrows(SrsException.class, client::read);
            assertEquals(ErrorCode.SOCKET_CLOSED, end.code());
        }
    }

    @Test
    void aLyingTagLengthIsRefusedBeforeAnyAllocation() throws Exception {
        // 16 MiB - 1 declared, a few bytes sent: refused by the bound, not awaited or allocated.
        try (Origin o = new Origin(bytes("HTTP/1.1 200 OK\r\n\r\n", FLV_HEADER, tag(9, 0xffffff, new byte[]{1, 2})));
             FlvUpstreamClient client = open(o)) {
            SrsException e = assertThrows(SrsException.class, client::read);
            assertEquals(ErrorCode.KERNEL_FLV_HEADER, e.code());
            assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
        }
    }

    @Test
    void notFoundAndOtherStatusesAreErrors() throws Exception {
        try (Origin o = new Origin(bytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))) {
            assertEquals(ErrorCode.RTMP_STREAM_NOT_FOUND, assertThrows(SrsException.class, () -> open(o)).code());
        }
        try (Origin o = new Origin(bytes("HTTP/1.1 500 Oops\r\n\r\n"))) {
            assertEquals(ErrorCode.HTTP_STATUS_INVALID, assertThrows(SrsException.class, () -> open(o)).code());
        }
        try (Origin o = new Origin(bytes("RTMP nonsense\r\n\r\n"))) {
            assertEquals(ErrorCode.HTTP_DATA_INVALID, assertThrows(SrsException.class, () -> open(o)).code());
        }
    }

    @Test
    void aRedirectGivesItsLocation() throws Exception {
        try (Origin o = new Origin(bytes("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.2:8080/live/t.flv\r\n\r\n"));
             FlvUpstreamClient client = open(o)) {
            assertEquals(302, client.status());
            assertEquals("http://127.0.0.2:8080/live/t.flv", client.location());
        }
    }

    @Test
    void hostileHeadsAreBounded() throws Exception {
        String longLine = "X-Junk: " + "a".repeat(FlvUpstreamClient.MAX_LINE_BYTES) + "\r\n";
        try (Origin o = new Origin(bytes("HTTP/1.1 200 OK\r\n", longLine, "\r\n"))) {
            assertEquals(ErrorCode.HTTP_DATA_INVALID, assertThrows(SrsException.class, () -> open(o)).code());
        }
        String many = ("X-Junk: " + "a".repeat(1000) + "\r\n").repeat(20);
        try (Origin o = new Origin(bytes("HTTP/1.1 200 OK\r\n", many, "\r\n"))) {
            assertEquals(ErrorCode.HTTP_DATA_INVALID, assertThrows(SrsException.class, () -> open(o)).code());
        }
        try (Origin o = new Origin(bytes("HTTP/1.1 302 Found\r\nLocation: http://x/\u001b[2J\r\n\r\n"))) {
            assertEquals(ErrorCode.HTTP_DATA_INVALID, assertThrows(SrsException.class, () -> open(o)).code());
        }
        // A chunk size beyond any sane value.
        try (Origin o = new Origin(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                "ffffffffffffffffff\r\n"))) {
            assertEquals(ErrorCode.HTTP_DATA_INVALID, assertThrows(SrsException.class, () -> open(o)).code());
        }
    }
}
