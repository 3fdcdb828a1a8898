package io.srs.app.jobs;

import io.srs.app.config.SrsConfig;
import io.srs.rtmp.request.RtmpUrls;
import io.srs.rtmp.request.UrlParts;

import java.nio.file.Path;

/**
 * Names shared by the job features: per-job log files in {@code ff_log_dir} with SRS's names, and
 * the stream an RTMP output URL publishes to. Stateless.
 */
final class JobNames {
    /** {@code ff_log_dir} value that discards job output (SRS_CONSTS_NULL_FILE). */
    static final String NULL_FILE = "/dev/null";

    private JobNames() {
    }

    /**
     * {@code <ff_log_dir>/<prefix>-<part>-<part>....log}, or null when logs are discarded. Parts
     * may come from clients (app, stream): a slash would make a directory and {@code ..} climb
     * out, so both are replaced.
     */
    static Path log(SrsConfig cfg, String prefix, String... parts) {
        String dir = cfg.ffLogDir();
        if (NULL_FILE.equals(dir)) {
            return null;
        }
        StringBuilder sb = new StringBuilder(prefix);
        for (String p : parts) {
            if (!p.isEmpty()) {
                sb.append('-').append(p.replace('/', '_').replace("..", "__"));
            }
        }
        return Path.of(dir).resolve(sb.append(".log").toString());
    }

    /**
     * The source url ({@code vhost/app/stream}, default vhost omitted) an RTMP URL publishes to on
     * this server, with the vhost resolved as a client's would be; null when it is not an RTMP URL.
     */
    static String streamOf(SrsConfig cfg, String rtmpUrl) {
        if (!rtmpUrl.startsWith("rtmp://")) {
            return null;
        }
        try {
            RtmpUrls.TcUrlAndStream ts = RtmpUrls.splitRtmpUrl(rtmpUrl);
            UrlParts p = RtmpUrls.discover(ts.tcUrl(), ts.stream(), "").guessStreamIfEmpty().strip();
            var v = cfg.vhost(p.vhost());
            String vhost = v == null ? p.vhost() : v.name();
            return RtmpUrls.streamUrl(vhost, p.app(), p.stream());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
