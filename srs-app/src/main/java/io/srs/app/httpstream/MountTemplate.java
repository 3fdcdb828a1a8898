package io.srs.app.httpstream;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code http_remux.mount} such as {@code [vhost]/[app]/[stream].flv}: which request paths
 * name a live stream of a vhost, and in which format. Like SRS, {@code [vhost]} is the vhost
 * the request's Host names (the default vhost's mounts start at {@code /}), {@code [app]} and
 * {@code [stream]} each match one path segment, and the extension chooses the format.
 *
 * <p>Immutable.
 */
record MountTemplate(String mount, StreamFormat format, Pattern pattern) {

    /** What a matching request asks for. */
    record Match(String app, String stream, StreamFormat format) {
    }

    /** Empty when the mount's extension is not one SRS serves live (SRS refuses the viewer). */
    static Optional<MountTemplate> parse(String mount) {
        int dot = mount.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        Optional<StreamFormat> f = StreamFormat.ofExtension(mount.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (f.isEmpty()) {
            return Optional.empty();
        }
        // The vhost is chosen by the Host header, so it is not part of the path.
        String path = mount.startsWith("[vhost]") ? mount.substring("[vhost]".length()) : mount;
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            if (path.startsWith("[app]", i)) {
                re.append("(?<app>[^/]+)");
                i += "[app]".length();
            } else if (path.startsWith("[stream]", i)) {
                re.append("(?<stream>[^/]+)");
                i += "[stream]".length();
            } else {
                int next = nextVariable(path, i);
                re.append(Pattern.quote(path.substring(i, next)));
                i = next;
            }
        }
        return Optional.of(new MountTemplate(mount, f.get(), Pattern.compile(re.toString())));
    }

    private static int nextVariable(String path, int from) {
        int a = path.indexOf("[app]", from);
        int s = path.indexOf("[stream]", from);
        int n = path.length();
        if (a >= 0) {
            n = Math.min(n, a);
        }
        if (s >= 0) {
            n = Math.min(n, s);
        }
        return n;
    }

    /** The stream a decoded request path names, if it follows this mount. */
    Optional<Match> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        String app = pattern.pattern().contains("(?<app>") ? m.group("app") : "live";
        String stream = pattern.pattern().contains("(?<stream>") ? m.group("stream") : "livestream";
        return Optional.of(new Match(app, stream, format));
    }
}
