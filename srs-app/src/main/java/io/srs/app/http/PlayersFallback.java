package io.srs.app.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The http_server's files at {@code /}, with the players page built into the jar answering
 * {@code /players/} only while the http_server {@code dir} has no {@code players} folder of its
 * own: SRS's console links to {@code /players/srs_player.html}, and a user who copies SRS's
 * {@code players/} folder into the dir must get it, not ours. The folder is looked up per request
 * (one stat), so adding or removing it takes effect at once.
 *
 * <p>Thread-safe (stateless).
 */
final class PlayersFallback implements HttpHandler {
    private static final String PREFIX = "/players";

    private final Path userPlayers;
    private final HttpHandler files;
    private final HttpHandler builtIn;

    /**
     * @param dir     the http_server dir (absolute, normalised)
     * @param files   the dir's files
     * @param builtIn the players page from the jar
     */
    PlayersFallback(Path dir, HttpHandler files, HttpHandler builtIn) {
        this.userPlayers = dir.resolve("players");
        this.files = files;
        this.builtIn = builtIn;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRelativePath();
        boolean players = path.equals(PREFIX) || path.startsWith(PREFIX + "/");
        // The dir's files never follow links, so neither does this check.
        if (!players || Files.isDirectory(userPlayers, LinkOption.NOFOLLOW_LINKS)) {
            files.handleRequest(exchange);
            return;
        }
        if (path.equals(PREFIX)) {
            String query = exchange.getQueryString();
            exchange.setStatusCode(StatusCodes.FOUND);
            exchange.getResponseHeaders().put(Headers.LOCATION,
                    PREFIX + "/" + (query == null || query.isEmpty() ? "" : "?" + query));
            exchange.endExchange();
            return;
        }
        exchange.setRelativePath(path.substring(PREFIX.length()));
        builtIn.handleRequest(exchange);
    }
}
