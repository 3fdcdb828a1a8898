package io.srs.rtmp.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.rtmp.amf0.Amf0;
import io.srs.rtmp.amf0.Amf0Value;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fuzz target: AMF0 values (commands, metadata); what decodes must encode again. */
@Tag("fuzz")
class Amf0FuzzTest {
    @FuzzTest(maxDuration = "10s")
    void amf0(byte[] data) {
        List<Amf0Value> values;
        try {
            values = Amf0.readAll(Bytes.wrap(data));
        } catch (SrsException expected) {
            return;
        }
        Bytes again = Amf0.encode(values.toArray(Amf0Value[]::new));
        assertEquals(values, Amf0.readAll(again));
    }
}
