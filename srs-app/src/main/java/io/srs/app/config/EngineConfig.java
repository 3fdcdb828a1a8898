package io.srs.app.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code engine [name] {…}} of a {@code transcode} or {@code ingest} block, read as SRS's
 * {@code get_engine_*} getters read it (full.conf "example.transcode.srs.com"). Option blocks
 * ({@code perfile vfilter vparams aparams}) become FFmpeg arguments: each child's name with a
 * {@code -} added when missing, then its first argument if any. Numbers that do not parse are 0,
 * as {@code atoi} makes them. Immutable.
 *
 * @param name   the engine's name ({@code [engine]}), "" when it has none
 * @param where  the directive, for error lines
 */
public record EngineConfig(String name, boolean enabled, List<String> perfile, String iformat, List<String> vfilter,
                           String vcodec, int vbitrate, double vfps, int vwidth, int vheight, int vthreads,
                           String vprofile, String vpreset, List<String> vparams, String acodec, int abitrate,
                           int asampleRate, int achannels, List<String> aparams, String oformat, String output,
                           Directive where) {
    public EngineConfig {
        perfile = List.copyOf(perfile);
        vfilter = List.copyOf(vfilter);
        vparams = List.copyOf(vparams);
        aparams = List.copyOf(aparams);
    }

    /**
     * {@code enabled} of a {@code transcode} or {@code ingest} block: off unless {@code on}
     * (SRS_CONF_PREFER_FALSE).
     */
    public static boolean blockEnabled(Directive block) {
        return block != null && Values.preferFalse(block, "enabled", Defaults.TRANSCODE_ENABLED);
    }

    /** Reads an engine block; a null block gives a disabled engine (ingest without engine). */
    public static EngineConfig of(Directive e) {
        return new EngineConfig(
                e == null ? "" : e.arg0(),
                e != null && Values.preferFalse(e, "enabled", Defaults.ENGINE_ENABLED),
                options(e, "perfile"),
                text(e, "iformat", Defaults.ENGINE_IFORMAT),
                options(e, "vfilter"),
                raw(e, "vcodec"),
                (int) number(e, "vbitrate", 0),
                number(e, "vfps", 0),
                (int) number(e, "vwidth", 0),
                (int) number(e, "vheight", 0),
                (int) number(e, "vthreads", Defaults.ENGINE_VTHREADS),
                raw(e, "vprofile"),
                raw(e, "vpreset"),
                options(e, "vparams"),
                text(e, "acodec", ""),
                (int) number(e, "abitrate", 0),
                (int) number(e, "asample_rate", 0),
                (int) number(e, "achannels", 0),
                options(e, "aparams"),
                text(e, "oformat", Defaults.ENGINE_OFORMAT),
                text(e, "output", ""),
                e);
    }

    private static List<String> options(Directive e, String block) {
        List<String> out = new ArrayList<>();
        Directive b = e == null ? null : e.get(block);
        if (b == null) {
            return out;
        }
        for (Directive o : b.children()) {
            out.add(o.name().startsWith("-") ? o.name() : "-" + o.name());
            if (!o.arg0().isEmpty()) {
                out.add(o.arg0());
            }
        }
        return out;
    }

    /** Empty value means the default (SRS's {@code !conf || arg0().empty()}). */
    private static String text(Directive e, String name, String def) {
        Directive d = e == null ? null : e.get(name);
        return d == null || d.arg0().isEmpty() ? def : d.arg0();
    }

    /** Present-but-empty stays empty (SRS's {@code vcodec}, {@code vprofile}, {@code vpreset}). */
    private static String raw(Directive e, String name) {
        Directive d = e == null ? null : e.get(name);
        return d == null ? "" : d.arg0();
    }

    /** Like atoi/atof: the leading number, 0 when there is none. */
    private static double number(Directive e, String name, double def) {
        Directive d = e == null ? null : e.get(name);
        if (d == null || d.arg0().isEmpty()) {
            return def;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*[-+]?\\d*\\.?\\d+").matcher(d.arg0());
        return m.find() ? Double.parseDouble(m.group().trim()) : 0;
    }
}
