package io.srs.app.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceListener;
import io.srs.app.source.SourceRegistry;
import io.srs.app.source.SourceSettings;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.kernel.media.MediaMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/** HLS driven by a live source: the consumer, the HLS thread, republish, dispose, errors, reload. */
class HlsManagerTest {
    @TempDir
    Path dir;

    final SourceRegistry registry = new SourceRegistry();
    final BlockingQueue<Segment> segments = new LinkedBlockingQueue<>();
    final BlockingQueue<Path> disposed = new LinkedBlockingQueue<>();
    final BlockingQueue<Long> stopped = new LinkedBlockingQueue<>();
    final BlockingQueue<ErrorCode> errors = new LinkedBlockingQueue<>();
    final BlockingQueue<String> kicked = new ArrayBlockingQueue<>(8);
    ConfigStore store;
    HlsManager hls;

    private SrsConfig config(String hlsBlock) {
        return SrsConfig.parse("listen 1935; vhost __defaultVhost__ { hls { hls_path " + dir + "; " + hlsBlock + " } }",
                "t.conf", dir, Map.of());
    }

    private void start(String hlsBlock) {
        store = new ConfigStore(config(hlsBlock));
        hls = new HlsManager(store, registry, (url, id, reason) -> kicked.add(id + " " + reason.code()));
        hls.addListener(new HlsManager.Listener() {
            @Override
            public void onSegment(StreamName name, Segment segment, Path m3u8, String m3u8Url) {
                segments.add(segment);
            }

            @Override
            public void onError(StreamName name, SrsException error) {
                errors.add(error.code());
            }

            @Override
            public void onStop(StreamName name, long nextSeq) {
                stopped.add(nextSeq);
            }

            @Override
            public void onDispose(StreamName name, Path m3u8) {
                disposed.add(m3u8);
            }
        });
        hls.start();
    }

    @AfterEach
    void stop() {
        if (hls != null) {
            hls.close();
        }
    }

    private static void feed(LiveSource s, List<MediaMessage> msgs) {
        for (MediaMessage m : msgs) {
            if (m.isVideo()) {
                s.onVideo(m);
            } else {
                s.onAudio(m);
            }
        }
    }

    private Segment nextSegment() throws InterruptedException {
        Segment s = segments.poll(10, TimeUnit.SECONDS);
        assertNotNull(s, "no segment in time");
        return s;
    }

    private String playlist() throws IOException {
        return Files.readString(dir.resolve("live/livestream.m3u8"));
    }

    @Test
    void publishWritesHlsAndUnpublishListsTheLastSegment() throws Exception {
        start("enabled on; hls_fragment 1;");
        LiveSource s = registry.publish("/live/livestream", SourceSettings.DEFAULTS, "c1").orElseThrow();
        feed(s, HlsMedia.av(0, 2600, 1000));
        s.unpublish();
        assertEquals(List.of(0L, 1L, 2L), List.of(nextSegment().seq(), nextSegment().seq(), nextSegment().seq()));
        assertTrue(playlist().endsWith("#EXTINF:0.599, no desc\nlivestream-2.ts\n"), playlist());
        assertEquals(3, HlsState.load(dir, dir.resolve("live/livestream.m3u8")).nextSeq());
    }

    @Test
    void republishAddsADiscontinuityAndTheSequenceKeepsIncreasing() throws Exception {
        start("enabled on; hls_fragment 1;");
        for (int publish = 0; publish < 2; publish++) {
            LiveSource s = registry.publish("/live/livestream", SourceSettings.DEFAULTS, "c" + publish).orElseThrow();
            // The encoder restarts its clock on every publish.
            feed(s, HlsMedia.av(0, 2500, 1000));
            s.unpublish();
        }
        List<Long> seqs = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seqs.add(nextSegment().seq());
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), seqs);
        String m3u8 = playlist();
        assertTrue(m3u8.contains("livestream-2.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:1.000, no desc\nlivestream-3.ts\n"),
                m3u8);
        assertEquals(1, m3u8.lines().filter(l -> l.equals("#EXT-X-DISCONTINUITY")).count());
    }

    @Test
    void disposeDeletesTheFilesWhenNoRepublishCame() throws Exception {
        start("enabled on; hls_fragment 1; hls_dispose 1;");
        LiveSource s = registry.publish("/live/livestream", SourceSettings.DEFAULTS, "c1").orElseThrow();
        feed(s, HlsMedia.av(0, 1500, 1000));
        s.unpublish();
        assertEquals(dir.resolve("live/livestream.m3u8"), disposed.poll(10, TimeUnit.SECONDS));
        try (Stream<Path> files = Files.list(dir.resolve("live"))) {
            assertEquals(List.of("livestream.m3u8.state"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void onErrorDisconnectKicksThePublisher() throws Exception {
        Files.writeString(dir.resolve("live"), "a file where the app directory should be");
        start("enabled on; hls_fragment 1; hls_on_error disconnect;");
        LiveSource s = registry.publish("/live/livestream", SourceSettings.DEFAULTS, "c1").orElseThrow();
        feed(s, HlsMedia.av(0, 1500, 1000));
        assertEquals("c1 " + ErrorCode.HLS_CREATE_DIR, kicked.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void onErrorContinueKeepsTryingAndNeverKicks() throws Exception {
        Path blocker = dir.resolve("live");
        Files.writeString(blocker, "x");
        start("enabled on; hls_fragment 1;");
        LiveSource s = registry.publish("/live/livestream", SourceSettings.DEFAULTS, "c1").orElseThrow();
        feed(s, HlsMedia.av(0, 1500, 1000));
        assertEquals(ErrorCode.HLS_CREATE_DIR, errors.poll(10, TimeUnit.SECONDS));
        // The disk comes back: HLS resumes at the next keyframe.
        Files.delete(blocker);
        feed(s, HlsMedia.av(1500, 3000, 1000).subList(2, 200));
        Segment first = nextSegment();
        assertTrue(first.discontinuity(), "restarts discontinuous after the failure");
        assertTrue(kicked.isEmpty());
        assertTrue(s.isPublishing());
    }

    @Test
    void unsafeStreamNamesGetNoHlsButThePublishGoesOn() throws Exception {
        start("enabled on; hls_fragment 1;");
        LiveSource s = registry.publish("/live/..", SourceSettings.DEFAULTS, "c1").orElseThrow();
        feed(s, HlsMedia.av(0, 1500, 1000));
        s.unpublish();
        assertEquals(List.of(), hls.activeStreams());
        try (Stream<Path> files = Files.walk(dir)) {
            assertFalse(files.anyMatch(Files::isRegularFile));
        }
    }

    @Test
    void reloadStartsAndStopsHlsOfALiveStream() throws Exception {
        start("enabled off; hls_fragment 1;");
        LiveSource s = registry.publish("/live/livestream", SourceSettings.DEFAULTS, "c1").orElseThrow();
        feed(s, HlsMedia.av(0, 1000, 1000));
        assertEquals(List.of(), hls.activeStreams());
        assertEquals(0, s.outputCount());

        store.apply(config("enabled on; hls_fragment 1;"));
        // Mid-stream: the new consumer gets the sequence headers, HLS starts at the next keyframe.
        feed(s, HlsMedia.av(1000, 3000, 1000).subList(2, 80));
        assertEquals(0, nextSegment().seq());
        assertEquals(1, s.outputCount());
        assertEquals(0, s.consumerCount(), "HLS is not counted as a player");

        store.apply(config("enabled off; hls_fragment 1;"));
        assertNotNull(stopped.poll(10, TimeUnit.SECONDS));
        assertEquals(0, s.outputCount(), "the HLS consumer left the source");
        assertTrue(s.isPublishing(), "the publisher is untouched");
        segments.clear(); // the segment in progress was closed and listed
        feed(s, HlsMedia.av(3000, 1000, 1000).subList(2, 40));
        assertNull(segments.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void reloadWithChangedSettingsRestartsWithTheNewOnes() throws Exception {
        start("enabled on; hls_fragment 1;");
        LiveSource s = registry.publish("/live/livestream", SourceSettings.DEFAULTS, "c1").orElseThrow();
        feed(s, HlsMedia.av(0, 1100, 1000));
        assertEquals(1000L, nextSegment().durationMs());
        store.apply(config("enabled on; hls_fragment 2;"));
        feed(s, HlsMedia.av(1100, 8000, 1000).subList(2, 300));
        // The sequence goes on, and the new segments follow the new hls_fragment.
        long previous = 0;
        Segment seg;
        do {
            seg = nextSegment();
            assertTrue(seg.seq() == previous + 1, "sequence " + previous + " then " + seg.seq());
            previous = seg.seq();
        } while (seg.durationMs() != 2000);
        assertEquals(1, s.outputCount());
        s.unpublish();
    }

    @Test
    void reloadRacingAnUnpublishStartsNoHlsThatOutlivesTheStream() throws Exception {
        start("enabled off; hls_fragment 1; hls_dispose 0;");
        LiveSource s = registry.publish("/live/livestream", SourceSettings.DEFAULTS, "c1").orElseThrow();
        CountDownLatch unpublishing = new CountDownLatch(1);
        CountDownLatch reloaded = new CountDownLatch(1);
        AtomicReference<Thread> unpublisher = new AtomicReference<>();
        Thread reloader = Thread.currentThread();
        registry.addListener(new SourceListener() {
            @Override
            public void onPublish(LiveSource source) {
            }

            @Override
            public void onUnpublish(LiveSource source) {
                unpublishing.countDown();
                await(reloaded);
            }

            @Override
            public void onConsumerAdded(LiveSource source, int consumers) {
                if (Thread.currentThread() != reloader || unpublisher.get() != null) {
                    return;
                }
                // The reload has just decided to start HLS of this live stream: the publisher
                // leaves now, and its unpublish gets as far as it can while the reload goes on.
                unpublisher.set(Thread.ofVirtual().start(s::unpublish));
                await(unpublishing);
            }

            private static void await(CountDownLatch latch) {
                try {
                    latch.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        store.apply(config("enabled on; hls_fragment 1; hls_dispose 0;"));
        reloaded.countDown();
        assertNotNull(unpublisher.get(), "the reload started HLS");
        unpublisher.get().join(5000);
        assertFalse(s.isPublishing());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!hls.activeStreams().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), hls.activeStreams(), "HLS of a stream that is gone");
        assertEquals(0, s.outputCount(), "its consumer left the source");
    }

    @Test
    void closeDoesNotDisposeAndTakesNoMorePublishes() throws Exception {
        start("enabled on; hls_fragment 1; hls_dispose 1;");
        LiveSource s = registry.publish("/live/livestream", SourceSettings.DEFAULTS, "c1").orElseThrow();
        feed(s, HlsMedia.av(0, 1500, 1000));
        nextSegment();
        hls.close();
        assertTrue(Files.exists(dir.resolve("live/livestream.m3u8")));
        assertEquals(0, s.consumerCount());
        s.unpublish();
        LiveSource again = registry.publish("/live/livestream", SourceSettings.DEFAULTS, "c2").orElseThrow();
        assertEquals(0, again.consumerCount());
        assertTrue(disposed.isEmpty());
    }
}
