package io.srs.app.hls;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

/**
 * The vhost, app and stream of a live stream, as the HLS path templates need them
 * ({@code [vhost] [app] [stream]}). Parsed from the source's url, {@code vhost/app/stream} with
 * the default vhost omitted ({@code /app/stream}); the app may contain {@code /}, the stream is
 * the last segment.
 *
 * <p>Immutable.
 */
public record StreamName(String vhost, String app, String stream) {
    public static final String DEFAULT_VHOST = "__defaultVhost__";

    /**
     * Splits a source url. Throws {@link ErrorCode#SYSTEM_SECURITY} when it has no app or
     * stream; names are not checked for path safety here (see {@link SafePaths#checkName}).
     */
    public static StreamName parseUrl(String url) {
        int firstSlash = url.indexOf('/');
        int lastSlash = url.lastIndexOf('/');
        if (firstSlash < 0 || lastSlash == firstSlash) {
            throw new SrsException(ErrorCode.SYSTEM_SECURITY, "stream url '" + printable(url)
                    + "' is not [vhost]/app/stream");
        }
        String vhost = firstSlash == 0 ? DEFAULT_VHOST : url.substring(0, firstSlash);
        String app = url.substring(firstSlash + 1, lastSlash);
        String stream = url.substring(lastSlash + 1);
        if (app.isEmpty() || stream.isEmpty()) {
            throw new SrsException(ErrorCode.SYSTEM_SECURITY, "stream url '" + printable(url)
                    + "' has an empty app or stream");
        }
        return new StreamName(vhost, app, stream);
    }

    /** The url again: {@code /app/stream} on the default vhost, else {@code vhost/app/stream}. */
    public String url() {
        return (DEFAULT_VHOST.equals(vhost) ? "" : vhost) + "/" + app + "/" + stream;
    }

    /** For log lines: control characters escaped, long names cut. */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 160; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= 160) {
            sb.append("...");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return printable(url());
    }
}
