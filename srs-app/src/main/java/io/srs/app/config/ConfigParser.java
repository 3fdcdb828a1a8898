package io.srs.app.config;

import io.srs.core.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Parses nginx-style configuration text into a {@link Directive} tree, expanding
 * {@code include file1 [file2 …];} in place. Port of {@code SrsConfDirective::parse_conf}.
 *
 * <p>Include paths are opened as written, relative to {@code baseDir} (the process working
 * directory in production, as SRS does, not the including file's directory). Includes may nest
 * and may appear at any level; an include cycle is an error rather than a stack overflow.
 *
 * <p>The parser never touches shared state: each call returns a new tree. Thread-safe.
 */
public final class ConfigParser {
    /** The name of the synthetic root directive. */
    public static final String ROOT = "root";
    /** Deeper includes than this are rejected even without a cycle. */
    public static final int MAX_INCLUDE_DEPTH = 16;

    private final Path baseDir;

    /** @param baseDir the directory relative include and file paths are resolved against */
    public ConfigParser(Path baseDir) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    /** Reads and parses {@code file} (relative paths resolve against the base directory). */
    public Directive parseFile(Path file) {
        Path path = baseDir.resolve(file).normalize();
        String name = file.toString();
        String text = read(path, () -> new ConfigException(ErrorCode.SYSTEM_CONFIG_INVALID, name, 0,
                "no config file at " + path));
        return parse(text, name, path);
    }

    /**
     * Parses {@code text}; {@code fileName} is used in messages and, resolved against the base
     * directory, to detect a file that includes itself.
     */
    public Directive parse(String text, String fileName) {
        return parse(text, fileName, baseDir.resolve(fileName).normalize());
    }

    private Directive parse(String text, String fileName, Path path) {
        Deque<Path> stack = new ArrayDeque<>();
        stack.push(path);
        List<Directive> children = parseBody(new ConfigLexer(text, fileName), null, stack);
        return new Directive(ROOT, List.of(), children, true, fileName, 0);
    }

    /** Parses until the matching '}' ({@code opener} non-null) or the end of the text. */
    private List<Directive> parseBody(ConfigLexer lexer, Directive opener, Deque<Path> stack) {
        List<Directive> out = new ArrayList<>();
        while (true) {
            ConfigLexer.Statement st = lexer.next();
            switch (st.end()) {
                case BLOCK_END -> {
                    if (opener != null) {
                        return out;
                    }
                    throw new ConfigException(ErrorCode.SYSTEM_CONFIG_BLOCK_END, lexer.file(), st.line(),
                            "unexpected '}' (no block is open)");
                }
                case EOF -> {
                    if (opener == null) {
                        return out;
                    }
                    throw new ConfigException(ErrorCode.SYSTEM_CONFIG_EOF, lexer.file(), opener.line(),
                            "unexpected end of file, block '" + opener.name() + "' is not closed (expected '}')");
                }
                case SEMICOLON, BLOCK_START -> {
                    String name = st.words().getFirst();
                    List<String> args = st.words().subList(1, st.words().size());
                    if (name.equals("include")) {
                        include(lexer, st, args, out, stack);
                        continue;
                    }
                    if (st.end() == ConfigLexer.End.SEMICOLON) {
                        out.add(Directive.leaf(name, args, lexer.file(), st.line()));
                    } else {
                        Directive open = new Directive(name, args, List.of(), true, lexer.file(), st.line());
                        out.add(open.withChildren(parseBody(lexer, open, stack)));
                    }
                }
            }
        }
    }

    private void include(ConfigLexer lexer, ConfigLexer.Statement st, List<String> files,
            List<Directive> out, Deque<Path> stack) {
        String at = lexer.file();
        if (st.end() == ConfigLexer.End.BLOCK_START) {
            throw new ConfigException(ErrorCode.SYSTEM_CONFIG_DIRECTIVE, at, st.line(),
                    "include cannot open a block (expected 'include file;')");
        }
        if (files.isEmpty()) {
            throw new ConfigException(ErrorCode.SYSTEM_CONFIG_DIRECTIVE, at, st.line(),
                    "include has no file (expected 'include file1 [file2 ...];')");
        }
        for (String file : files) {
            Path path = baseDir.resolve(file).normalize();
            if (stack.contains(path)) {
                String chain = stack.reversed().stream().map(p -> baseDir.relativize(p).toString())
                        .collect(Collectors.joining(" -> "));
                throw new ConfigException(ErrorCode.SYSTEM_CONFIG_INVALID, at, st.line(),
                        "include cycle: " + chain + " -> " + file + " (expected files not to include each other)");
            }
            if (stack.size() > MAX_INCLUDE_DEPTH) {
                throw new ConfigException(ErrorCode.SYSTEM_CONFIG_INVALID, at, st.line(),
                        "include nesting deeper than " + MAX_INCLUDE_DEPTH + " at " + file);
            }
            String text = read(path, () -> new ConfigException(ErrorCode.SYSTEM_CONFIG_INVALID, at,
                    st.line(), "include file " + file + " not found (resolved to " + path + ")"));
            stack.push(path);
            out.addAll(parseBody(new ConfigLexer(text, file), null, stack));
            stack.pop();
        }
    }

    private interface Missing {
        ConfigException get();
    }

    private static String read(Path path, Missing missing) {
        try {
            return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw missing.get();
        } catch (IOException e) {
            ConfigException m = missing.get();
            throw new ConfigException(ErrorCode.SYSTEM_CONFIG_INVALID, m.file(), m.line(),
                    "cannot read " + path + ": " + e.getMessage());
        }
    }
}
