package io.srs.app.e2e;

import io.srs.kernel.codec.AudioTag;
import io.srs.kernel.codec.VideoTag;
import io.srs.kernel.flv.FlvReader;
import io.srs.kernel.media.MediaMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code guess_has_av} (on by default) for an HTTP-FLV viewer whose first batch, the cached GOP,
 * holds a keyframe and no audio frame yet: it arrives just after the keyframe. The stream has
 * audio, so the viewer must get it (SRS 7 drops its audio for the whole session, about 1-2% of
 * viewers at a 500/s ramp). A stream that only ever sent an audio sequence header still gets a
 * video-only header, as SRS (issue 939).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpFlvGuessAvE2eTest {
    private static final String REMUX = "http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }";

    private static List<MediaMessage> read(Path flv) throws Exception {
        List<MediaMessage> all = new ArrayList<>();
        try (InputStream in = Files.newInputStream(flv)) {
            FlvReader r = new FlvReader(in);
            MediaMessage m;
            while ((m = r.next()) != null) {
                all.add(m);
            }
        }
        return all;
    }

    private static boolean isKeyframe(MediaMessage m) {
        return m.isVideo() && VideoTag.isKeyframe(m.payload()) && !VideoTag.isSequenceHeader(m.payload());
    }

    /** Sends and waits until the source has taken every audio and video message sent so far. */
    private static void send(TestServer s, RawClient pub, String stream, List<MediaMessage> messages, long before)
            throws InterruptedException {
        pub.session.sendMedia(messages);
        pub.session.protocol().flush();
        long want = before + messages.stream().filter(MediaMessage::isAv).count();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            long got = s.app.sources().find("/live/" + stream)
                    .map(src -> src.audioFrames() + src.videoFrames()).orElse(0L);
            if (got >= want) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the source took " + got + " of " + want + " messages");
            Thread.sleep(10);
        }
    }

    private static long av(List<MediaMessage> messages) {
        return messages.stream().filter(MediaMessage::isAv).count();
    }

    @Test
    void aViewerThatArrivesJustAfterAKeyframeGetsTheAudio() throws Exception {
        List<MediaMessage> clip = read(Tools.clip(4));
        // Up to the second keyframe: audio frames went by in the first GOP, none in the cached one.
        int second = -1;
        for (int i = 0, keys = 0; i < clip.size() && second < 0; i++) {
            if (isKeyframe(clip.get(i)) && ++keys == 2) {
                second = i;
            }
        }
        assertTrue(second > 0, "the clip has two keyframes");
        int http = TestServer.freePort();
        try (TestServer s = TestServer.start(REMUX, "http_server { enabled on; listen 127.0.0.1:" + http
                + "; dir ./target/http-live; }");
                RawClient pub = RawClient.connected(s.port, "live")) {
            pub.session.publishFmle("g");
            send(s, pub, "g", clip.subList(0, second + 1), 0);
            try (HttpLiveViewersE2eTest.FlvReader viewer =
                         new HttpLiveViewersE2eTest.FlvReader("http://127.0.0.1:" + http + "/live/g.flv")) {
                viewer.awaitVideoTags(2, 10); // the sequence header and the cached keyframe: the first batch
                send(s, pub, "g", clip.subList(second + 1, clip.size()), av(clip.subList(0, second + 1)));
                long audio = clip.subList(second + 1, clip.size()).stream().filter(MediaMessage::isAudio).count();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (viewer.audioTags() < audio) {
                    assertTrue(System.nanoTime() < deadline, "audio tags " + viewer.audioTags() + " of " + audio
                            + " (and the sequence header), header flags " + viewer.flags + ", ended=" + viewer.ended);
                    Thread.sleep(20);
                }
                assertEquals(5, viewer.flags, "the FLV header announces audio and video");
            }
        }
    }

    @Test
    void aStreamThatNeverSentAnAudioFrameStaysVideoOnlyAsSrs() throws Exception {
        List<MediaMessage> clip = read(Tools.clip(4));
        int http = TestServer.freePort();
        try (TestServer s = TestServer.start(REMUX, "http_server { enabled on; listen 127.0.0.1:" + http
                + "; dir ./target/http-live; }");
                RawClient pub = RawClient.connected(s.port, "live")) {
            pub.session.publishFmle("v");
            // The audio sequence header only, as an encoder with its audio turned off may send.
            List<MediaMessage> noAudio = new ArrayList<>();
            for (MediaMessage m : clip) {
                if (!m.isAudio() || AudioTag.isSequenceHeader(m.payload())) {
                    noAudio.add(m);
                }
            }
            int half = noAudio.size() / 2;
            send(s, pub, "v", noAudio.subList(0, half), 0);
            try (HttpLiveViewersE2eTest.FlvReader viewer =
                         new HttpLiveViewersE2eTest.FlvReader("http://127.0.0.1:" + http + "/live/v.flv")) {
                viewer.awaitVideoTags(2, 10);
                send(s, pub, "v", noAudio.subList(half, noAudio.size()), av(noAudio.subList(0, half)));
                viewer.awaitVideoTags(10, 10);
                assertEquals(1, viewer.flags, "video only, as SRS guesses");
                assertEquals(0, viewer.audioTags(), "the audio sequence header is dropped with the audio");
            }
        }
    }
}
