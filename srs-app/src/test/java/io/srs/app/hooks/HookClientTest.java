package io.srs.app.hooks;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.Version;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SRS's success rule for hook answers, against a real receiver on loopback. */
class HookClientTest {
    private static HookReceiver receiver;
    private static final HookClient CLIENT = new HookClient();
    private static final Duration T = Duration.ofSeconds(5);

    @BeforeAll
    static void start() throws IOException {
        receiver = new HookReceiver(c -> switch (c.path().split("\\?")[0]) {
            case "/zero" -> HookReceiver.Answer.ok("0");
            case "/object" -> HookReceiver.Answer.ok("{\"code\":0,\"data\":{\"x\":1}}");
            case "/created" -> new HookReceiver.Answer(201, "{\"code\": 0}");
            case "/code1" -> HookReceiver.Answer.ok("{\"code\":1}");
            case "/one" -> HookReceiver.Answer.ok("1");
            case "/html" -> HookReceiver.Answer.ok("<html><body>ok</body></html>");
            case "/status500" -> new HookReceiver.Answer(500, "0");
            case "/status204" -> new HookReceiver.Answer(204, "");
            case "/empty" -> HookReceiver.Answer.ok("");
            case "/nocode" -> HookReceiver.Answer.ok("{\"data\":0}");
            case "/stringcode" -> HookReceiver.Answer.ok("{\"code\":\"0\"}");
            case "/floatcode" -> HookReceiver.Answer.ok("{\"code\":0.5}");
            case "/newline" -> HookReceiver.Answer.ok("0\n");
            case "/array" -> HookReceiver.Answer.ok("[0]");
            case "/hang" -> null;
            default -> new HookReceiver.Answer(404, "not found");
        });
    }

    @AfterAll
    static void stop() {
        receiver.close();
        CLIENT.close();
    }

    @ParameterizedTest
    @CsvSource({"/zero", "/object", "/created"})
    void successIsStatus200Or201WithZeroOrCodeZero(String path) {
        HookClient.Answer a = CLIENT.post(receiver.url(path), "{\"action\":\"on_publish\"}", T);
        assertTrue(a.status() == 200 || a.status() == 201);
    }

    @ParameterizedTest
    @CsvSource({
        "/code1, 3064", "/one, 3008", "/html, 3008", "/status500, 4005", "/status204, 4005", "/empty, 3008",
        "/nocode, 3064", "/stringcode, 3064", "/floatcode, 3064", "/newline, 3008", "/array, 3008",
        "/missing, 4005"})
    void everythingElseFailsWithSrsCodes(String path, int code) {
        SrsException e = assertThrows(SrsException.class, () -> CLIENT.post(receiver.url(path), "{}", T));
        assertEquals(code, e.code().code(), e.describe());
    }

    @Test
    void sendsJsonWithSrsUserAgent() throws InterruptedException {
        CLIENT.post(receiver.url("/zero?token=abc"), "{\"k\":\"v\"}", T);
        HookReceiver.Call c = receiver.await(x -> x.path().equals("/zero?token=abc"), 5);
        assertEquals("POST", c.method());
        assertEquals(Version.SIGNATURE, c.userAgent());
        assertEquals("application/json", c.contentType());
        assertEquals("{\"k\":\"v\"}", c.body());
    }

    @Test
    void aHungReceiverTimesOut() {
        long start = System.nanoTime();
        SrsException e = assertThrows(SrsException.class,
                () -> CLIENT.post(receiver.url("/hang"), "{}", Duration.ofMillis(300)));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ErrorCode.SOCKET_TIMEOUT, e.code());
        assertTrue(ms >= 250 && ms < 3000, "took " + ms + " ms");
    }

    @Test
    void refusedAndBadUrlsFail() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SrsException refused = assertThrows(SrsException.class,
                () -> CLIENT.post("http://127.0.0.1:" + port + "/x", "{}", T));
        assertEquals(ErrorCode.SOCKET_CONNECT, refused.code());
        for (String bad : new String[] {"", "ftp://x/y", "not a url", "http:///path", "http://[::1"}) {
            SrsException e = assertThrows(SrsException.class, () -> CLIENT.post(bad, "{}", T), bad);
            assertEquals(ErrorCode.HTTP_PARSE_URI, e.code(), bad);
        }
    }

    @Test
    void notifyReadsAtMostTheAskedBytes() {
        assertEquals(200, CLIENT.get(receiver.url("/html"), 4, T));
        assertEquals(200, CLIENT.get(receiver.url("/zero"), 64, T));
    }
}
