package io.srs.app.cluster;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EndpointTest {
    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, 127.0.0.1, 1935",
            "127.0.0.1:19350, 127.0.0.1, 19350",
            "origin.example.com:1936, origin.example.com, 1936",
            "' host:80 ', host, 80",
            "[::1]:1937, ::1, 1937",
            "[::1], ::1, 1935",
            "::1, ::1, 1935",
    })
    void readsHostAndPort(String text, String host, int port) {
        Endpoint e = Endpoint.parse(text);
        assertEquals(host, e.host());
        assertEquals(port, e.port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":1935", "host:", "host:x", "host:0", "host:65536", "host:-1", "[::1", "[::1]x", "[::1]:",
            "host:99999999999"})
    void rejectsBadAddresses(String text) {
        SrsException e = assertThrows(SrsException.class, () -> Endpoint.parse(text));
        assertEquals(ErrorCode.EDGE_PORT_INVALID, e.code());
    }

    @ParameterizedTest
    @CsvSource({"a:1, a:1", "a, a:1935", "[::1]:5, [::1]:5"})
    void printsHostPort(String text, String printed) {
        assertEquals(printed, Endpoint.parse(text).toString());
    }
}
