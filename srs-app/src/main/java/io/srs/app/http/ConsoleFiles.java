package io.srs.app.http;

import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.PathResourceManager;

import java.nio.file.Path;

/**
 * {@code /console/} on the HTTP API port: the files of {@code <http_server dir>/console}, as SRS
 * mounts them on its API mux ({@code SrsServer::http_handle}), so SRS's web console dropped into
 * the http dir works from the API's origin. Static files only, with the API's {@code crossdomain};
 * no API authentication (SRS applies it to {@code /api/} alone).
 *
 * <p>The dir is read from the current config per request, so a reload that moves
 * {@code http_server.dir} applies at once. Thread-safe: the files handler is an immutable pair
 * swapped through a volatile field.
 */
public final class ConsoleFiles implements HttpHandler {
    private record Served(Path dir, boolean crossdomain, StaticFiles files) {
    }

    private final ConfigStore config;
    private volatile Served served;

    public ConsoleFiles(ConfigStore config) {
        this.config = config;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        SrsConfig c = config.current();
        Path dir = Path.of(c.httpServer().dir()).toAbsolutePath().normalize().resolve("console");
        boolean crossdomain = c.httpApi().crossdomain();
        Served s = served;
        if (s == null || !s.dir().equals(dir) || s.crossdomain() != crossdomain) {
            s = new Served(dir, crossdomain, new StaticFiles(
                    PathResourceManager.builder().setBase(dir).setFollowLinks(false).build(), crossdomain));
            served = s;
        }
        s.files().handleRequest(exchange);
    }
}
