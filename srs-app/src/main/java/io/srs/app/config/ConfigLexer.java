package io.srs.app.config;

import io.srs.core.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits configuration text into statements: the words of one directive and what ended it
 * ({@code ;}, <code>{</code>, <code>}</code> or end of input). Follows SRS's {@code read_token}
 * (itself modelled on nginx's {@code ngx_conf_read_token}) including its quirks:
 * <ul>
 * <li>{@code #} starts a comment only where a new word would start; inside a word it is text;</li>
 * <li>{@code '…'} and {@code "…"} quote a word, with no escape character; after the closing
 *     quote only whitespace, {@code ;} or <code>{</code> may follow; an empty quoted word is dropped;</li>
 * <li>a directive must end on the line where it started (nginx allows several lines, SRS not).</li>
 * </ul>
 *
 * <p>Not thread-safe: one lexer per text, used by one parser.
 */
final class ConfigLexer {
    /** What ended a statement. */
    enum End { SEMICOLON, BLOCK_START, BLOCK_END, EOF }

    /** The words of one statement, the line of its first word, and how it ended. */
    record Statement(List<String> words, int line, End end) {
    }

    private final String text;
    private final String file;
    private int pos;
    private int line = 1;

    ConfigLexer(String text, String file) {
        this.text = text;
        this.file = file;
    }

    String file() {
        return file;
    }

    int line() {
        return line;
    }

    Statement next() {
        List<String> words = new ArrayList<>();
        int startLine = 0;
        boolean comment = false;
        char quote = 0;           // the open quote, or 0
        boolean inWord = false;
        boolean needSpace = false; // just closed a quote
        int wordStart = 0;

        while (true) {
            if (pos >= text.length()) {
                if (!words.isEmpty() || inWord) {
                    String what = words.isEmpty() ? text.substring(wordStart) : words.getFirst();
                    throw error(ErrorCode.SYSTEM_CONFIG_EOF, startLine,
                            "unexpected end of file in directive '" + what + "' (expected ';' or '{')");
                }
                return new Statement(List.of(), line, End.EOF);
            }
            char ch = text.charAt(pos++);
            boolean newline = ch == '\n' || ch == '\r';
            if (ch == '\n') {
                line++;
            }
            if (newline) {
                comment = false;
                if (!words.isEmpty()) {
                    throw endOfLine(words.getFirst(), startLine);
                }
            }
            if (comment) {
                continue;
            }
            if (needSpace) {
                if (isSpace(ch)) {
                    needSpace = false;
                    continue;
                }
                if (ch == ';' || ch == '{') {
                    return end(words, startLine, ch);
                }
                throw error(ErrorCode.SYSTEM_CONFIG_DIRECTIVE, line, "unexpected '" + ch
                        + "' after a quoted word (expected a space, ';' or '{')");
            }
            if (!inWord) {
                if (isSpace(ch)) {
                    continue;
                }
                switch (ch) {
                    case ';' -> {
                        if (words.isEmpty()) {
                            throw error(ErrorCode.SYSTEM_CONFIG_DIRECTIVE, line,
                                    "unexpected ';' (expected a directive name before it)");
                        }
                        return new Statement(words, startLine, End.SEMICOLON);
                    }
                    case '{' -> {
                        if (words.isEmpty()) {
                            throw error(ErrorCode.SYSTEM_CONFIG_BLOCK_START, line,
                                    "unexpected '{' (expected a directive name before it)");
                        }
                        return new Statement(words, startLine, End.BLOCK_START);
                    }
                    case '}' -> {
                        if (!words.isEmpty()) {
                            throw error(ErrorCode.SYSTEM_CONFIG_BLOCK_END, line, "unexpected '}' after '"
                                    + String.join(" ", words) + "' (expected ';' before it)");
                        }
                        return new Statement(List.of(), line, End.BLOCK_END);
                    }
                    case '#' -> comment = true;
                    default -> {
                        inWord = true;
                        if (ch == '"' || ch == '\'') {
                            quote = ch;
                            wordStart = pos;
                        } else {
                            wordStart = pos - 1;
                        }
                        if (startLine == 0) {
                            startLine = line;
                        }
                    }
                }
                continue;
            }
            boolean ends = quote != 0 ? ch == quote : isSpace(ch) || ch == ';' || ch == '{';
            if (!ends) {
                continue;
            }
            String word = text.substring(wordStart, pos - 1);
            if (!word.isEmpty()) {
                words.add(word);
            }
            inWord = false;
            if (quote != 0) {
                quote = 0;
                needSpace = true;
                continue;
            }
            if (ch == ';' || ch == '{') {
                return end(words, startLine, ch);
            }
            if (newline && !words.isEmpty()) {
                throw endOfLine(words.getFirst(), startLine);
            }
        }
    }

    /** A statement ended by ';' or '{' right after a word; only empty quoted words make it nameless. */
    private Statement end(List<String> words, int startLine, char ch) {
        if (words.isEmpty()) {
            throw error(ErrorCode.SYSTEM_CONFIG_DIRECTIVE, startLine, "empty directive name before '" + ch
                    + "' (expected a name that is not an empty quoted word)");
        }
        return new Statement(words, startLine, ch == ';' ? End.SEMICOLON : End.BLOCK_START);
    }

    private ConfigException endOfLine(String name, int at) {
        return error(ErrorCode.SYSTEM_CONFIG_DIRECTIVE, at, "unexpected end of line in directive '" + name
                + "' (expected ';' or '{' on the same line)");
    }

    private ConfigException error(ErrorCode code, int at, String reason) {
        return new ConfigException(code, file, at, reason);
    }

    private static boolean isSpace(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
    }
}
