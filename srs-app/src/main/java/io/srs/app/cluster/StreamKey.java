package io.srs.app.cluster;

import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.request.RtmpUrls;

/**
 * The parts of a source url ({@code vhost/app/stream}, {@code /app/stream} on the default
 * vhost), for streams whose client request is not at hand (an edge pull started by an HTTP
 * player, a source fed by our own ingester). Immutable.
 */
record StreamKey(String vhost, String app, String stream) {

    /** Splits a source url; the app may itself contain slashes. */
    static StreamKey parse(String url) {
        int first = url.indexOf('/');
        int last = url.lastIndexOf('/');
        if (first < 0 || last <= first) {
            return new StreamKey(RtmpUrls.DEFAULT_VHOST, RtmpUrls.DEFAULT_APP, url.replace("/", ""));
        }
        String vhost = first == 0 ? RtmpUrls.DEFAULT_VHOST : url.substring(0, first);
        return new StreamKey(vhost, url.substring(first + 1, last), url.substring(last + 1));
    }

    /**
     * A request as a client on this server would have sent it: the vhost as host (loopback for
     * the default vhost, which upstream URL generation then leaves out), no param.
     */
    RtmpRequest toRequest() {
        String host = RtmpUrls.DEFAULT_VHOST.equals(vhost) ? "127.0.0.1" : vhost;
        String tcUrl = "rtmp://" + host + "/" + app;
        return new RtmpRequest(tcUrl, "", "", 0, "rtmp", host, vhost, app, stream, RtmpUrls.DEFAULT_PORT, "", -1);
    }
}
