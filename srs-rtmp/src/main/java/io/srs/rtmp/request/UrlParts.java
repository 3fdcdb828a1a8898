package io.srs.rtmp.request;

/**
 * What {@link RtmpUrls#discover} reads out of a tcUrl and stream name. Immutable.
 *
 * @param param the query string with its leading {@code ?} (and {@code #fragment}), or empty
 */
public record UrlParts(String schema, String host, String vhost, String app, String stream, int port, String param) {

    /**
     * When the stream name is empty, takes it from the app ({@code live/livestream?k=v}) or
     * else from the param ({@code ?k=v/livestream}); a port of {@code srs_guess_stream_by_app}
     * for clients that put everything in the tcUrl.
     */
    public UrlParts guessStreamIfEmpty() {
        if (!stream.isEmpty()) {
            return this;
        }
        int slash = app.indexOf('/');
        if (slash >= 0) {
            String guessed = app.substring(slash + 1);
            String newParam = param;
            int q = guessed.indexOf('?');
            if (q >= 0) {
                newParam = guessed.substring(q);
                guessed = guessed.substring(0, q);
            }
            return new UrlParts(schema, host, vhost, app.substring(0, slash), guessed, port, newParam);
        }
        slash = param.indexOf('/');
        if (slash >= 0) {
            return new UrlParts(schema, host, vhost, app, param.substring(slash + 1), port, param.substring(0, slash));
        }
        return this;
    }

    /**
     * Removes whitespace (space, tab, CR, LF) from host, vhost, app and stream, slashes from host
     * and vhost, and leading/trailing slashes from app and stream ({@code SrsRequest::strip}).
     */
    public UrlParts strip() {
        return new UrlParts(schema, remove(host, "/ \n\r\t"), remove(vhost, "/ \n\r\t"),
                trimSlashes(remove(app, " \n\r\t")), trimSlashes(remove(stream, " \n\r\t")), port, param);
    }

    private static String remove(String s, String chars) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) < 0) {
                sb.append(s.charAt(i));
            }
        }
        return sb.toString();
    }

    private static String trimSlashes(String s) {
        int from = 0;
        int to = s.length();
        while (to > from && s.charAt(to - 1) == '/') {
            to--;
        }
        while (from < to && s.charAt(from) == '/') {
            from++;
        }
        return s.substring(from, to);
    }
}
