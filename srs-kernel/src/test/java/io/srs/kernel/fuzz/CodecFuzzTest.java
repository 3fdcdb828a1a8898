package io.srs.kernel.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.codec.AacConfig;
import io.srs.kernel.codec.AvcSps;
import io.srs.kernel.codec.CodecState;
import io.srs.kernel.codec.HevcSps;
import io.srs.kernel.codec.Mp3Header;
import io.srs.kernel.media.MediaMessage;

/**
 * Fuzz target: a publisher's audio and video tag bodies through the codec parsers (AVC and HEVC
 * sequence headers and SPS, AAC AudioSpecificConfig, MP3 headers). A parser may refuse input
 * only with {@link SrsException}; any other throwable (index errors, huge allocations) is a bug.
 * Runs over its corpus in the normal suite; fuzzes with {@code JAZZER_FUZZ=1} (see {@code .ci/fuzz}).
 */
@Tag("fuzz")
class CodecFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void codecParsers(byte[] data) {
        Bytes b = Bytes.wrap(data);
        CodecState state = new CodecState();
        expectOnlySrsException(() -> state.onVideo(new MediaMessage(9, 0, 1, b)));
        expectOnlySrsException(() -> state.onAudio(new MediaMessage(8, 0, 1, b)));
        expectOnlySrsException(() -> AvcSps.parse(b));
        expectOnlySrsException(() -> HevcSps.parse(b));
        expectOnlySrsException(() -> AacConfig.parse(b));
        expectOnlySrsException(() -> Mp3Header.parse(b));
    }

    static void expectOnlySrsException(Runnable parse) {
        try {
            parse.run();
        } catch (SrsException expected) {
            // refused cleanly
        }
    }
}
