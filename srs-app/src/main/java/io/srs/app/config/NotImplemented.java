package io.srs.app.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Directives this server accepts (so SRS configs load unchanged) but whose feature does not
 * exist yet. Enabling one must not fail silently: the server says, once per load or reload,
 * what it ignores. Keep this list in step with the README's feature table.
 */
public final class NotImplemented {
    private NotImplemented() {
    }

    /** One line per enabled-but-missing feature, naming the vhost and the directive. */
    public static List<String> in(SrsConfig c) {
        List<String> out = new ArrayList<>();
        if (!"./".equals(c.workDir()) && !".".equals(c.workDir())) {
            out.add("work_dir " + c.workDir() + " is ignored: start ./srs from the directory you want");
        }
        if (c.asprocess()) {
            out.add("asprocess is not implemented and is ignored");
        }
        for (String block : List.of("rtc_server", "srt_server", "stream_caster")) {
            Directive d = c.root().get(block);
            if (d != null && enabled(d)) {
                out.add(block + " is not implemented (WebRTC, SRT and stream casters are not supported yet)");
            }
        }
        for (VhostConfig v : c.vhosts()) {
            String where = "vhost " + v.name() + ": ";
            if (v.dvr().enabled()) {
                out.add(where + "dvr is not implemented yet; nothing is recorded");
            }
            if (v.httpRemux().enabled() && !v.httpRemux().fastCache().isZero()) {
                out.add(where + "http_remux.fast_cache is not implemented; .aac/.mp3 viewers start at the live edge");
            }
            if (v.httpStatic().enabled()) {
                out.add(where + "http_static is not implemented; use http_server's dir");
            }
            if (v.exec().enabled()) {
                out.add(where + "exec is not implemented yet; no command is run on publish");
            }
            for (Directive d : v.ingests()) {
                if (enabled(d)) {
                    out.add(where + "ingest " + d.arg0() + " is not implemented yet");
                }
            }
            for (Directive d : v.transcodes()) {
                if (enabled(d)) {
                    out.add(where + "transcode " + d.arg0() + " is not implemented yet");
                }
            }
            if (v.cluster().originCluster()) {
                out.add(where + "cluster.origin_cluster (coworkers) is not implemented yet");
            }
            if (v.cluster().followClient()) {
                out.add(where + "cluster.follow_client is not implemented; edges pull with cluster.protocol");
            }
            for (String block : List.of("rtc", "srt", "dash", "hds")) {
                Directive d = v.raw() == null ? null : v.raw().get(block);
                if (d != null && enabled(d)) {
                    out.add(where + block + " is not implemented");
                }
            }
        }
        return out;
    }

    private static boolean enabled(Directive block) {
        Directive e = block.get("enabled");
        return e != null && "on".equals(e.arg0());
    }
}
