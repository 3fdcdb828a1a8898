package io.srs.rtmp.request;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueryStringTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ''                       | {}
            vhost=v                  | {vhost=v}
            vhost=v&token=t          | {token=t, vhost=v}
            key=abc&&vhost=demo.com  | {key=abc, vhost=demo.com}
            a=1;b=2,c=3              | {a=1, b=2, c=3}
            a&vhost=v                | {a=vhost, v=}
            vhost=v&                 | {vhost=v}
            vhost=a&vhost=b          | {vhost=b}
            t=1?vhost=v?vhost=w      | {vhost=v?vhost, w=}
            ?vhost=v                 | {vhost=v}
            x=%41                    | {x=%41}
            """)
    void parsesLikeSrs(String query, String expected) {
        Map<String, String> sorted = new TreeMap<>(QueryString.parse(query));
        assertEquals(expected, sorted.toString());
    }
}
