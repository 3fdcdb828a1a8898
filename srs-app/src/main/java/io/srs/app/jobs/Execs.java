package io.srs.app.jobs;

import io.srs.app.config.ConfigDiff;
import io.srs.app.config.SrsConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.process.JobSpec;
import io.srs.app.process.Supervisor;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceListener;
import io.srs.app.source.SourceRegistry;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.request.RtmpUrls;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
public final class Execs implements SourceListener, ConfigStore.ReloadListener {
    static final String KIND = "exec";

    private final ConfigStore config;
    private final SourceRegistry sources;
    private final Supervisor supervisor;
    private final Function<LiveSource, RtmpRequest> requests;

    public Execs(ConfigStore config, SourceRegistry sources, Supervisor supervisor,
                 Function<LiveSource, RtmpRequest> requests) {
        this.config = config;
        this.sources = sources;
        this.supervisor = supervisor;
        this.requests = requests;
    }

    public void start() {
        sources.addListener(this);
        config.subscribe(this);
    }

    @Override
    public void onPublish(LiveSource source) {
        apply(config.current(), source);
    }

    @Override
    public void onUnpublish(LiveSource source) {
        String prefix = prefix(source.url());
        supervisor.stopWhere(s -> s.key().startsWith(prefix));
    }

    @Override
    public void onReload(SrsConfig previous, SrsConfig next, ConfigDiff diff) {
        for (LiveSource s : sources.all()) {
            if (s.isPublishing()) {
                apply(next, s);
            }
        }
    }

    private static String prefix(String url) {
        return KIND + " " + url + " ";
    }

    private void apply(SrsConfig cfg, LiveSource source) {
        String prefix = prefix(source.url());
        RtmpRequest req = requests.apply(source);
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
        Set<String> keys = new HashSet<>();
        wanted.forEach(s -> keys.add(s.key()));
        supervisor.stopWhere(s -> s.key().startsWith(prefix) && !keys.contains(s.key()));
        wanted.forEach(supervisor::apply);
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
