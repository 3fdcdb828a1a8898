package io.srs.research.load;

import java.net.URI;

/**
 * An rtmp:// URL split the way clients split it: the last path segment (with any query) is the
 * stream, the rest the app; tcUrl is scheme, host, port and app.
 */
record RtmpUrl(String host, int port, String app, String stream, String tcUrl, boolean tls) {

    static RtmpUrl parse(String url) {
        URI u = URI.create(url);
        boolean tls = "rtmps".equalsIgnoreCase(u.getScheme());
        if (!(tls || "rtmp".equalsIgnoreCase(u.getScheme())) || u.getHost() == null) {
            throw new IllegalArgumentException("not an rtmp:// or rtmps:// URL: " + url);
        }
        int port = u.getPort() >= 0 ? u.getPort() : tls ? 443 : 1935;
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        int slash = path.lastIndexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("rtmp URL needs /app/stream: " + url);
        }
        String app = path.substring(0, slash);
        String stream = path.substring(slash + 1) + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        String tcUrl = (tls ? "rtmps://" : "rtmp://") + u.getHost() + ":" + port + "/" + app;
        return new RtmpUrl(u.getHost(), port, app, stream, tcUrl, tls);
    }
}
