package io.srs.core.log;

import java.util.Locale;
import java.util.logging.Level;

/** Maps SRS's {@code srs_log_level} names to JUL levels (SRS "trace" is our INFO). */
public final class LogLevels {
    private LogLevels() {
    }

    /** verbose, info, trace, warn, error; anything else is trace, SRS's default. */
    public static Level parse(String srsLevel) {
        if (srsLevel == null) {
            return Level.INFO;
        }
        return switch (srsLevel.toLowerCase(Locale.ROOT)) {
            case "verbose" -> Level.FINEST;
            case "info", "debug" -> Level.FINE;
            case "warn" -> Level.WARNING;
            case "error" -> Level.SEVERE;
            default -> Level.INFO;
        };
    }
}
