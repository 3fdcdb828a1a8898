package io.srs.app.source;

import io.srs.kernel.media.MediaMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveSourceTest {
    private static final SourceSettings OFF_JITTER =
            new SourceSettings(true, 2500, 30_000, JitterAlgorithm.OFF, false, false, false, false);

    private static List<MediaMessage> drain(Consumer c) {
        List<MediaMessage> out = new ArrayList<>();
        c.drain(out, 10_000);
        return out;
    }

    @Test
    void lateJoinerStartsWithHeadersAndTheGopFromItsKeyframe() {
        SourceRegistry reg = new SourceRegistry();
        LiveSource src = reg.publish("/live/a", OFF_JITTER, "pub").orElseThrow();
        src.onMetadata(Media.metadata(), false);
        src.onVideo(Media.videoHeader(0));
        src.onAudio(Media.audioHeader(0));
        src.onVideo(Media.keyframe(0));
        src.onVideo(Media.interframe(40));
        src.onVideo(Media.keyframe(80));
        src.onAudio(Media.audio(90));
        src.onVideo(Media.interframe(120));

        Consumer c = reg.createConsumer("/live/a", OFF_JITTER, true);
        List<MediaMessage> got = drain(c);
        assertEquals(6, got.size());
        assertTrue(got.get(0).isAv() == false, "metadata first");
        assertTrue(got.get(1).isAudio(), "audio header before video header");
        assertTrue(got.get(2).isVideo());
        assertEquals(80, got.get(3).timestamp(), "GOP starts at the last keyframe");
        assertSame(Media.keyframe(0).payload().getClass(), got.get(3).payload().getClass());
    }

    @Test
    void payloadsAreSharedNotCopied() {
        SourceRegistry reg = new SourceRegistry();
        LiveSource src = reg.publish("/live/a", OFF_JITTER, "pub").orElseThrow();
        Consumer a = reg.createConsumer("/live/a", OFF_JITTER, true);
        Consumer b = reg.createConsumer("/live/a", SourceSettings.DEFAULTS, true);
        MediaMessage key = Media.keyframe(1234);
        src.onVideo(key);
        assertSame(key.payload(), drain(a).getFirst().payload());
        assertSame(key.payload(), drain(b).getFirst().payload());
    }

    @Test
    void secondPublisherIsRefusedUntilTheFirstLeaves() {
        SourceRegistry reg = new SourceRegistry();
        LiveSource src = reg.publish("/live/a", OFF_JITTER, "one").orElseThrow();
        assertTrue(reg.publish("/live/a", OFF_JITTER, "two").isEmpty());
        src.unpublish();
        assertTrue(reg.publish("/live/a", OFF_JITTER, "two").isPresent());
    }

    @Test
    void playerBeforePublisherWaitsAndGetsTheStream() {
        SourceRegistry reg = new SourceRegistry();
        Consumer c = reg.createConsumer("/live/a", OFF_JITTER, true);
        assertEquals(0, c.size());
        LiveSource src = reg.publish("/live/a", OFF_JITTER, "pub").orElseThrow();
        src.onVideo(Media.videoHeader(0));
        src.onVideo(Media.keyframe(0));
        assertEquals(2, drain(c).size());
    }

    @Test
    void sourceIsForgottenWhenNeitherPublisherNorPlayerRemains() {
        SourceRegistry reg = new SourceRegistry();
        Consumer c = reg.createConsumer("/live/a", OFF_JITTER, true);
        LiveSource src = reg.publish("/live/a", OFF_JITTER, "pub").orElseThrow();
        src.unpublish();
        assertTrue(reg.find("/live/a").isPresent(), "a player still waits");
        c.close();
        assertFalse(reg.find("/live/a").isPresent());
    }

    @Test
    void overflowKeepsHeadersAndResumesAtAKeyframe() {
        SourceSettings small = new SourceSettings(true, 2500, 1_000, JitterAlgorithm.OFF, false, false, false, false);
        SourceRegistry reg = new SourceRegistry();
        LiveSource src = reg.publish("/live/a", small, "pub").orElseThrow();
        src.onVideo(Media.videoHeader(0));
        src.onAudio(Media.audioHeader(0));
        Consumer slow = reg.createConsumer("/live/a", small, true);
        src.onVideo(Media.keyframe(1));
        for (int t = 40; t <= 2000; t += 40) {
            src.onVideo(Media.interframe(t));
        }
        assertTrue(slow.dropped() > 0);
        assertTrue(slow.shrinks() > 0);
        // After the shrink, inter frames are dropped until the next keyframe.
        src.onVideo(Media.interframe(2040));
        src.onVideo(Media.keyframe(2080));
        src.onVideo(Media.interframe(2120));
        List<MediaMessage> got = drain(slow);
        List<MediaMessage> video = got.stream().filter(MediaMessage::isVideo).toList();
        assertEquals(0x17, video.get(0).payload().get(0), "video header survives");
        assertEquals(0, video.get(0).payload().get(1), "it is the sequence header");
        MediaMessage firstFrame = video.stream().filter(m -> m.payload().get(1) == 1).findFirst().orElseThrow();
        assertEquals(2080, firstFrame.timestamp(), "first frame after overflow is the keyframe");
    }

    /** A 10 KB AVC frame. */
    private static MediaMessage frame(long ts, boolean key) {
        byte[] b = new byte[10_000];
        b[0] = (byte) (key ? 0x17 : 0x27);
        b[1] = 1;
        return new MediaMessage(io.srs.kernel.media.MessageType.VIDEO, ts, 1, io.srs.core.bytes.Bytes.wrap(b));
    }

    /**
     * Timestamps that never advance, then go backwards: the time bound sees no duration, so only
     * the byte caps hold the player's queue and the GOP cache; overflow still drops to the
     * sequence headers and resumes at a keyframe, and the drops are counted.
     */
    @Test
    void frozenAndBackwardTimestampsCannotDefeatTheByteCaps() {
        for (JitterAlgorithm jitter : JitterAlgorithm.values()) {
            long cap = 200_000;
            SourceSettings s = new SourceSettings(true, 2500, 30_000, jitter, false, false, false, false, cap, cap);
            SourceRegistry reg = new SourceRegistry();
            LiveSource src = reg.publish("/live/a", s, "pub").orElseThrow();
            src.onVideo(Media.videoHeader(0));
            src.onAudio(Media.audioHeader(0));
            Consumer slow = reg.createConsumer("/live/a", s, true);
            src.onVideo(frame(1000, true));
            long maxQueue = 0;
            long maxGop = 0;
            for (int i = 0; i < 500; i++) {
                long ts = i < 250 ? 1000 : 1000 - (i - 250) * 3; // frozen, then backwards
                src.onVideo(frame(ts, false));
                maxQueue = Math.max(maxQueue, slow.bytes());
                maxGop = Math.max(maxGop, src.gopCacheBytes());
            }
            assertTrue(maxQueue <= cap, jitter + ": queue held " + maxQueue);
            assertTrue(maxGop <= cap, jitter + ": GOP cache held " + maxGop);
            assertTrue(src.gopCacheOverflows() > 0, jitter + ": GOP cache overflows counted");
            assertTrue(slow.dropped() > 400, jitter + ": drops counted " + slow.dropped());
            assertTrue(slow.shrinks() > 0);
            src.onVideo(frame(1, false));
            src.onVideo(frame(2, true));
            List<MediaMessage> video = drain(slow).stream().filter(MediaMessage::isVideo).toList();
            assertEquals(0, video.get(0).payload().get(1), jitter + ": the sequence header survives");
            MediaMessage first = video.stream().filter(m -> m.payload().get(1) == 1).findFirst().orElseThrow();
            assertEquals(0x17, first.payload().get(0), jitter + ": first frame after overflow is a keyframe");
        }
    }

    @Test
    void slowConsumerDoesNotAffectAFastOne() {
        SourceSettings small = new SourceSettings(true, 2500, 500, JitterAlgorithm.OFF, false, false, false, false);
        SourceRegistry reg = new SourceRegistry();
        LiveSource src = reg.publish("/live/a", small, "pub").orElseThrow();
        Consumer slow = reg.createConsumer("/live/a", small, true);
        Consumer fast = reg.createConsumer("/live/a", small, true);
        int received = 0;
        src.onVideo(Media.keyframe(1));
        for (int t = 40; t <= 4000; t += 40) {
            src.onVideo(Media.interframe(t));
            received += drain(fast).size();
        }
        assertEquals(101, received);
        assertEquals(0, fast.dropped());
        assertTrue(slow.size() < 20, "slow queue stays bounded: " + slow.size());
    }

    @Test
    void reduceSequenceHeaderDropsARepeatedHeader() {
        SourceSettings reduce = new SourceSettings(true, 2500, 30_000, JitterAlgorithm.OFF, false, false, false, true);
        SourceRegistry reg = new SourceRegistry();
        LiveSource src = reg.publish("/live/a", reduce, "pub").orElseThrow();
        Consumer c = reg.createConsumer("/live/a", reduce, true);
        src.onVideo(Media.videoHeader(0));
        src.onVideo(Media.videoHeader(10));
        assertEquals(1, drain(c).size());
    }

    @Test
    void mixCorrectReordersAudioAndVideo() {
        SourceSettings mix = new SourceSettings(true, 2500, 30_000, JitterAlgorithm.OFF, true, false, false, false);
        SourceRegistry reg = new SourceRegistry();
        LiveSource src = reg.publish("/live/a", mix, "pub").orElseThrow();
        Consumer c = reg.createConsumer("/live/a", mix, true);
        src.onVideo(Media.keyframe(100));
        src.onAudio(Media.audio(50));
        src.onAudio(Media.audio(150));
        src.onVideo(Media.interframe(140));
        List<MediaMessage> got = drain(c);
        for (int i = 1; i < got.size(); i++) {
            assertTrue(got.get(i).timestamp() >= got.get(i - 1).timestamp(), "monotonic: " + got);
        }
    }

    @Test
    void awaitReturnsWhenEnoughMessagesArrive() throws Exception {
        SourceRegistry reg = new SourceRegistry();
        LiveSource src = reg.publish("/live/a", OFF_JITTER, "pub").orElseThrow();
        Consumer c = reg.createConsumer("/live/a", OFF_JITTER, true);
        Thread t = Thread.ofVirtual().start(() -> {
            for (int i = 1; i <= 20; i++) {
                src.onAudio(Media.audio(i * 23L));
            }
        });
        assertTrue(c.await(8, 100, 10_000));
        t.join();
        assertTrue(c.size() > 8);
        c.close();
        assertFalse(c.await(0, 0, 10_000), "closed consumer returns false at once");
    }

    @Test
    void aPlayersBatchSharesTheMessagesAndCarriesItsOwnTimestamps() {
        SourceRegistry reg = new SourceRegistry();
        LiveSource src = reg.publish("/live/a", SourceSettings.DEFAULTS, "pub").orElseThrow();
        Consumer c = reg.createConsumer("/live/a", SourceSettings.DEFAULTS, true);
        MediaMessage key = Media.keyframe(100_000);
        src.onVideo(key);
        io.srs.kernel.media.MediaBatch batch = new io.srs.kernel.media.MediaBatch(4);
        assertEquals(1, c.drain(batch, 10));
        assertSame(key, batch.message(0), "the shared message itself, no per-player copy");
        assertEquals(9, batch.timestamp(0), "full jitter: this player's own timeline");
    }

    @Test
    void aTrickleShorterThanTheMergedWriteWaitIsFlushedOnUnpublish() throws Exception {
        SourceRegistry reg = new SourceRegistry();
        LiveSource src = reg.publish("/live/a", OFF_JITTER, "pub").orElseThrow();
        Consumer c = reg.createConsumer("/live/a", OFF_JITTER, true);
        src.onAudio(Media.audio(10));
        src.onAudio(Media.audio(33));
        java.util.concurrent.CompletableFuture<Boolean> waited = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return c.await(8, 60_000, 0);
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        src.unpublish();
        assertTrue(waited.get(10, java.util.concurrent.TimeUnit.SECONDS), "the unpublish woke the player");
        assertEquals(2, drain(c).size());
    }

    /**
     * The publisher never takes a player's lock: while one player is stuck holding its own
     * (mid-drain, as a slow reader could be), the publisher appends and returns, a new player
     * joins, the API counts players, and the seam stays exact for both.
     */
    @Test
    void aStuckPlayerStallsNeitherThePublisherNorAJoiner() throws Exception {
        SourceRegistry reg = new SourceRegistry();
        LiveSource src = reg.publish("/live/a", OFF_JITTER, "pub").orElseThrow();
        src.onVideo(Media.videoHeader(0));
        src.onVideo(Media.keyframe(0));
        Consumer held = reg.createConsumer("/live/a", OFF_JITTER, true);
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // drain() adds to the list under the consumer's lock: an add that waits holds it.
        List<MediaMessage> blocking = new ArrayList<>() {
            @Override
            public boolean add(MediaMessage m) {
                inside.countDown();
                try {
                    release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.add(m);
            }
        };
        Thread holder = Thread.ofVirtual().start(() -> held.drain(blocking, 1));
        assertTrue(inside.await(5, java.util.concurrent.TimeUnit.SECONDS));
        Thread publisher = Thread.ofVirtual().start(() -> src.onVideo(Media.interframe(40)));
        assertTrue(publisher.join(java.time.Duration.ofSeconds(5)), "the publisher did not wait for the stuck player");
        java.util.concurrent.CompletableFuture<Consumer> joined = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> reg.createConsumer("/live/a", OFF_JITTER, true));
        Consumer late = joined.get(2, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(2, src.consumerCount());
        assertTrue(holder.isAlive(), "the player was still stuck meanwhile");
        release.countDown();
        holder.join(5000);
        // The late player got the message once, from the GOP cache, not twice.
        List<MediaMessage> got = drain(late);
        assertEquals(List.of(0L, 0L, 40L), got.stream().map(MediaMessage::timestamp).toList(),
                "header, keyframe, interframe");
        assertEquals(40L, drain(held).getLast().timestamp());
    }
}
