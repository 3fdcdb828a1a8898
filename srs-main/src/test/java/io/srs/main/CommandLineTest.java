package io.srs.main;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {
    private static CommandLine parse(Map<String, String> env, String... args) {
        return CommandLine.parse(args, env);
    }

    @Test
    void noArgumentsShowsHelp() {
        assertEquals(CommandLine.Action.HELP, parse(Map.of()).action());
    }

    @Test
    void configFileRuns() {
        CommandLine c = parse(Map.of(), "-c", "conf/srs.conf");
        assertEquals(CommandLine.Action.RUN, c.action());
        assertEquals("conf/srs.conf", c.configFile());
    }

    @Test
    void testFlagTestsTheConfig() {
        assertEquals(CommandLine.Action.TEST_CONFIG, parse(Map.of(), "-t", "-c", "x.conf").action());
        assertEquals(CommandLine.Action.TEST_CONFIG, parse(Map.of(), "-c", "x.conf", "-t").action());
    }

    @Test
    void theLaunchersPrePassReadsWorkDir() {
        assertEquals(CommandLine.Action.PRINT_WORK_DIR, parse(Map.of(), "--print-work-dir", "-c", "x.conf").action());
        assertEquals(CommandLine.Action.TEST_CONFIG, parse(Map.of(), "-t", "--print-work-dir", "-c", "x.conf").action());
    }

    @Test
    void versionAndSignatureNeedNoConfig() {
        assertEquals(CommandLine.Action.VERSION, parse(Map.of(), "-v").action());
        assertEquals(CommandLine.Action.VERSION, parse(Map.of(), "-V").action());
        assertEquals(CommandLine.Action.SIGNATURE, parse(Map.of(), "-g").action());
        assertEquals(CommandLine.Action.HELP, parse(Map.of(), "-h", "-v").action());
    }

    @Test
    void environmentOverridesTheConfigFile() {
        CommandLine c = parse(Map.of("SRS_CONFIG_FILE", "other.conf"), "-c", "conf/srs.conf");
        assertEquals("other.conf", c.configFile());
    }

    @Test
    void envOnlyNeedsNoFile() {
        CommandLine c = parse(Map.of(), "-e");
        assertTrue(c.envOnly());
        assertNull(c.configFile());
        assertTrue(parse(Map.of("SRS_ENV_ONLY", "on"), "-c", "x").envOnly());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThrows(CommandLine.UsageException.class, () -> parse(Map.of(), "-c"));
        assertThrows(CommandLine.UsageException.class, () -> parse(Map.of(), "-x"));
        assertThrows(CommandLine.UsageException.class, () -> parse(Map.of(), "-t"));
    }
}
