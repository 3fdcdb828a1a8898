package io.srs.app.jobs;

import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.request.RtmpUrls;

import java.util.Optional;
import java.util.function.Function;

/**
 * The request a stream was published with (port, param, tcUrl, pageUrl... for the job
 * variables), from the publisher's connection; a stream without one (an edge pull) is described
 * from its url on the first listen port. Thread-safe if the lookup is.
 */
public final class PublisherRequests implements Function<LiveSource, RtmpRequest> {
    private final ConfigStore config;
    private final Function<String, Optional<RtmpRequest>> byClient;

    /** @param byClient the request of a connection id */
    public PublisherRequests(ConfigStore config, Function<String, Optional<RtmpRequest>> byClient) {
        this.config = config;
        this.byClient = byClient;
    }

    @Override
    public RtmpRequest apply(LiveSource source) {
        String url = source.url();
        String cid = source.publisherId();
        if (cid != null && !cid.isEmpty()) {
            Optional<RtmpRequest> r = byClient.apply(cid);
            if (r.isPresent() && url.equals(r.get().streamUrl())) {
                return r.get();
            }
        }
        int first = url.indexOf('/');
        int last = url.lastIndexOf('/');
        String vhost = first == 0 ? RtmpUrls.DEFAULT_VHOST : url.substring(0, Math.max(first, 0));
        String app = first >= 0 && last > first ? url.substring(first + 1, last) : RtmpUrls.DEFAULT_APP;
        String stream = url.substring(last + 1);
        var listen = config.current().listen();
        int port = listen.isEmpty() ? RtmpUrls.DEFAULT_PORT : listen.get(0).port();
        String host = RtmpUrls.DEFAULT_VHOST.equals(vhost) ? "127.0.0.1" : vhost;
        return new RtmpRequest("rtmp://" + host + ":" + port + "/" + app, "", "", 0, "rtmp", host, vhost, app,
                stream, port, "", -1);
    }
}
