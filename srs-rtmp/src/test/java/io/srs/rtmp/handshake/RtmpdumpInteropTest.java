package io.srs.rtmp.handshake;

import io.srs.testing.ExternalTool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our server against librtmp (Debian's rtmpdump). librtmp only does the Flash 9 handshake when it
 * has SWF verification data or encrypts ({@code HandShake} in librtmp/handshake.h), so the plain
 * invocation must get a simple handshake and the one with {@code --swfhash/--swfsize} a complex
 * one whose S1 digest and S2 signature librtmp checks: on failure it logs "Couldn't verify the
 * server digest" or "Server not genuine Adobe!" and gives up before sending connect.
 */
@Tag("e2e")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RtmpdumpInteropTest {

    @ParameterizedTest(name = "swfVerification={0}")
    @ValueSource(booleans = {true, false})
    void rtmpdumpAcceptsOurHandshakeAndSendsConnect(boolean swfVerification) throws Exception {
        ExternalTool.RTMPDUMP.require();
        Path log = Files.createTempFile("rtmpdump", ".log");
        Process process = null;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(10_000);
            List<String> command = new ArrayList<>(List.of("rtmpdump",
                    "-r", "rtmp://127.0.0.1:" + listener.getLocalPort() + "/live/test",
                    "-o", "/dev/null", "--timeout", "3", "-V"));
            if (swfVerification) {
                command.addAll(List.of("--swfhash", "00".repeat(32), "--swfsize", "1000"));
            }
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();

            HandshakeResult result;
            String afterHandshake;
            try (Socket s = listener.accept()) {
                s.setSoTimeout(5_000);
                result = new ServerHandshake().perform(s.getInputStream(), s.getOutputStream());
                afterHandshake = readUntil(s.getInputStream(), "connect", 512);
            }
            process.getOutputStream().close();
            boolean exited = process.waitFor(10, TimeUnit.SECONDS);
            String output = Files.readString(log, StandardCharsets.ISO_8859_1);

            assertTrue(exited, "rtmpdump exits once we hang up");
            assertTrue(afterHandshake.contains("connect"), "rtmpdump sent connect after the handshake; output:\n" + output);
            assertFalse(output.contains("Couldn't verify the server digest"), output);
            assertFalse(output.contains("not genuine"), output);
            assertFalse(output.contains("Trying different position"), output);
            assertFalse(output.contains("Type mismatch"), output);
            if (swfVerification) {
                assertEquals(HandshakeKind.COMPLEX, result.kind());
                assertEquals("10.0.45.2", result.peerVersionString());
                assertTrue(result.peerVerified(), "librtmp's C2 answers our S1 digest");
                assertTrue(output.contains("Genuine Adobe Flash Media Server"), output);
            } else {
                assertEquals(HandshakeKind.SIMPLE, result.kind());
                assertFalse(output.contains("client signature does not match"), output);
            }
        } finally {
            if (process != null) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        }
    }

    /** Reads until {@code marker} shows up, {@code limit} bytes arrive, or the peer stops. */
    private static String readUntil(InputStream in, String marker, int limit) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        while (seen.size() < limit) {
            int n = in.read(buf, 0, Math.min(buf.length, limit - seen.size()));
            if (n < 0) {
                break;
            }
            seen.write(buf, 0, n);
            if (seen.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
                break;
            }
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }
}
