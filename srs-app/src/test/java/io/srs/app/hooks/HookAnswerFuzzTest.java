package io.srs.app.hooks;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import io.srs.core.SrsException;

import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: the JSON a hook receiver answers (SRS's success rule: 200/201 with {@code 0} or
 * {@code {"code":0}}), the JSON the server takes from a peer. Only {@link SrsException} may
 * refuse an answer.
 */
@Tag("fuzz")
class HookAnswerFuzzTest {
    private static final HookClient CLIENT = new HookClient(); // check() is pure; never posts

    @FuzzTest(maxDuration = "10s")
    void hookAnswer(byte[] data) {
        try {
            CLIENT.check(new HookClient.Answer(data.length > 0 && data[0] == 1 ? 201 : 200,
                    new String(data, StandardCharsets.UTF_8)));
        } catch (SrsException expected) {
            // not a success
        }
    }
}
