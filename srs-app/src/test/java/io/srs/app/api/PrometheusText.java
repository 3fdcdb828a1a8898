package io.srs.app.api;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4: every line is a HELP, a TYPE
 * or a sample with a valid name, well-formed labels and a number; a family is typed once, before
 * its samples. Fails (AssertionError) on anything else.
 */
public final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})?"
                    + " ([-+]?(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|Inf|\\+Inf|-Inf))( -?[0-9]+)?");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** Samples by their full series text ({@code name{labels}}), in order. */
    public final Map<String, Double> samples = new LinkedHashMap<>();
    /** Family name to type. */
    public final Map<String, String> types = new HashMap<>();

    private PrometheusText() {
    }

    public static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        Set<String> seenFamilies = new HashSet<>();
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String name = line.substring(7).split(" ", 2)[0];
                check(NAME.matcher(name).matches(), n, line);
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] f = line.substring(7).split(" ");
                check(f.length == 2 && NAME.matcher(f[0]).matches() && TYPES.contains(f[1]), n, line);
                check(seenFamilies.add(f[0]), n, "family typed twice: " + line);
                p.types.put(f[0], f[1]);
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            check(m.matches(), n, line);
            String series = line.substring(0, line.lastIndexOf(' ', line.length() - 1));
            if (m.group(5) != null) {
                series = series.substring(0, series.lastIndexOf(' '));
            }
            String v = m.group(4);
            double value = switch (v) {
                case "NaN" -> Double.NaN;
                case "Inf", "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(v);
            };
            check(p.samples.put(series, value) == null, n, "duplicate series: " + line);
        }
        return p;
    }

    private static void check(boolean ok, int line, String text) {
        if (!ok) {
            throw new AssertionError("line " + line + " is not Prometheus text: " + text);
        }
    }

    /** The value of the series named exactly {@code series}, e.g. {@code srs_clients}. */
    public double get(String series) {
        Double v = samples.get(series);
        if (v == null) {
            throw new AssertionError("no series " + series + " in " + samples.keySet());
        }
        return v;
    }

    /** The first series whose text starts with {@code prefix} and contains {@code part}. */
    public double find(String prefix, String part) {
        for (var e : samples.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getKey().contains(part)) {
                return e.getValue();
            }
        }
        throw new AssertionError("no series " + prefix + "…" + part + " in " + samples.keySet());
    }
}
