package io.srs.app.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Typed reads of a directive's first argument with SRS's conventions: a missing directive or an
 * empty first argument means the default; booleans are "prefer false" (only {@code on} is true)
 * or "prefer true" (anything but {@code off} is true), chosen per directive like SRS's getters.
 *
 * <p>Unlike SRS's {@code atoi}/{@code atof}, a value that is not a number is an error at the
 * directive's file:line. Where SRS reads an integer with {@code atoi} from a value written with
 * decimals (the v1 sample's {@code heartbeat.interval 9.3}), the fraction is dropped as atoi does.
 *
 * <p>Stateless; thread-safe.
 */
final class Values {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d{1,18}(\\.\\d*)?|\\.\\d+)");

    private Values() {
    }

    /** The child {@code name} of {@code block} when it has a non-empty first argument, else null. */
    static Directive present(Directive block, String name) {
        if (block == null) {
            return null;
        }
        Directive d = block.get(name);
        return d == null || d.arg0().isEmpty() ? null : d;
    }

    static String string(Directive block, String name, String def) {
        Directive d = present(block, name);
        return d == null ? def : d.arg0();
    }

    static boolean preferTrue(Directive block, String name, boolean def) {
        Directive d = present(block, name);
        return d == null ? def : !d.arg0().equals("off");
    }

    static boolean preferFalse(Directive block, String name, boolean def) {
        Directive d = present(block, name);
        return d == null ? def : d.arg0().equals("on");
    }

    /** All arguments of the first {@code name}, or an empty list. */
    static List<String> list(Directive block, String name) {
        Directive d = block == null ? null : block.get(name);
        return d == null ? List.of() : d.args();
    }

    static int integer(Directive block, String name, int def, int min, int max) {
        Directive d = present(block, name);
        if (d == null) {
            return def;
        }
        long v = parseInteger(d, min, max);
        return (int) v;
    }

    /** An integer value; a decimal is truncated like atoi. */
    static long truncated(Directive block, String name, long def, long min, long max) {
        Directive d = present(block, name);
        if (d == null) {
            return def;
        }
        if (!DECIMAL.matcher(d.arg0()).matches()) {
            throw ConfigException.at(d, d.name() + " '" + d.arg0() + "' is not a number (expected " + range(min, max) + ")");
        }
        long v = new BigDecimal(d.arg0()).longValue();
        if (v < min || v > max) {
            throw ConfigException.at(d, d.name() + " " + d.arg0() + " is out of range (expected " + range(min, max) + ")");
        }
        return v;
    }

    static double decimal(Directive block, String name, double def, double min, double max) {
        Directive d = present(block, name);
        if (d == null) {
            return def;
        }
        if (!DECIMAL.matcher(d.arg0()).matches()) {
            throw ConfigException.at(d, d.name() + " '" + d.arg0() + "' is not a number (expected "
                    + range(min, max) + ")");
        }
        double v = Double.parseDouble(d.arg0());
        if (v < min || v > max) {
            throw ConfigException.at(d, d.name() + " " + d.arg0() + " is out of range (expected "
                    + range(min, max) + ")");
        }
        return v;
    }

    /** Seconds, fractions allowed (SRS's atof-based getters). */
    static Duration seconds(Directive block, String name, Duration def) {
        Directive d = present(block, name);
        if (d == null) {
            return def;
        }
        double s = decimal(block, name, 0, 0, 1e9);
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    /** Whole seconds (SRS's atoi-based getters). */
    static Duration wholeSeconds(Directive block, String name, Duration def) {
        return present(block, name) == null ? def : Duration.ofSeconds(truncated(block, name, 0, 0, 1_000_000_000L));
    }

    /** Whole milliseconds (SRS's atoi-based {@code …_ms}/latency/timeout getters). */
    static Duration millis(Directive block, String name, Duration def) {
        return present(block, name) == null ? def : Duration.ofMillis(truncated(block, name, 0, 0, 1_000_000_000_000L));
    }

    /** Milliseconds, fractions allowed (SRS's atof-based getters). */
    static Duration decimalMillis(Directive block, String name, Duration def) {
        Directive d = present(block, name);
        if (d == null) {
            return def;
        }
        double ms = decimal(block, name, 0, 0, 1e12);
        return Duration.ofNanos(Math.round(ms * 1e6));
    }

    /** One of {@code allowed} (compared as written). */
    static String oneOf(Directive block, String name, String def, List<String> allowed) {
        Directive d = present(block, name);
        if (d == null) {
            return def;
        }
        if (!allowed.contains(d.arg0())) {
            throw ConfigException.at(d, d.name() + " '" + d.arg0() + "' is not valid (expected one of "
                    + String.join(", ", allowed) + ")");
        }
        return d.arg0();
    }

    static TimeJitter timeJitter(Directive block, String name, TimeJitter def) {
        String v = oneOf(block, name, def.value(), List.of("full", "zero", "off"));
        return TimeJitter.valueOf(v.toUpperCase(java.util.Locale.ROOT));
    }

    private static long parseInteger(Directive d, long min, long max) {
        if (!INTEGER.matcher(d.arg0()).matches()) {
            throw ConfigException.at(d, d.name() + " '" + d.arg0() + "' is not an integer (expected "
                    + range(min, max) + ")");
        }
        long v = Long.parseLong(d.arg0());
        if (v < min || v > max) {
            throw ConfigException.at(d, d.name() + " " + v + " is out of range (expected " + range(min, max) + ")");
        }
        return v;
    }

    private static String range(double min, double max) {
        if (max >= 1e9) {
            return "a number >= " + plain(min);
        }
        return "a number in " + plain(min) + ".." + plain(max);
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String range(long min, long max) {
        if (max >= 1_000_000_000L) {
            return "an integer >= " + min;
        }
        return "an integer in " + min + ".." + max;
    }
}
