package io.srs.app.jobs;

import io.srs.app.config.AbrConfig;
import io.srs.app.config.Directive;
import io.srs.app.config.EngineConfig;
import io.srs.app.config.SrsConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.process.Job;
import io.srs.app.process.JobSpec;
import io.srs.app.process.Supervisor;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceRegistry;
import io.srs.rtmp.request.RtmpRequest;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@code transcode [scope] { enabled; ffmpeg; engine [name] {…} }}: one FFmpeg per enabled engine
 * of every matching scope (the vhost {@code ""}, the {@code app}, the {@code app/stream}), started
 * when the stream is published and stopped when it is unpublished. Port of {@code SrsEncoder}
 * (srs_app_encoder.cpp), except that every {@code transcode} block of a scope applies (SRS looks
 * at the first block of the vhost only) and a reload restarts only the engines whose command line
 * changed.
 *
 * <p>Loop guard: the stream each engine's output publishes to is remembered while the engine
 * runs, and a stream published by one of our transcoders is not transcoded again (SRS compares
 * URL strings; here both sides are resolved to stream keys, so spelling does not matter). An
 * output that is the input itself is refused with the config line.
 *
 * <p>ABR ladder (not in SRS): the engines of a block with {@code abr { enabled on; }} read the
 * source with {@code time_jitter=off} and run with {@code -copyts -force_key_frames source}; the
 * {@link LadderListener} hears which streams form the ladder before the engines start.
 *
 * <p>Thread-safe; source events come on publisher threads and only start or stop jobs.
 */
public final class Transcoders extends PublishJobs {
    private static final System.Logger LOG = System.getLogger(Transcoders.class.getName());
    static final String KIND = "encoder";

    /** Job key to the stream its output publishes to: the loop guard. */
    private final Map<String, String> outputs = new ConcurrentHashMap<>();

    private volatile LadderListener ladders;

    /** @param requests the publisher's request of a source (its port, param, vhost) */
    public Transcoders(ConfigStore config, SourceRegistry sources, Supervisor supervisor,
                       Function<LiveSource, RtmpRequest> requests) {
        super(KIND, config, sources, supervisor, requests);
    }

    /** Who hears about ABR ladders; set before {@link #start()}. */
    public void setLadderListener(LadderListener l) {
        this.ladders = l;
    }

    @Override
    public void onUnpublish(LiveSource source) {
        super.onUnpublish(source);
        LadderListener l = ladders;
        if (l != null) {
            l.onLadderEnd(source.url());
        }
    }

    @Override
    void stopped(Job job) {
        outputs.remove(job.spec().key());
    }

    @Override
    List<JobSpec> wanted(SrsConfig cfg, LiveSource source, RtmpRequest req, String prefix) {
        String url = source.url();
        List<JobSpec> wanted = new ArrayList<>();
        if (outputs.containsValue(url)) {
            LOG.log(Level.INFO, "transcode: {0} is the output of a transcoder, not transcoding it again (loop)", url);
            return wanted;
        }
        VhostConfig v = cfg.vhost(req.vhost());
        List<LadderListener.Rendition> renditions = new ArrayList<>();
        String master = null;
        if (v != null && v.enabled()) {
            for (String scope : List.of("", req.app(), req.app() + "/" + req.stream())) {
                for (Directive t : v.transcodes()) {
                    if (t.arg0().equals(scope) && EngineConfig.blockEnabled(t)) {
                        AbrConfig abr = AbrConfig.of(t);
                        // The most specific scope names the master playlist.
                        master = abr.enabled() ? abr.master() : master;
                        specs(cfg, t, req, url, prefix, wanted, abr.enabled() ? renditions : null);
                    }
                }
            }
        }
        LadderListener l = ladders;
        if (l != null && master != null) {
            l.onLadder(url, master, renditions);
        } else if (l != null) {
            l.onLadderEnd(url);
        }
        return wanted;
    }

    /** @param ladder where the engines' outputs go when the block is an ABR ladder, else null */
    private void specs(SrsConfig cfg, Directive transcode, RtmpRequest req, String url, String prefix,
                       List<JobSpec> out, List<LadderListener.Rendition> ladder) {
        Directive ff = transcode.get("ffmpeg");
        String ffmpeg = ff == null ? "" : ff.arg0();
        if (ffmpeg.isEmpty()) {
            LOG.log(Level.WARNING, "transcode: {0}: no ffmpeg, ignored", transcode.location());
            return;
        }
        List<Directive> engines = transcode.getAll("engine");
        for (int i = 0; i < engines.size(); i++) {
            EngineConfig e = EngineConfig.of(engines.get(i));
            if (!e.enabled()) {
                continue;
            }
            // The input is always our own RTMP port, as in SRS; a ladder's renditions read the
            // source's own timestamps (time_jitter=off), so theirs match.
            boolean aligned = ladder != null && !"vn".equals(e.vcodec());
            String input = "rtmp://127.0.0.1:" + req.port() + "/" + req.app() + "?vhost=" + req.vhost()
                    + (aligned ? "&time_jitter=off" : "") + "/" + req.stream();
            String output = e.output().replace("[vhost]", req.vhost()).replace("[port]", Integer.toString(req.port()))
                    .replace("[app]", req.app()).replace("[stream]", req.stream()).replace("[param]", req.param())
                    .replace("[engine]", e.name());
            String target = JobNames.streamOf(cfg, output);
            if (url.equals(target)) {
                LOG.log(Level.ERROR, "transcode: {0}: output {1} is the input stream itself, engine refused",
                        e.where().get("output") == null ? e.where().location() : e.where().get("output").location(),
                        output);
                continue;
            }
            List<String> argv;
            try {
                argv = FfmpegCommand.transcode(ffmpeg, List.of(), e, input, output, aligned);
            } catch (IllegalArgumentException x) {
                LOG.log(Level.ERROR, "transcode: {0}: engine {1} refused: {2}", e.where().location(), e.name(),
                        x.getMessage());
                continue;
            }
            String key = prefix + "'" + transcode.arg0() + "' " + (e.name().isEmpty() ? "#" + i : e.name());
            if (target != null) {
                outputs.put(key, target);
                if (aligned) {
                    ladder.add(new LadderListener.Rendition(e.name(), target));
                }
            }
            out.add(new JobSpec(key, KIND, req.vhost(), req.app() + "/" + req.stream(), e.name(), argv,
                    JobNames.log(cfg, "ffmpeg-encoder", req.vhost(), req.app(), req.stream(), e.name())));
        }
    }
}
