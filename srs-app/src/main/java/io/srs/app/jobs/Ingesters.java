package io.srs.app.jobs;

import io.srs.app.config.ConfigDiff;
import io.srs.app.config.Defaults;
import io.srs.app.config.Directive;
import io.srs.app.config.EngineConfig;
import io.srs.app.config.SrsConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.process.JobSpec;
import io.srs.app.process.Supervisor;
import io.srs.app.server.ConfigStore;
import io.srs.rtmp.request.RtmpUrls;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ingest <id> { enabled; input { type file|stream; url; } ffmpeg; engine {…} }}: an FFmpeg
 * per enabled ingest (per engine when it has several) that runs as long as the config enables it,
 * publisher or not, and is restarted when it exits (a file ingest starts the file again at its
 * end, as SRS does). Port of {@code SrsIngester} (srs_app_ingest.cpp): {@code -loglevel
 * <ff_log_level> -re} before the input, output format flv, copy when the engine is off or names
 * no codec. On reload only ingests whose command line changed are restarted.
 *
 * <p>Thread-safe.
 */
public final class Ingesters implements ConfigStore.ReloadListener {
    private static final System.Logger LOG = System.getLogger(Ingesters.class.getName());
    static final String KIND = "ingest";

    private final ConfigStore config;
    private final Supervisor supervisor;

    public Ingesters(ConfigStore config, Supervisor supervisor) {
        this.config = config;
        this.supervisor = supervisor;
    }

    public void start() {
        config.subscribe(this);
        apply(config.current());
    }

    @Override
    public void onReload(SrsConfig previous, SrsConfig next, ConfigDiff diff) {
        apply(next);
    }

    private void apply(SrsConfig cfg) {
        List<JobSpec> wanted = new ArrayList<>();
        for (VhostConfig v : cfg.vhosts()) {
            if (!v.enabled()) {
                continue;
            }
            for (Directive ingest : v.ingests()) {
                if (EngineConfig.blockEnabled(ingest)) {
                    specs(cfg, v.name(), ingest, wanted);
                }
            }
        }
        Set<String> keys = new HashSet<>();
        wanted.forEach(s -> keys.add(s.key()));
        supervisor.stopWhere(s -> s.kind().equals(KIND) && !keys.contains(s.key()));
        wanted.forEach(supervisor::apply);
    }

    private static void specs(SrsConfig cfg, String vhost, Directive ingest, List<JobSpec> out) {
        String id = ingest.arg0();
        Directive ff = ingest.get("ffmpeg");
        String ffmpeg = ff == null ? "" : ff.arg0();
        Directive input = ingest.get("input");
        Directive typeD = input == null ? null : input.get("type");
        Directive urlD = input == null ? null : input.get("url");
        String type = typeD == null || typeD.arg0().isEmpty() ? Defaults.INGEST_INPUT_TYPE : typeD.arg0();
        String url = urlD == null ? "" : urlD.arg0();
        String problem = ffmpeg.isEmpty() ? "no ffmpeg"
                : url.isEmpty() ? "empty input url"
                : !type.equals("file") && !type.equals("stream") ? "invalid input type " + type
                : null;
        if (problem != null) {
            LOG.log(Level.ERROR, "ingest {0}: {1}: {2}, not started", id, ingest.location(), problem);
            return;
        }
        int port = cfg.listen().isEmpty() ? RtmpUrls.DEFAULT_PORT : cfg.listen().get(0).port();
        List<Directive> engines = ingest.getAll("engine");
        List<Directive> each = engines.isEmpty() ? java.util.Collections.singletonList(null) : engines;
        for (int i = 0; i < each.size(); i++) {
            EngineConfig e = EngineConfig.of(each.get(i));
            String output = outputOf(e.output(), vhost, port);
            if (output.isEmpty()) {
                LOG.log(Level.ERROR, "ingest {0}: {1}: empty output url, not started", id, ingest.location());
                continue;
            }
            // -re for files and streams alike (SRS: it also paces HLS input).
            List<String> iparams = new ArrayList<>();
            if (!cfg.ffLogLevel().isEmpty()) {
                iparams.add("-loglevel");
                iparams.add(cfg.ffLogLevel());
            }
            iparams.add("-re");
            List<String> argv;
            try {
                argv = !e.enabled() || e.vcodec().isEmpty() || e.acodec().isEmpty()
                        ? FfmpegCommand.copy(ffmpeg, iparams, url, output, "flv")
                        : FfmpegCommand.transcode(ffmpeg, iparams, oformatFlv(e), url, output);
            } catch (IllegalArgumentException x) {
                LOG.log(Level.ERROR, "ingest {0}: {1}: {2}, not started", id, ingest.location(), x.getMessage());
                continue;
            }
            String target = JobNames.streamOf(cfg, output);
            String[] parts = target == null ? new String[]{"", ""} : appAndStream(target);
            String key = KIND + " " + vhost + "/" + id + (engines.size() > 1 ? " #" + i : "");
            out.add(new JobSpec(key, KIND, vhost, parts[0] + "/" + parts[1], id, argv,
                    JobNames.log(cfg, "ffmpeg-ingest", vhost, parts[0], parts[1])));
        }
    }

    /** SRS sets the output format of every ingest to flv (RTMP). */
    private static EngineConfig oformatFlv(EngineConfig e) {
        return new EngineConfig(e.name(), e.enabled(), e.perfile(), e.iformat(), e.vfilter(), e.vcodec(),
                e.vbitrate(), e.vfps(), e.vwidth(), e.vheight(), e.vthreads(), e.vprofile(), e.vpreset(),
                e.vparams(), e.acodec(), e.abitrate(), e.asampleRate(), e.achannels(), e.aparams(), "flv",
                e.output(), e.where());
    }

    /** The engine's output with {@code [vhost] [port]}, and the default vhost's param removed, as SRS does. */
    static String outputOf(String template, String vhost, int port) {
        String o = template.replace("[vhost]", vhost).replace("[port]", Integer.toString(port));
        o = o.replace("vhost=" + Defaults.DEFAULT_VHOST, "").replace("?&", "?").replace("?/", "/");
        while (o.endsWith("?")) {
            o = o.substring(0, o.length() - 1);
        }
        return o;
    }

    private static String[] appAndStream(String streamUrl) {
        int first = streamUrl.indexOf('/');
        int last = streamUrl.lastIndexOf('/');
        return new String[]{streamUrl.substring(first + 1, last), streamUrl.substring(last + 1)};
    }
}
