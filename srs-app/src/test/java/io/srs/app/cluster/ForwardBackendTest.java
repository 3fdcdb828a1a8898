package io.srs.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.rtmp.request.RtmpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ForwardBackendTest {
    @Test
    void readsTheUrlsOfASuccess() {
        assertEquals(List.of("rtmp://a/live/s", "rtmp://b:1936/x/y?k=v"), ForwardBackend.parse(200,
                "{\"code\":0,\"data\":{\"urls\":[\"rtmp://a/live/s\",\"\",\"rtmp://b:1936/x/y?k=v\",3]}}"));
        assertEquals(List.of(), ForwardBackend.parse(201, "{\"code\":0,\"data\":{\"urls\":[]}}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "500 | {\"code\":0,\"data\":{\"urls\":[]}} | HTTP_STATUS_INVALID",
            "204 | '' | HTTP_STATUS_INVALID",
            "200 | '' | HTTP_DATA_INVALID",
            "200 | not json | HTTP_DATA_INVALID",
            "200 | 0 | SYSTEM_FORWARD_LOOP",
            "200 | [1] | SYSTEM_FORWARD_LOOP",
            "200 | {} | RESPONSE_CODE",
            "200 | {\"code\":\"0\"} | RESPONSE_CODE",
            "200 | {\"code\":1,\"data\":{\"urls\":[]}} | RESPONSE_CODE",
            "200 | {\"code\":0} | SYSTEM_FORWARD_LOOP",
            "200 | {\"code\":0,\"data\":[]} | SYSTEM_FORWARD_LOOP",
            "200 | {\"code\":0,\"data\":{}} | SYSTEM_FORWARD_LOOP",
            "200 | {\"code\":0,\"data\":{\"urls\":\"rtmp://a/b/c\"}} | SYSTEM_FORWARD_LOOP",
    })
    void refusesAnythingElse(int status, String body, ErrorCode code) {
        SrsException e = assertThrows(SrsException.class, () -> ForwardBackend.parse(status, body));
        assertEquals(code, e.code());
    }

    @Test
    void garbageAnswersOnlyYieldSrsException() {
        Random r = new Random(7);
        String good = "{\"code\":0,\"data\":{\"urls\":[\"rtmp://a/live/s\"]}}";
        for (int i = 0; i < 5000; i++) {
            String body;
            if (i % 2 == 0) {
                body = good.substring(0, r.nextInt(good.length()));
            } else {
                char[] c = new char[r.nextInt(40)];
                for (int k = 0; k < c.length; k++) {
                    c[k] = "{}[]\":,0123abc \\".charAt(r.nextInt(16));
                }
                body = new String(c);
            }
            try {
                ForwardBackend.parse(200, body);
            } catch (SrsException expected) {
                // fine
            }
        }
    }

    @Test
    void theHookBodyHasSrsFields() throws Exception {
        RtmpRequest req = RtmpRequest.ofConnect("rtmp://10.0.0.1/live", "", "", 0).withStream("s?token=x", -1)
                .withVhost("__defaultVhost__");
        JsonNode n = new ObjectMapper().readTree(ForwardBackend.body("srv", "svc", "cid1", "1.2.3.4", req));
        assertEquals("on_forward", n.get("action").asText());
        assertEquals("srv", n.get("server_id").asText());
        assertEquals("svc", n.get("service_id").asText());
        assertEquals("cid1", n.get("client_id").asText());
        assertEquals("1.2.3.4", n.get("ip").asText());
        assertEquals("__defaultVhost__", n.get("vhost").asText());
        assertEquals("live", n.get("app").asText());
        assertEquals("rtmp://10.0.0.1/live", n.get("tcUrl").asText());
        assertEquals("s", n.get("stream").asText());
        assertEquals("?token=x", n.get("param").asText());
        assertEquals(List.of("action", "server_id", "service_id", "client_id", "ip", "vhost", "app", "tcUrl",
                "stream", "param"), iterate(n));
    }

    private static List<String> iterate(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
