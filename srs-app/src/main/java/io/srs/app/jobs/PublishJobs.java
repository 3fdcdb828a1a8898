package io.srs.app.jobs;

import io.srs.app.config.ConfigDiff;
import io.srs.app.config.SrsConfig;
import io.srs.app.process.Job;
import io.srs.app.process.JobSpec;
import io.srs.app.process.Supervisor;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceListener;
import io.srs.app.source.SourceRegistry;
import io.srs.rtmp.request.RtmpRequest;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Jobs that live as long as a stream is published (transcode, exec): on publish and on reload the
 * stream's jobs are made to match what the config wants (new ones start, unchanged ones keep
 * their process, changed ones restart, removed ones stop); on unpublish they all stop. Job keys
 * start with {@code <kind> <stream url> }.
 *
 * <p>Thread-safe; source events come on publisher threads and only start or stop jobs; they and
 * a reload's step for a stream run under that stream's lifecycle lock
 * ({@link SourceRegistry#forEachPublishing}).
 */
abstract class PublishJobs implements SourceListener, ConfigStore.ReloadListener {
    private final String kind;
    private final ConfigStore config;
    private final SourceRegistry sources;
    private final Supervisor supervisor;
    private final Function<LiveSource, RtmpRequest> requests;

    PublishJobs(String kind, ConfigStore config, SourceRegistry sources, Supervisor supervisor,
                Function<LiveSource, RtmpRequest> requests) {
        this.kind = kind;
        this.config = config;
        this.sources = sources;
        this.supervisor = supervisor;
        this.requests = requests;
    }

    /** Subscribes to publishes and reloads. */
    public void start() {
        sources.addListener(this);
        config.subscribe(this);
    }

    /** The jobs {@code cfg} wants for a published stream; keys must start with {@code prefix}. */
    abstract List<JobSpec> wanted(SrsConfig cfg, LiveSource source, RtmpRequest req, String prefix);

    /** A job of this kind was stopped. */
    void stopped(Job job) {
    }

    @Override
    public void onPublish(LiveSource source) {
        apply(config.current(), source);
    }

    @Override
    public void onUnpublish(LiveSource source) {
        String prefix = prefix(source.url());
        supervisor.stopWhere(s -> s.key().startsWith(prefix)).forEach(this::stopped);
    }

    @Override
    public void onReload(SrsConfig previous, SrsConfig next, ConfigDiff diff) {
        // Under each stream's lifecycle lock: an unpublish cannot slip in between and leave
        // jobs running for a stream that is gone.
        sources.forEachPublishing(s -> apply(next, s));
    }

    private String prefix(String url) {
        return kind + " " + url + " ";
    }

    private void apply(SrsConfig cfg, LiveSource source) {
        String prefix = prefix(source.url());
        List<JobSpec> wanted = wanted(cfg, source, requests.apply(source), prefix);
        Set<String> keys = new HashSet<>();
        wanted.forEach(s -> keys.add(s.key()));
        supervisor.stopWhere(s -> s.key().startsWith(prefix) && !keys.contains(s.key())).forEach(this::stopped);
        wanted.forEach(supervisor::apply);
    }
}
