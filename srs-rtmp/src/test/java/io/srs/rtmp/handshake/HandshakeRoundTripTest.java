package io.srs.rtmp.handshake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our client against our server, over in-memory pipes and over a loopback TCP connection. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HandshakeRoundTripTest {
    private static final InstantSource CLOCK = InstantSource.system();

    private static CompletableFuture<HandshakeResult> serveAsync(InputStream in, OutputStream out) {
        CompletableFuture<HandshakeResult> f = new CompletableFuture<>();
        Thread.ofVirtual().name("handshake-server").start(() -> {
            try {
                f.complete(new ServerHandshake(new SplittableRandom(1), CLOCK).perform(in, out));
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    private static void assertBothSides(boolean complex, HandshakeResult client, HandshakeResult server) {
        HandshakeKind kind = complex ? HandshakeKind.COMPLEX : HandshakeKind.SIMPLE;
        assertEquals(kind, client.kind());
        assertEquals(kind, server.kind());
        if (complex) {
            assertEquals(Schema.SCHEMA1, server.schema().orElseThrow(), "server sees the client's layout");
            assertEquals(ClientHandshake.CLIENT_VERSION, server.peerVersion());
            assertEquals(ServerHandshake.SERVER_VERSION, client.peerVersion());
        }
        assertTrue(client.peerVerified(), "client accepts the server's S1/S2");
        assertTrue(server.peerVerified(), "server accepts the client's C2");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void overPipes(boolean complex) throws Exception {
        PipedInputStream serverIn = new PipedInputStream(8192);
        PipedOutputStream clientOut = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(8192);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);

        CompletableFuture<HandshakeResult> server = serveAsync(serverIn, serverOut);
        HandshakeResult client = new ClientHandshake(new SplittableRandom(2), CLOCK).perform(clientIn, clientOut, complex);

        assertBothSides(complex, client, server.get(10, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void overLoopbackSocket(boolean complex) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<HandshakeResult> server = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(5000);
                    server.complete(new ServerHandshake().perform(s.getInputStream(), s.getOutputStream()));
                    // Stay until the client has its answer, so the client never reads a reset.
                    s.getInputStream().read();
                } catch (Throwable t) {
                    server.completeExceptionally(t);
                }
            });
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 5000);
                s.setSoTimeout(5000);
                HandshakeResult client = new ClientHandshake().perform(s.getInputStream(), s.getOutputStream(), complex);
                assertBothSides(complex, client, server.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void pipesCarryTheFollowingBytesUntouched() throws Exception {
        PipedInputStream serverIn = new PipedInputStream(8192);
        PipedOutputStream clientOut = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(8192);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);

        CompletableFuture<Integer> firstByteAfter = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                new ServerHandshake().perform(serverIn, serverOut);
                firstByteAfter.complete(serverIn.read());
            } catch (IOException | RuntimeException e) {
                firstByteAfter.completeExceptionally(e);
            }
        });
        new ClientHandshake().perform(clientIn, clientOut, true);
        clientOut.write(0x03); // first byte of a chunk basic header
        clientOut.flush();
        assertEquals(0x03, firstByteAfter.get(10, TimeUnit.SECONDS));
    }
}
