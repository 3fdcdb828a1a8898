package io.srs.app.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Directives this server accepts (so SRS configs load unchanged) but whose feature does not
 * exist yet. Enabling one must not fail silently: the server says, once per load or reload,
 * what it ignores, with the file:line of the directive; {@code -t} prints the same lines. Keep
 * this list in step with the README's feature table.
 */
public final class NotImplemented {
    private NotImplemented() {
    }

    /**
     * One line per enabled-but-missing feature, starting with the file:line of its directive
     * (its block when the switch itself is defaulted) and naming the vhost.
     */
    public static List<String> in(SrsConfig c) {
        List<String> out = new ArrayList<>();
        Directive root = c.root();
        if (c.asprocess()) {
            out.add(at(root, "asprocess") + "asprocess is not implemented and is ignored");
        }
        for (String block : List.of("rtc_server", "srt_server", "stream_caster")) {
            Directive d = root.get(block);
            if (d != null && enabled(d)) {
                out.add(at(root, block) + block + " is not implemented (WebRTC, SRT and stream casters are not supported yet)");
            }
        }
        for (VhostConfig v : c.vhosts()) {
            Directive raw = v.raw();
            String where = "vhost " + v.name() + ": ";
            if (v.httpStatic().enabled()) {
                out.add(at(raw, "http_static") + where + "http_static is not implemented; use http_server's dir");
            }
            if (v.cluster().originCluster()) {
                out.add(at(raw == null ? null : raw.get("cluster"), "origin_cluster") + where
                        + "cluster.origin_cluster (coworkers) is not implemented yet");
            }
            if (v.cluster().followClient()) {
                out.add(at(raw == null ? null : raw.get("cluster"), "follow_client") + where + "cluster.follow_client is not implemented; edges pull with cluster.protocol");
            }
            for (String block : List.of("rtc", "srt", "dash", "hds")) {
                Directive d = raw == null ? null : raw.get(block);
                if (d != null && enabled(d)) {
                    out.add(at(d) + where + block + " is not implemented");
                }
            }
        }
        return out;
    }

    /** "file:line: " of {@code parent}'s child {@code name}, else of the parent itself. */
    private static String at(Directive parent, String name) {
        Directive d = parent == null ? null : parent.get(name);
        return at(d != null ? d : parent);
    }

    /** The switch inside a block is the line to point at ({@code enabled on;}), else the block. */
    private static String at(Directive d) {
        if (d == null) {
            return "";
        }
        Directive e = d.get("enabled");
        Directive where = e != null && e.line() > 0 ? e : d;
        return where.location() + ": ";
    }

    private static boolean enabled(Directive block) {
        Directive e = block.get("enabled");
        return e != null && "on".equals(e.arg0());
    }
}
