package io.srs.app.hooks;

import io.srs.app.config.VhostConfig;
import io.srs.app.hls.HlsManager;
import io.srs.app.hls.Segment;
import io.srs.app.hls.StreamName;
import io.srs.app.server.ConfigStore;
import io.srs.rtmp.request.RtmpUrls;

import java.nio.file.Path;

/**
 * Sends {@code on_hls} and {@code on_hls_notify} for every segment HLS keeps. Runs on the
 * stream's HLS thread; the hooks themselves are queued and never block it.
 */
public final class HlsHooks implements HlsManager.Listener {
    private final ConfigStore config;
    private final HttpHooks hooks;

    public HlsHooks(ConfigStore config, HttpHooks hooks) {
        this.config = config;
        this.hooks = hooks;
    }

    @Override
    public void onSegment(StreamName name, Segment segment, Path m3u8, String m3u8Url, String publisherId) {
        String url = RtmpUrls.streamUrl(name.vhost(), name.app(), name.stream());
        hooks.onHls(url, publisherId, new HlsSegment(segment.durationMs() / 1000.0, segment.file().toString(), segment.uri(),
                m3u8.toString(), m3u8Url, segment.seq()));
        VhostConfig v = config.current().vhost(name.vhost());
        if (v != null) {
            hooks.onHlsNotify(url, segment.uri(), v.hls().nbNotify());
        }
    }
}
