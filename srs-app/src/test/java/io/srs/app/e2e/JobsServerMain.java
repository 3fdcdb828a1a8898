package io.srs.app.e2e;

import io.srs.app.SrsApp;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;

import java.nio.file.Path;
import java.util.Map;

/** A server in a JVM of its own, for tests that kill that JVM: {@code JobsServerMain <conf>}. */
public final class JobsServerMain {
    private JobsServerMain() {
    }

    public static void main(String[] args) throws Exception {
        SrsApp app = new SrsApp(new ConfigStore(SrsConfig.load(Path.of(args[0]), Map.of())));
        app.start();
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
