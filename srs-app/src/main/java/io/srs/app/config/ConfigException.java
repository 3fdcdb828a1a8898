package io.srs.app.config;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

/**
 * A configuration that cannot be read or is not valid. The message is one line,
 * {@code FILE:LINE: what is wrong (what was expected)}, so an operator can jump to the spot;
 * {@link #file()} and {@link #line()} give the same location to programs.
 *
 * <p>Immutable.
 */
public final class ConfigException extends SrsException {
    private final String file;
    private final int line;
    private final String reason;

    public ConfigException(ErrorCode code, String file, int line, String reason) {
        super(code, format(file, line, reason));
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** An {@link ErrorCode#SYSTEM_CONFIG_INVALID} error located at {@code d}. */
    public static ConfigException at(Directive d, String reason) {
        return new ConfigException(ErrorCode.SYSTEM_CONFIG_INVALID, d.file(), d.line(), reason);
    }

    private static String format(String file, int line, String reason) {
        return (line > 0 ? file + ":" + line : file) + ": " + reason;
    }

    /** The file (or {@code env:NAME}) where the problem is. */
    public String file() {
        return file;
    }

    /** 1-based line of the problem, 0 when it has none (environment values, whole file). */
    public int line() {
        return line;
    }

    /** The message without the location. */
    public String reason() {
        return reason;
    }
}
