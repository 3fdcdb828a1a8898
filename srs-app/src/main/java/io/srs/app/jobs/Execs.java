package io.srs.app.jobs;

import io.srs.app.config.SrsConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.process.JobSpec;
import io.srs.app.process.Supervisor;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceRegistry;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.request.RtmpUrls;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code exec { enabled; publish <program> <args>; }}: each {@code publish} command runs while the
 * stream is published, with {@code [vhost] [port] [app] [stream] [tcUrl] [swfUrl] [pageUrl] [url]}
 * and the date variables replaced; supervised (restarted if it exits, as SRS's 3-second cycle
 * does) and stopped on unpublish. Port of {@code SrsNgExec} (srs_app_ng_exec.cpp). Output goes to
 * {@code <ff_log_dir>/exec-<vhost>-<app>-<stream>-<n>.log} (SRS leaves it on its own stdout
 * unless the command redirects it).
 *
 * <p>Thread-safe.
 */
public final class Execs extends PublishJobs {
    static final String KIND = "exec";

    public Execs(ConfigStore config, SourceRegistry sources, Supervisor supervisor,
                 Function<LiveSource, RtmpRequest> requests) {
        super(KIND, config, sources, supervisor, requests);
    }

    @Override
    List<JobSpec> wanted(SrsConfig cfg, LiveSource source, RtmpRequest req, String prefix) {
        VhostConfig v = cfg.vhost(req.vhost());
        List<JobSpec> wanted = new ArrayList<>();
        if (v != null && v.enabled() && v.exec().enabled()) {
            List<List<String>> commands = v.exec().publish();
            for (int i = 0; i < commands.size(); i++) {
                List<String> argv = commands.get(i).stream().map(a -> substitute(a, req)).toList();
                wanted.add(new JobSpec(prefix + "#" + i, KIND, req.vhost(), req.app() + "/" + req.stream(),
                        "#" + i, argv, JobNames.log(cfg, "exec", req.vhost(), req.app(), req.stream(),
                        Integer.toString(i))));
            }
        }
        return wanted;
    }

    /** SrsNgExec::parse: the date variables are left to the supervisor, which fills them at each start. */
    static String substitute(String tmpl, RtmpRequest req) {
        String o = tmpl.replace("[vhost]", req.vhost()).replace("[port]", Integer.toString(req.port()))
                .replace("[app]", req.app()).replace("[stream]", req.stream())
                .replace("[tcUrl]", req.tcUrl()).replace("[swfUrl]", req.swfUrl()).replace("[pageUrl]", req.pageUrl());
        if (o.contains("[url]")) {
            o = o.replace("[url]", RtmpUrls.rtmpUrl(req.host(), req.port(), req.host(), req.vhost(), req.app(),
                    req.stream(), req.param()));
        }
        return o;
    }
}
