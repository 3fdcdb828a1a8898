package io.srs.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigParserTest {
    @TempDir
    Path dir;

    private Directive parse(String text) {
        return new ConfigParser(dir).parse(text, "srs.conf");
    }

    private ConfigException fails(String text) {
        return assertThrows(ConfigException.class, () -> parse(text));
    }

    @Test
    void parsesDirectivesBlocksAndLines() {
        Directive root = parse("listen 1935 1936;\n\nvhost a.com {\n    chunk_size 4096;\n    hls {\n"
                + "        enabled on;\n    }\n}\n");
        assertEquals(ConfigParser.ROOT, root.name());
        assertEquals(2, root.children().size());
        Directive listen = root.get("listen");
        assertEquals(List.of("1935", "1936"), listen.args());
        assertEquals(1, listen.line());
        assertEquals("srs.conf", listen.file());
        assertFalse(listen.isBlock());
        Directive vhost = root.get("vhost", "a.com");
        assertTrue(vhost.isBlock());
        assertEquals(3, vhost.line());
        assertEquals(6, vhost.get("hls").get("enabled").line());
        assertEquals("on", vhost.get("hls").get("enabled").arg0());
        assertNull(root.get("vhost", "b.com"));
    }

    @Test
    void keepsRepeatedDirectivesInOrderAndGetReturnsFirst() {
        Directive root = parse("vhost a {}\nvhost b {}\nvhost a {}\n");
        assertEquals(3, root.getAll("vhost").size());
        assertEquals("a", root.get("vhost").arg0());
        assertEquals(1, root.get("vhost", "a").line());
        assertEquals(2, root.get("vhost", "b").line());
        assertEquals("", root.get("vhost").arg(5));
    }

    @Test
    void severalDirectivesOnOneLine() {
        Directive root = parse("a 1; b 2; c { d 3; }");
        assertEquals(List.of("a", "b", "c"), root.children().stream().map(Directive::name).toList());
        assertEquals("3", root.get("c").get("d").arg0());
        assertEquals(1, root.get("c").get("d").line());
    }

    @Test
    void separatorsNeedNoSpace() {
        Directive root = parse("vhost x{enabled off;}listen 1;");
        assertEquals("off", root.get("vhost").get("enabled").arg0());
        assertEquals("1", root.get("listen").arg0());
    }

    @Test
    void commentsStartOnlyWhereAWordStarts() {
        Directive root = parse("# header\nlisten 1935; # trailing\n  #indented\nurl http://a/b#frag;\n");
        assertEquals(2, root.children().size());
        assertEquals("http://a/b#frag", root.get("url").arg0());
        assertEquals(4, root.get("url").line());
    }

    @Test
    void commentInsideDirectiveRunsToEndOfLineAndThenTheLineIsUnfinished() {
        ConfigException e = fails("listen 1935 # no semicolon\n");
        assertEquals("srs.conf:1: unexpected end of line in directive 'listen' (expected ';' or '{' on the same line)",
                e.getMessage());
    }

    @Test
    void quotesMakeOneWordWithoutEscapes() {
        Directive root = parse("vf 'split [a]; [b] crop=iw:ih {x}';\nid \"my device\";\nq \"it's\";\n"
                + "back \"a\\\";\n");
        assertEquals("split [a]; [b] crop=iw:ih {x}", root.get("vf").arg0());
        assertEquals("my device", root.get("id").arg0());
        assertEquals("it's", root.get("q").arg0());
        assertEquals("a\\", root.get("back").arg0());
    }

    @Test
    void quotedWordMayBeFollowedBySemicolonOrBrace() {
        Directive root = parse("engine \"e 1\"{ enabled on; }\nx 'y';");
        assertEquals("e 1", root.get("engine").arg0());
        assertTrue(root.get("engine").isBlock());
        assertEquals("y", root.get("x").arg0());
    }

    @Test
    void emptyQuotedWordIsDropped() {
        assertEquals(List.of(), parse("device_id \"\";").get("device_id").args());
    }

    @Test
    void charactersGlueOntoWordsLikeSrs() {
        Directive root = parse("a b}c;\nd e\"f;");
        assertEquals(List.of("b}c"), root.get("a").args());
        assertEquals(List.of("e\"f"), root.get("d").args());
    }

    @Test
    void crlfLineEndingsAreAccepted() {
        Directive root = parse("listen 1935;\r\nvhost a {\r\n  enabled on;\r\n}\r\n");
        assertEquals(3, root.get("vhost").get("enabled").line());
    }

    @Test
    void emptyTextIsAnEmptyRoot() {
        assertTrue(parse("").children().isEmpty());
        assertTrue(parse("  \n# only a comment\n").children().isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "listen 1935|SYSTEM_CONFIG_EOF|srs.conf:1: unexpected end of file in directive 'listen' (expected ';' or '{')",
            "listen|SYSTEM_CONFIG_EOF|srs.conf:1: unexpected end of file in directive 'listen' (expected ';' or '{')",
            "listen 1935\\n;|SYSTEM_CONFIG_DIRECTIVE|srs.conf:1: unexpected end of line in directive 'listen' (expected ';' or '{' on the same line)",
            "a 1;\\nlisten\\n1935;|SYSTEM_CONFIG_DIRECTIVE|srs.conf:2: unexpected end of line in directive 'listen' (expected ';' or '{' on the same line)",
            "vhost x\\n{ }|SYSTEM_CONFIG_DIRECTIVE|srs.conf:1: unexpected end of line in directive 'vhost' (expected ';' or '{' on the same line)",
            "a 1;\\n ;|SYSTEM_CONFIG_DIRECTIVE|srs.conf:2: unexpected ';' (expected a directive name before it)",
            "{ a 1; }|SYSTEM_CONFIG_BLOCK_START|srs.conf:1: unexpected '{' (expected a directive name before it)",
            "vhost a { enabled on }|SYSTEM_CONFIG_BLOCK_END|srs.conf:1: unexpected '}' after 'enabled on' (expected ';' before it)",
            "a 1;\\n}|SYSTEM_CONFIG_BLOCK_END|srs.conf:2: unexpected '}' (no block is open)",
            "vhost a {\\n  b {\\n    c 1;\\n  }\\n|SYSTEM_CONFIG_EOF|srs.conf:1: unexpected end of file, block 'vhost' is not closed (expected '}')",
            "x 'abc'd;|SYSTEM_CONFIG_DIRECTIVE|srs.conf:1: unexpected 'd' after a quoted word (expected a space, ';' or '{')",
            "\"\";|SYSTEM_CONFIG_DIRECTIVE|srs.conf:1: empty directive name before ';' (expected a name that is not an empty quoted word)",
            "x 'abc;|SYSTEM_CONFIG_EOF|srs.conf:1: unexpected end of file in directive 'x' (expected ';' or '{')",
    })
    void syntaxErrorsNameFileLineAndExpectation(String text, ErrorCode code, String message) {
        ConfigException e = fails(text.replace("\\n", "\n"));
        assertEquals(message, e.getMessage());
        assertEquals(code, e.code());
        assertEquals("srs.conf", e.file());
        assertTrue(e instanceof SrsException);
    }

    @Test
    void nestedBlockEofReportsInnermostOpenBlock() {
        ConfigException e = fails("vhost a {\n  hls {\n    enabled on;\n");
        assertEquals("srs.conf:2: unexpected end of file, block 'hls' is not closed (expected '}')", e.getMessage());
        assertEquals(2, e.line());
    }

    @Test
    void includeSplicesFilesInPlaceAtAnyLevel() throws IOException {
        Files.writeString(dir.resolve("top.conf"), "pid ./x.pid;\n");
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/hls.conf"), "hls {\n    enabled on;\n}\n");
        Files.writeString(dir.resolve("conf/more.conf"), "tcp_nodelay on;");
        Directive root = parse("listen 1935;\ninclude top.conf;\nvhost a {\n    include conf/hls.conf conf/more.conf;\n"
                + "    chunk_size 128;\n}\n");
        assertEquals(List.of("listen", "pid", "vhost"), root.children().stream().map(Directive::name).toList());
        Directive vhost = root.get("vhost");
        assertEquals(List.of("hls", "tcp_nodelay", "chunk_size"), vhost.children().stream().map(Directive::name).toList());
        Directive enabled = vhost.get("hls").get("enabled");
        assertEquals("conf/hls.conf", enabled.file());
        assertEquals(2, enabled.line());
        assertEquals("conf/hls.conf:2", enabled.location());
        assertEquals("top.conf", root.get("pid").file());
    }

    @Test
    void includesNestAndResolveAgainstBaseDirNotIncludingFile() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/a.conf"), "include sub/b.conf;\na 1;\n");
        Files.writeString(dir.resolve("sub/b.conf"), "b 2;\n");
        Directive root = parse("include sub/a.conf;");
        assertEquals(List.of("b", "a"), root.children().stream().map(Directive::name).toList());
    }

    @Test
    void includeErrorsPointIntoTheIncludedFile() throws IOException {
        Files.writeString(dir.resolve("bad.conf"), "ok 1;\nbroken {\n");
        ConfigException e = fails("listen 1935;\ninclude bad.conf;\n");
        assertEquals("bad.conf:2: unexpected end of file, block 'broken' is not closed (expected '}')", e.getMessage());
    }

    @Test
    void strayCloseBraceInIncludedFileIsAnError() throws IOException {
        Files.writeString(dir.resolve("close.conf"), "a 1;\n}\n");
        ConfigException e = fails("vhost v {\n    include close.conf;\n}\n");
        assertEquals("close.conf:2: unexpected '}' (no block is open)", e.getMessage());
    }

    @Test
    void missingIncludeNamesTheIncludingFileAndLine() {
        ConfigException e = fails("listen 1935;\n\ninclude nothere.conf;\n");
        assertTrue(e.getMessage().startsWith("srs.conf:3: include file nothere.conf not found (resolved to "),
                e.getMessage());
        assertEquals(ErrorCode.SYSTEM_CONFIG_INVALID, e.code());
    }

    @Test
    void includeWithoutFileIsAnError() {
        ConfigException e = fails("listen 1935;\ninclude;\n");
        assertEquals("srs.conf:2: include has no file (expected 'include file1 [file2 ...];')", e.getMessage());
        e = fails("include a {\n}\n");
        assertEquals("srs.conf:1: include cannot open a block (expected 'include file;')", e.getMessage());
    }

    @Test
    void includeCycleIsAnErrorNotAStackOverflow() throws IOException {
        Files.writeString(dir.resolve("a.conf"), "a 1;\ninclude b.conf;\n");
        Files.writeString(dir.resolve("b.conf"), "b 1;\n\ninclude a.conf;\n");
        ConfigException e = fails("include a.conf;");
        assertEquals("b.conf:3: include cycle: srs.conf -> a.conf -> b.conf -> a.conf "
                + "(expected files not to include each other)", e.getMessage());
    }

    @Test
    void fileIncludingItselfIsACycle() throws IOException {
        Files.writeString(dir.resolve("self.conf"), "listen 1935;\ninclude self.conf;\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigParser(dir).parseFile(Path.of("self.conf")));
        assertEquals("self.conf:2: include cycle: self.conf -> self.conf (expected files not to include each other)",
                e.getMessage());
    }

    @Test
    void sameFileMayBeIncludedTwiceWithoutCycle() throws IOException {
        Files.writeString(dir.resolve("common.conf"), "enabled on;\n");
        Directive root = parse("vhost a { include common.conf; }\nvhost b { include common.conf; }\n");
        assertEquals("on", root.get("vhost", "b").get("enabled").arg0());
    }

    @Test
    void missingMainFileIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigParser(dir).parseFile(Path.of("no.conf")));
        assertTrue(e.getMessage().startsWith("no.conf: no config file at "), e.getMessage());
    }

    @Test
    void directiveEqualityIgnoresLocation() {
        Directive a = parse("x 1;\nvhost a { y 2; }");
        Directive b = new ConfigParser(dir).parse("\n\nx 1; vhost a {\n y 2;\n}", "other.conf");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertFalse(a.equals(parse("x 1;\nvhost a { y 3; }")));
        assertFalse(parse("forward a;").equals(parse("forward a {}")));
    }

    @Test
    void toStringIsReparseable() {
        Directive a = parse("x 1 'a b';\nvhost a { y \"c;d\"; z {} }");
        Directive b = parse(a.children().stream().map(Directive::toString).reduce("", String::concat));
        assertEquals(a, b);
    }

    @Test
    void randomInputOnlyEverFailsWithConfigException() {
        Random random = new Random(42);
        String alphabet = "ab1 ;{}#'\"\n\r\t";
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(40);
            for (int k = 0; k < n; k++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                parse(sb.toString());
            } catch (ConfigException expected) {
                assertTrue(expected.line() >= 0);
            }
        }
    }
}
