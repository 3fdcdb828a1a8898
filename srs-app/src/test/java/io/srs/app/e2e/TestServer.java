package io.srs.app.e2e;

import io.srs.app.SrsApp;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/** A server in this JVM on a free port, with an SRS config given as text. */
final class TestServer implements AutoCloseable {
    final SrsApp app;
    final int port;

    private TestServer(SrsApp app, int port) {
        this.app = app;
        this.port = port;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** {@code vhostBody} goes inside {@code vhost __defaultVhost__ {}}; {@code extra} at top level. */
    static TestServer start(String vhostBody, String extra) throws IOException {
        return startOn(freePort(), vhostBody, extra);
    }

    /** On a given port, e.g. to bring a stopped server back. */
    static TestServer startOn(int port, String vhostBody, String extra) {
        SrsApp app = new SrsApp(new ConfigStore(config(port, vhostBody, extra)));
        app.start();
        return new TestServer(app, port);
    }

    static SrsConfig config(int port, String vhostBody, String extra) {
        String text = """
                listen %d;
                daemon off;
                srs_log_tank console;
                %s
                vhost __defaultVhost__ {
                %s
                }
                """.formatted(port, extra, vhostBody);
        return SrsConfig.parse(text, "test.conf", Path.of("."), Map.of());
    }

    /** Applies a new config on the same port, as SIGHUP does. */
    void reload(String vhostBody, String extra) {
        app.config().apply(config(port, vhostBody, extra));
    }

    static TestServer start() throws IOException {
        return start("", "");
    }

    String url(String appStream) {
        return "rtmp://127.0.0.1:" + port + "/" + appStream;
    }

    @Override
    public void close() {
        app.stop();
    }
}
