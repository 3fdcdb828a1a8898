package io.srs.kernel.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import io.srs.core.SrsException;
import io.srs.kernel.flv.FlvReader;
import io.srs.kernel.media.MediaMessage;

import java.io.ByteArrayInputStream;

/** Fuzz target: an FLV file or stream; only {@link SrsException} may refuse it. */
@Tag("fuzz")
class FlvFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void flvReader(byte[] data) {
        try {
            FlvReader r = new FlvReader(new ByteArrayInputStream(data));
            for (MediaMessage m; (m = r.next()) != null; ) {
                m.payload().length();
            }
        } catch (SrsException expected) {
            // refused cleanly
        }
    }
}
