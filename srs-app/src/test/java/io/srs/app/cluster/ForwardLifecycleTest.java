package io.srs.app.cluster;

import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceListener;
import io.srs.app.source.SourceRegistry;
import io.srs.app.source.SourceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forwarders and the stream's lifecycle: a reload racing an unpublish leaves no forwarder behind. */
class ForwardLifecycleTest {
    @TempDir
    Path dir;

    private SrsConfig config(boolean forward, int destination) {
        return SrsConfig.parse("listen 1935; vhost __defaultVhost__ { forward { enabled " + (forward ? "on" : "off")
                + "; destination 127.0.0.1:" + destination + "; } }", "t.conf", dir, Map.of());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void reloadRacingAnUnpublishStartsNoForwarderThatOutlivesTheStream() throws Exception {
        int dest = closedPort(); // refused: the forwarder keeps retrying for as long as it lives
        SourceRegistry registry = new SourceRegistry();
        ConfigStore store = new ConfigStore(config(false, dest));
        CountDownLatch unpublishing = new CountDownLatch(1);
        CountDownLatch reloaded = new CountDownLatch(1);
        AtomicReference<Thread> unpublisher = new AtomicReference<>();
        AtomicReference<LiveSource> source = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean reloading = new java.util.concurrent.atomic.AtomicBoolean();
        // The forward manager looks up the publisher's request when it decides to start the
        // stream's forwarders: that is where the publisher leaves, on the reloading thread.
        ClientLookup clients = new ClientLookup(id -> {
            if (reloading.get() && unpublisher.get() == null) {
                unpublisher.set(Thread.ofVirtual().start(() -> source.get().unpublish()));
                await(unpublishing);
            }
            return Optional.empty();
        }, id -> Optional.empty());
        try (Cluster cluster = new Cluster(store, registry, clients)) {
            cluster.start();
            registry.addListener(new SourceListener() {
                @Override
                public void onPublish(LiveSource s) {
                }

                @Override
                public void onUnpublish(LiveSource s) {
                    unpublishing.countDown();
                    await(reloaded);
                }
            });
            source.set(registry.publish("/live/livestream", SourceSettings.DEFAULTS, "c1").orElseThrow());
            assertEquals(List.of(), cluster.forwards().all());

            reloading.set(true);
            store.apply(config(true, dest));
            reloaded.countDown();
            assertNotNull(unpublisher.get(), "the reload looked at the live stream");
            unpublisher.get().join(5000);
            assertFalse(source.get().isPublishing());
            List<Forwarder> left = cluster.forwards().all();
            assertEquals(List.of(), left, "forwarders of a stream that is gone");
        }
    }

    @Test
    void forwardersOfAStreamStopWithItAfterReloads() throws Exception {
        int dest = closedPort();
        SourceRegistry registry = new SourceRegistry();
        ConfigStore store = new ConfigStore(config(false, dest));
        try (Cluster cluster = new Cluster(store, registry, ClientLookup.none())) {
            cluster.start();
            LiveSource s = registry.publish("/live/livestream", SourceSettings.DEFAULTS, "c1").orElseThrow();
            store.apply(config(true, dest));
            List<Forwarder> started = cluster.forwards().all();
            assertEquals(1, started.size(), "reload started the live stream's forwarder");
            s.unpublish();
            assertEquals(List.of(), cluster.forwards().all());
            assertTrue(started.getFirst().join(5000), "the forwarder's thread ended");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
