package io.srs.app.http;

import io.srs.app.config.ConfigDiff;
import io.srs.app.config.HttpServerConfig;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.core.SrsException;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.ResourceManager;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code http_server { enabled; listen; dir; crossdomain; }}: static files from {@code dir} at
 * {@code /} (HLS is written there by default) and the players page, built into the jar, at
 * {@code /players/} unless {@code dir} has a {@code players} folder of its own ({@link PlayersFallback}). Port of the static part of {@code SrsHttpServer} / {@code SrsHttpStaticServer}.
 *
 * <p>Reload: a changed {@code http_server} block remounts (and re-binds when {@code listen}
 * changed); a bind failure on reload is logged and the server stays off until the next reload.
 *
 * <p>Thread-safe: start, reload and close are serialised.
 */
public final class HttpFileServer implements ConfigStore.ReloadListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpFileServer.class.getName());
    /** Where the build puts the players page and hls.js inside the jar. */
    public static final String PLAYERS_RESOURCES = "io/srs/app/http/players";

    private final ConfigStore config;
    private final HttpServers servers;
    private final List<HttpServers.Mount> mounts = new ArrayList<>();
    /** Wraps the files at {@code /}: live streams (http_remux) answer first, files otherwise. */
    private final UnaryOperator<HttpHandler> root;

    public HttpFileServer(ConfigStore config, HttpServers servers) {
        this(config, servers, UnaryOperator.identity());
    }

    /** @param root wraps the file handler at {@code /}, e.g. with live streams */
    public HttpFileServer(ConfigStore config, HttpServers servers, UnaryOperator<HttpHandler> root) {
        this.config = config;
        this.servers = servers;
        this.root = root;
    }

    /**
     * Binds when {@code http_server} is enabled and subscribes to reloads.
     *
     * @throws SrsException {@link io.srs.core.ErrorCode#SOCKET_BIND} when the port is taken
     */
    public synchronized void start() {
        config.subscribe(this);
        mount(config.current().httpServer());
    }

    private void mount(HttpServerConfig c) {
        if (!c.enabled()) {
            return;
        }
        Path dir = Path.of(c.dir()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "http: cannot create dir {0}: {1}", dir, e.toString());
        }
        ResourceManager resources = PathResourceManager.builder().setBase(dir).setFollowLinks(false).build();
        HttpHandler files = new StaticFiles(resources, c.crossdomain());
        ClassLoader loader = HttpFileServer.class.getClassLoader();
        if (loader.getResource(PLAYERS_RESOURCES + "/index.html") != null) {
            files = new PlayersFallback(dir, files,
                    new StaticFiles(new ClassPathResourceManager(loader, PLAYERS_RESOURCES), c.crossdomain()));
        } else {
            LOG.log(Level.WARNING, "http: players page not built into this jar, /players/ is off");
        }
        try {
            mounts.add(servers.mount(c.listen(), "/", root.apply(files)));
        } catch (SrsException e) {
            unmountAll();
            throw e;
        }
        LOG.log(Level.INFO, "http: server at {0}, dir={1}, crossdomain={2}, players at /players/", c.listen(), dir,
                c.crossdomain());
    }

    private void unmountAll() {
        mounts.forEach(HttpServers.Mount::close);
        mounts.clear();
    }

    /** The bound port, or -1 when off (tests listen on port 0). */
    public synchronized int port() {
        return mounts.isEmpty() ? -1 : mounts.getFirst().port();
    }

    @Override
    public synchronized void onReload(SrsConfig previous, SrsConfig next, ConfigDiff diff) {
        if (!diff.global().contains(ConfigDiff.Global.HTTP_SERVER)) {
            return;
        }
        LOG.log(Level.INFO, "http: reload http_server");
        unmountAll();
        try {
            mount(next.httpServer());
        } catch (SrsException e) {
            LOG.log(Level.ERROR, "reload: {0}", e.describe());
        }
    }

    @Override
    public synchronized void close() {
        unmountAll();
    }
}
