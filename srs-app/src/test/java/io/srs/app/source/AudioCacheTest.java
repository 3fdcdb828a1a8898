package io.srs.app.source;

import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** http_remux.fast_cache's audio window, alone and as a listener's consumer sees it. */
class AudioCacheTest {
    private static final SourceSettings FAST_CACHE_1S = new SourceSettings(true, 2500, 30_000,
            JitterAlgorithm.OFF, false, false, false, false, SourceSettings.DEFAULT_MAX_BYTES,
            SourceSettings.DEFAULT_MAX_BYTES, 1000);

    @Test
    void keepsTheLastWindowOfTimestamps() {
        AudioCache c = new AudioCache();
        c.configure(1000);
        for (int ts = 0; ts <= 3000; ts += 100) {
            c.cache(Media.audio(ts));
        }
        List<MediaMessage> got = c.messages();
        assertEquals(2000, got.getFirst().timestamp());
        assertEquals(3000, got.getLast().timestamp());
        assertEquals(1000, c.durationMillis());
    }

    @Test
    void boundedInBytesWhateverTheWindow() {
        AudioCache c = new AudioCache();
        c.configure(3_600_000);
        MediaMessage big = new MediaMessage(MessageType.AUDIO, 0, 1, Bytes.wrap(new byte[1024 * 1024]));
        for (int i = 0; i < 10; i++) {
            c.cache(big.withTimestamp(i * 20L));
        }
        assertTrue(c.bytes() <= AudioCache.MAX_BYTES, "bytes " + c.bytes());
        assertEquals(4, c.messages().size());
    }

    @Test
    void aTimestampGoingBackStartsAgainAndZeroTurnsItOff() {
        AudioCache c = new AudioCache();
        c.configure(1000);
        c.cache(Media.audio(5000));
        c.cache(Media.audio(5100));
        c.cache(Media.audio(10));
        assertEquals(1, c.messages().size());
        c.configure(0);
        c.cache(Media.audio(20));
        assertEquals(0, c.messages().size());
    }

    @Test
    void aListenerGetsHeadersThenTheCachedAudioInsteadOfTheGop() {
        SourceRegistry reg = new SourceRegistry();
        LiveSource src = reg.publish("/live/a", FAST_CACHE_1S, "pub").orElseThrow();
        src.onAudio(Media.audioHeader(0));
        src.onVideo(Media.videoHeader(0));
        src.onVideo(Media.keyframe(0));
        List<MediaMessage> sent = new ArrayList<>();
        for (int ts = 23; ts <= 3000; ts += 23) {
            MediaMessage m = Media.audio(ts);
            sent.add(m);
            src.onAudio(m);
        }
        // A GOP that a player would get (the long audio run made the GOP cache guess pure audio).
        src.onVideo(Media.keyframe(3010));
        Consumer listener = reg.createAudioConsumer("/live/a", FAST_CACHE_1S);
        List<MediaMessage> got = new ArrayList<>();
        listener.drain(got, 10_000);
        assertTrue(got.get(0).isAudio() && got.get(1).isVideo(), "sequence headers first");
        List<MediaMessage> audio = got.subList(2, got.size());
        assertTrue(audio.stream().allMatch(MediaMessage::isAudio), "no GOP");
        long first = audio.getFirst().timestamp();
        assertTrue(first >= 2000 - 23 && first <= 2000 + 23, "window starts at " + first);
        assertEquals(sent.getLast().timestamp(), audio.getLast().timestamp());
        assertSame(sent.getLast().payload(), audio.getLast().payload(), "shared, not copied");

        // A player of the same source still gets the GOP, not the audio window.
        Consumer player = reg.createConsumer("/live/a", FAST_CACHE_1S, true);
        List<MediaMessage> p = new ArrayList<>();
        player.drain(p, 10_000);
        assertTrue(p.stream().anyMatch(m -> m.isVideo() && m.timestamp() == 3010), "GOP keyframe");

        // Unpublish forgets the window.
        src.unpublish();
        LiveSource again = reg.publish("/live/a", FAST_CACHE_1S, "pub").orElseThrow();
        again.onAudio(Media.audioHeader(0));
        Consumer late = reg.createAudioConsumer("/live/a", FAST_CACHE_1S);
        List<MediaMessage> l = new ArrayList<>();
        late.drain(l, 10_000);
        assertEquals(1, l.size());
    }
}
