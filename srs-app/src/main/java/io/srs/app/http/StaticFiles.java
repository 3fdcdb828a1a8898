package io.srs.app.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.ResponseCodeHandler;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.server.handlers.resource.ResourceManager;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.MimeMappings;
import io.undertow.util.StatusCodes;

import java.util.Locale;

/**
 * Serves files like SRS's {@code SrsHttpFileServer} (srs_protocol_http_stack.cpp) behind its CORS
 * mux: GET and HEAD with Range (Undertow's resource handler), SRS's MIME table, {@code index.html}
 * for directories, 404 for anything missing. Going beyond SRS: playlists are sent with
 * {@code Cache-Control: no-cache} and their conditional request headers are ignored, so a client
 * never gets a stale 304 (a playlist changes within the one-second resolution of Last-Modified), and
 * every path with a {@code ..} segment, a backslash or a control character, encoded or not, is
 * refused with 404 before the file system is touched.
 *
 * <p>CORS ({@code crossdomain on}): {@code Access-Control-Allow-Origin: *} and friends on every
 * response; {@code OPTIONS} is answered 200 (405 when off), as SRS does.
 *
 * <p>Thread-safe (stateless apart from Undertow's own handler).
 */
public final class StaticFiles implements HttpHandler {
    /** SRS's MIME table ({@code SrsHttpFileServer::serve_file}). */
    public static final MimeMappings MIME = MimeMappings.builder(false)
            .addMapping("ts", "video/MP2T")
            .addMapping("flv", "video/x-flv")
            .addMapping("m4v", "video/x-m4v")
            .addMapping("3gpp", "video/3gpp")
            .addMapping("3gp", "video/3gpp")
            .addMapping("mp4", "video/mp4")
            .addMapping("aac", "audio/x-aac")
            .addMapping("mp3", "audio/mpeg")
            .addMapping("m4a", "audio/x-m4a")
            .addMapping("ogg", "audio/ogg")
            .addMapping("m3u8", "application/vnd.apple.mpegurl")
            .addMapping("rss", "application/rss+xml")
            .addMapping("json", "application/json")
            .addMapping("swf", "application/x-shockwave-flash")
            .addMapping("doc", "application/msword")
            .addMapping("zip", "application/zip")
            .addMapping("rar", "application/x-rar-compressed")
            .addMapping("xml", "text/xml")
            .addMapping("html", "text/html")
            .addMapping("js", "text/javascript")
            .addMapping("css", "text/css")
            .addMapping("ico", "image/x-icon")
            .addMapping("png", "image/png")
            .addMapping("jpeg", "image/jpeg")
            .addMapping("jpg", "image/jpeg")
            .addMapping("gif", "image/gif")
            .addMapping("mpd", "application/dash+xml")
            .addMapping("m4s", "video/iso.segment")
            .addMapping("mp4v", "video/mp4")
            .build();

    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString EXPOSE_HEADERS = new HttpString("Access-Control-Expose-Headers");
    private static final HttpString ALLOW_CREDENTIALS = new HttpString("Access-Control-Allow-Credentials");
    private static final HttpString PRIVATE_NETWORK = new HttpString("Access-Control-Allow-Private-Network");

    private final ResourceHandler files;
    private final boolean crossdomain;

    /**
     * @param resources   where files come from (a directory, or the classpath for the players)
     * @param crossdomain {@code http_server.crossdomain}
     */
    public StaticFiles(ResourceManager resources, boolean crossdomain) {
        this.crossdomain = crossdomain;
        this.files = new ResourceHandler(resources, ResponseCodeHandler.HANDLE_404)
                .setMimeMappings(MIME)
                .setDirectoryListingEnabled(false)
                .setWelcomeFiles("index.html")
                .setCachable(exchange -> !isPlaylist(exchange.getRelativePath()));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (crossdomain) {
            allowCrossDomain(exchange);
        }
        HttpString method = exchange.getRequestMethod();
        if (method.equals(Methods.OPTIONS)) {
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
            exchange.setStatusCode(crossdomain ? StatusCodes.OK : StatusCodes.METHOD_NOT_ALLOWED);
            exchange.endExchange();
            return;
        }
        if (!method.equals(Methods.GET) && !method.equals(Methods.HEAD)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD, OPTIONS");
            exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
            exchange.endExchange();
            return;
        }
        String path = exchange.getRelativePath();
        if (!isSafe(path) || !isSafe(exchange.getRequestPath())) {
            exchange.setStatusCode(StatusCodes.NOT_FOUND);
            exchange.endExchange();
            return;
        }
        if (isPlaylist(path)) {
            // Always the newest playlist: no 304 from a validator of the same second.
            exchange.getRequestHeaders().remove(Headers.IF_MODIFIED_SINCE);
            exchange.getRequestHeaders().remove(Headers.IF_NONE_MATCH);
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        }
        files.handleRequest(exchange);
    }

    /** SRS's CORS headers ({@code crossdomain on}), for every response of the http_server port. */
    public static void allowCrossDomain(HttpServerExchange exchange) {
        var h = exchange.getResponseHeaders();
        h.put(ALLOW_ORIGIN, "*");
        h.put(ALLOW_HEADERS, "*");
        h.put(ALLOW_METHODS, "*");
        h.put(EXPOSE_HEADERS, "*");
        h.put(ALLOW_CREDENTIALS, "false");
        h.put(PRIVATE_NETWORK, "true");
    }

    static boolean isPlaylist(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".m3u8");
    }

    /**
     * Whether a decoded request path is free of traversal: no {@code .} or {@code ..} segment,
     * no backslash (a separator elsewhere), no control characters, no encoded leftovers of those
     * ({@code %2e}, {@code %2f}, {@code %5c}, {@code %00}: double encoding).
     */
    static boolean isSafe(String path) {
        if (path == null || path.length() > 4096) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return false;
            }
        }
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
