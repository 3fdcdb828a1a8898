package io.srs.app.e2e;

import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceListener;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reloads that switch HLS, DVR and forwarding on and off, racing publish/unpublish cycles, and an
 * edge whose reloads switch it between edge and origin while players come and go: once the last
 * stream stopped, no HLS, DVR, forwarder or edge thread outlives its stream. Before every stream's
 * lifecycle went through one lock, a reload that saw a stream still published started HLS for it
 * just after its unpublish had told HLS to stop, and that HLS thread lived on.
 *
 * <p>Beyond the threads, nothing of the streams stays reachable: every registry (sources,
 * connections, HLS sessions, forwarders, edge pulls and relays) is empty on all three servers,
 * and every source that was ever published or pulled is garbage collected (weak references),
 * so no consumer, output or session kept one alive. The heap of the real server across 500
 * reloads is measured by research/soak/reload_churn.py.
 */
@Tag("e2e")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LifecycleChurnE2eTest {
    private static final byte[] AVC_HEADER = {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f, (byte) 0xff, (byte) 0xe1, 0, 4,
            0x67, 0x64, 0, 0x1f, 1, 0, 4, 0x68, (byte) 0xee, 0x3c, (byte) 0x80};

    /** Names of the stream threads alive now, virtual ones included (a JSON thread dump). */
    static List<String> streamThreads(Path dir) throws Exception {
        Path dump = dir.resolve("threads-" + System.nanoTime() + ".json");
        ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .dumpThreads(dump.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        String json = Files.readString(dump);
        Files.delete(dump);
        var m = java.util.regex.Pattern.compile("\"name\": \"((hls|forward|edge|dvr)-[^\"]*)\"").matcher(json);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String vhost(Path dir, int target, boolean hls, boolean forward, boolean dvr) {
        // hls_dispose: after its last unpublish, HLS waits that long for a republish before it
        // deletes the files and its thread ends; 1 s keeps that path in the churn and the test short.
        return "hls { enabled " + (hls ? "on" : "off") + "; hls_fragment 1; hls_dispose 1; hls_path " + dir + "; } "
                + "forward { enabled " + (forward ? "on" : "off") + "; destination 127.0.0.1:" + target + "; } "
                + "dvr { enabled " + (dvr ? "on" : "off") + "; dvr_plan session; dvr_path " + dir
                + "/[app]/[stream].[timestamp].flv; }";
    }

    private static String edgeVhost(int origin, boolean edge) {
        return "cluster { mode " + (edge ? "remote" : "local") + "; origin 127.0.0.1:" + origin + "; }";
    }

    /** Weak references to every source a server creates from now on. */
    private static List<WeakReference<LiveSource>> trackSources(TestServer s) {
        List<WeakReference<LiveSource>> refs = new CopyOnWriteArrayList<>();
        s.app.sources().addListener(new SourceListener() {
            @Override
            public void onPublish(LiveSource source) {
                refs.add(new WeakReference<>(source));
            }

            @Override
            public void onUnpublish(LiveSource source) {
            }

            @Override
            public void onConsumerAdded(LiveSource source, int consumers) {
                if (refs.stream().noneMatch(r -> r.get() == source)) {
                    refs.add(new WeakReference<>(source));
                }
            }
        });
        return refs;
    }

    /** What each server still holds of the streams; empty when nothing leaked. */
    private static List<String> leftovers(Map<String, TestServer> servers) {
        List<String> left = new ArrayList<>();
        servers.forEach((k, s) -> {
            s.app.sources().all().forEach(src -> left.add(k + " source " + src.url()
                    + (src.isPublishing() ? " published" : "") + " players " + src.consumerCount()
                    + " outputs " + src.outputCount()));
            if (s.app.connections().size() > 0) {
                left.add(k + " connections " + s.app.connections().size());
            }
            s.app.hls().activeStreams().forEach(u -> left.add(k + " hls " + u));
            s.app.cluster().forwards().all().forEach(f -> left.add(k + " forwarder " + f));
            s.app.cluster().edges().all().forEach(e -> left.add(k + " edge pull " + e));
            s.app.cluster().relays().forEach(r -> left.add(k + " edge relay " + r));
        });
        return left;
    }

    @Test
    void reloadsRacingPublishCyclesLeaveNoStreamThread(@TempDir Path dir) throws Exception {
        try (TestServer target = TestServer.start();
             TestServer srs = TestServer.start(vhost(dir, target.port, true, true, true), "");
             TestServer edge = TestServer.start(edgeVhost(srs.port, true), "")) {
            Map<String, TestServer> servers = Map.of("origin", srs, "edge", edge, "target", target);
            List<WeakReference<LiveSource>> sources = new ArrayList<>();
            List<List<WeakReference<LiveSource>>> tracked = new ArrayList<>();
            servers.values().forEach(s -> tracked.add(trackSources(s)));
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger reloads = new AtomicInteger();
            AtomicInteger plays = new AtomicInteger();
            Thread reloader = Thread.ofVirtual().start(() -> {
                Random rnd = new Random(7);
                while (!stop.get()) {
                    srs.reload(vhost(dir, target.port, rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean()), "");
                    edge.reload(edgeVhost(srs.port, rnd.nextInt(3) > 0), "");
                    reloads.incrementAndGet();
                    try {
                        Thread.sleep(rnd.nextInt(15));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            // Players on the edge start and stop its pulls while the reloads flip the vhost.
            Thread players = Thread.ofVirtual().start(() -> {
                Random rnd = new Random(11);
                while (!stop.get()) {
                    try (RawClient p = RawClient.connected(edge.port, "live")) {
                        p.session.play(p.session.createStream(), "s" + rnd.nextInt(3), 1000);
                        plays.incrementAndGet();
                        Thread.sleep(rnd.nextInt(60));
                    } catch (java.io.IOException | RuntimeException e) {
                        // a refused or reset play is part of the churn
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try {
                for (int i = 0; i < 40; i++) {
                    try (RawClient pub = RawClient.connected(srs.port, "live")) {
                        pub.session.publishFmle("s" + (i % 3));
                        pub.session.sendMedia(List.of(new MediaMessage(MessageType.VIDEO, 0, 1, Bytes.wrap(AVC_HEADER))));
                        for (int f = 0; f < 5; f++) {
                            byte[] frame = new byte[2000];
                            frame[0] = (byte) (f == 0 ? 0x17 : 0x27);
                            frame[1] = 1;
                            frame[8] = 0x10;
                            pub.session.sendMedia(List.of(new MediaMessage(MessageType.VIDEO, f * 40L, 1,
                                    Bytes.wrap(frame))));
                        }
                        Thread.sleep(i % 4 * 10);
                    }
                }
            } finally {
                stop.set(true);
                reloader.join();
                players.join();
            }
            assertTrue(reloads.get() > 40, "reloads " + reloads.get());
            assertTrue(plays.get() > 10, "plays " + plays.get());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            List<String> left = streamThreads(dir);
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                left = streamThreads(dir);
            }
            assertEquals(List.of(), left, "stream threads outliving their streams");
            List<String> held = leftovers(servers);
            while (!held.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                held = leftovers(servers);
            }
            assertEquals(List.of(), held, "registries holding streams after the last one stopped");
            tracked.forEach(sources::addAll);
            assertTrue(sources.size() >= 40, "sources seen: " + sources.size());
            long live = sources.size();
            while (live > 0 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(100);
                live = sources.stream().filter(r -> r.get() != null).count();
            }
            assertEquals(0, live, "sources still reachable after the last stream stopped, of " + sources.size());
        }
    }
}
