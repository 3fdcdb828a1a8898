package io.srs.kernel.codec;

import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Random, truncated and bit-flipped inputs must end in SrsException or a result, nothing else. */
class CodecFuzzTest {
    private static final List<Consumer<Bytes>> PARSERS = List.of(
            VideoTag::parse, AudioTag::parse, AvcDecoderConfig::parse, HevcDecoderConfig::parse,
            AacConfig::parse, Mp3Header::parse, AvcSps::parse, HevcSps::parse,
            b -> new CodecState().onVideo(new MediaMessage(MessageType.VIDEO, 0, 1, b)),
            b -> new CodecState().onAudio(new MediaMessage(MessageType.AUDIO, 0, 1, b)));

    private static void feed(Bytes b, int[] ok) {
        for (Consumer<Bytes> p : PARSERS) {
            try {
                p.accept(b);
                ok[0]++;
            } catch (SrsException expected) {
                ok[1]++;
            } catch (RuntimeException | Error e) {
                fail("input " + b.toHex() + " gave " + e, e);
            }
        }
    }

    @Test
    void truncatedAndFlippedVectors() {
        String[] seeds = {"avc_640x360_high_sh.hex", "avc_1920x1080_baseline_sh.hex", "hevc_1280x720_hvcc.hex",
                "aac_44100_lc_sh.hex", "mp3_44100_stereo_frame.hex"};
        Random rnd = new Random(42);
        int[] ok = new int[2];
        for (String seed : seeds) {
            Bytes full = Vectors.hex(seed);
            List<Bytes> variants = List.of(full, full.slice(5 > full.length() ? 0 : 5), full.slice(2 > full.length() ? 0 : 2));
            for (Bytes v : variants) {
                for (int n = 0; n <= v.length(); n++) {
                    feed(v.slice(0, n), ok);
                }
                for (int i = 0; i < 800; i++) {
                    byte[] a = v.toArray();
                    int flips = 1 + rnd.nextInt(4);
                    for (int f = 0; f < flips && a.length > 0; f++) {
                        a[rnd.nextInt(a.length)] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    feed(Bytes.wrap(a), ok);
                }
            }
        }
        assertTrue(ok[0] > 0 && ok[1] > 0, "both outcomes seen: " + ok[0] + "/" + ok[1]);
    }

    @Test
    void randomBytes() {
        Random rnd = new Random(7);
        int[] ok = new int[2];
        for (int i = 0; i < 5000; i++) {
            byte[] a = new byte[rnd.nextInt(64)];
            rnd.nextBytes(a);
            feed(Bytes.wrap(a), ok);
        }
        assertTrue(ok[1] > 0);
    }
}
