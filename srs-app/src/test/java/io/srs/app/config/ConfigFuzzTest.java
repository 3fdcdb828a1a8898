package io.srs.app.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fuzz target: a config file through the lexer, parser, validator and typed snapshot. Only a
 * {@link ConfigException} (file:line and the reason) may refuse it. Texts with {@code include}
 * are skipped: they would make the fuzzer read the machine's files.
 */
@Tag("fuzz")
class ConfigFuzzTest {
    private static final Path NOWHERE = Path.of("target", "fuzz-config-empty");

    @FuzzTest(maxDuration = "10s")
    void config(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        if (text.contains("include")) {
            return;
        }
        try {
            SrsConfig.parse(text, "fuzz.conf", NOWHERE, Map.of());
        } catch (ConfigException expected) {
            // refused with its line
        }
    }
}
