package io.srs.rtmp.request;

import java.util.Map;

/**
 * The URL rules of SRS ({@code srs_protocol_utility.cpp}): reading vhost/app/stream out of what
 * a client sends, and writing the URLs SRS uses towards upstream servers and in hooks.
 * Pure functions; safe from any thread.
 */
public final class RtmpUrls {
    /** The vhost that serves clients whose vhost is not configured (e.g. IP-addressed URLs). */
    public static final String DEFAULT_VHOST = "__defaultVhost__";
    /** The app of a tcUrl without a path, e.g. {@code rtmp://host}. */
    public static final String DEFAULT_APP = "__defaultApp__";
    public static final int DEFAULT_PORT = 1935;

    private static final String LEGACY_VHOST = "...vhost...";
    private static final String DEFINST = "/_definst_";

    private RtmpUrls() {
    }

    /**
     * Port of {@code srs_discovery_tc_url}: joins {@code tcUrl}, the stream name and an optional
     * param, then reads schema, host, port, vhost, app, stream and param. Handles the legacy
     * {@code app...vhost...VHOST} form, the FMLE form {@code rtmp://ip/app?k=v/stream} ({@code #}
     * works like {@code ?}), drops {@code /_definst_}, defaults the port by schema and the app to
     * {@link #DEFAULT_APP}; the vhost is the {@code vhost=} (else {@code domain=}) query value
     * unless it is {@link #DEFAULT_VHOST}, else the host. Names are not yet {@link UrlParts#strip stripped}.
     *
     * @param stream the play/publish name as the client sent it (may carry {@code ?query}), or empty
     * @param param  an extra query with or without its {@code ?}, or empty
     * @throws io.srs.core.SrsException {@code RTMP_REQ_TCURL} when the joined URL does not parse
     */
    public static UrlParts discover(String tcUrl, String stream, String param) {
        String full = tcUrl.replace(LEGACY_VHOST, "?vhost=");
        full += stream.isEmpty() ? "/" : (stream.charAt(0) == '/' ? stream : "/" + stream);
        full += param.isEmpty() ? "" : (param.charAt(0) == '?' ? param : "?" + param);

        int query = indexOfAny(full, "?#");
        int lastSlash = full.lastIndexOf('/');
        if (lastSlash >= 0 && query >= 0 && query < lastSlash) {
            full = full.substring(0, query) + full.substring(lastSlash) + full.substring(query, lastSlash);
        }
        full = full.replace(DEFINST, "");

        UrlParser.ParsedUrl url = UrlParser.parse(full);
        String name = basename(url.path());
        String newParam = (url.query().isEmpty() ? "" : "?" + url.query())
                + (url.fragment().isEmpty() ? "" : "#" + url.fragment());

        String app = dirname(url.path());
        if (!app.isEmpty() && app.charAt(0) == '/') {
            app = app.substring(1);
        }
        if (app.isEmpty()) {
            app = DEFAULT_APP;
        }

        Map<String, String> values = QueryString.parse(url.query());
        String queryVhost = values.getOrDefault("vhost", "");
        if (queryVhost.isEmpty()) {
            queryVhost = values.getOrDefault("domain", "");
        }
        String vhost = !queryVhost.isEmpty() && !queryVhost.equals(DEFAULT_VHOST) ? queryVhost : url.host();
        // A lone "vhost=__defaultVhost__" says nothing; drop it so hooks see no param.
        if (newParam.indexOf('&') < 0 && queryVhost.equals(DEFAULT_VHOST)) {
            newParam = "";
        }
        return new UrlParts(url.schema(), url.host(), vhost, app, name, url.port(), newParam);
    }

    /**
     * The key of a stream in sources, stats and hooks: {@code vhost/app/stream}, or
     * {@code /app/stream} for the default vhost; anything from the last dot of the stream on is
     * dropped ({@code livestream.flv} and {@code livestream.m3u8} are {@code livestream}).
     * Port of {@code srs_generate_stream_url}.
     */
    public static String streamUrl(String vhost, String app, String stream) {
        String url = DEFAULT_VHOST.equals(vhost) ? "" : vhost;
        int dot = stream.lastIndexOf('.');
        return url + "/" + app + "/" + (dot >= 0 ? stream.substring(0, dot) : stream);
    }

    /**
     * The tcUrl SRS sends when it connects upstream: {@code schema://vhost[:port]/app}, using the
     * host (or {@link #DEFAULT_VHOST} if none) when the vhost is the default one, and leaving the
     * port out when it is 1935 or 0. Port of {@code srs_generate_tc_url}.
     */
    public static String tcUrl(String schema, String host, String vhost, String app, int port) {
        StringBuilder sb = new StringBuilder(schema).append("://");
        if (DEFAULT_VHOST.equals(vhost)) {
            sb.append(host.isEmpty() ? DEFAULT_VHOST : host);
        } else {
            sb.append(vhost);
        }
        if (port != 0 && port != DEFAULT_PORT) {
            sb.append(':').append(port);
        }
        return sb.append('/').append(app).toString();
    }

    /**
     * The stream name SRS plays or publishes upstream: {@code stream?param}, with
     * {@code vhost=...} appended when the param has none and the vhost is not the default one
     * (or the host is a domain name), and, when {@code withVhost} is false, the vhost pair
     * removed again because it already travels in the tcUrl (SRS #3405).
     * Port of {@code srs_generate_stream_with_query}.
     */
    public static String streamWithQuery(String host, String vhost, String stream, String param, boolean withVhost) {
        String query = param;
        if (!query.contains("vhost=")) {
            String guessed = "";
            if (!DEFAULT_VHOST.equals(vhost)) {
                guessed = vhost;
            } else if (!isIpv4(host)) {
                guessed = host;
            }
            if (!guessed.isEmpty()) {
                query += "&vhost=" + guessed;
            }
        }
        if (!withVhost) {
            int pos = query.indexOf("&vhost=");
            if (pos < 0) {
                pos = query.indexOf("vhost=");
            }
            if (pos >= 0) {
                int end = query.indexOf('&', pos + 1);
                if (end < 0) {
                    end = query.length();
                }
                query = query.substring(0, pos) + query.substring(end);
            }
        }
        int start = 0;
        while (start < query.length() && (query.charAt(start) == '&' || query.charAt(start) == '?')) {
            start++;
        }
        query = query.substring(start);
        return query.isEmpty() ? stream : stream + "?" + query;
    }

    /**
     * The full URL SRS builds for an upstream (forward destination, edge origin):
     * {@code rtmp://server:port/app/stream?param&vhost=...}. Port of {@code srs_generate_rtmp_url}.
     */
    public static String rtmpUrl(String server, int port, String host, String vhost, String app, String stream, String param) {
        return "rtmp://" + server + ":" + port + "/" + app + "/" + streamWithQuery(host, vhost, stream, param, true);
    }

    /**
     * Splits a full RTMP URL at its last slash into tcUrl and stream name (with its query), as
     * clients such as FFmpeg do. Port of {@code srs_parse_rtmp_url}.
     */
    public static TcUrlAndStream splitRtmpUrl(String url) {
        int slash = url.lastIndexOf('/');
        return slash >= 0 ? new TcUrlAndStream(url.substring(0, slash), url.substring(slash + 1))
                : new TcUrlAndStream(url, "");
    }

    /** The two halves of a full RTMP URL. */
    public record TcUrlAndStream(String tcUrl, String stream) {
    }

    /** SRS's loose test: only digits and dots (so the empty string counts). */
    static boolean isIpv4(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** {@code srs_path_basename}: after the last slash; "/" stays "/". */
    private static String basename(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0 || path.length() == 1) {
            return path;
        }
        return path.substring(slash + 1);
    }

    /** {@code srs_path_dirname}: before the last slash; "./" without one, "/" under the root. */
    private static String dirname(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return "./";
        }
        if (slash == 0) {
            return "/";
        }
        return path.substring(0, slash);
    }
}
