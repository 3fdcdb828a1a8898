package io.srs.rtmp.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import io.srs.core.SrsException;
import io.srs.kernel.media.MediaMessage;
import io.srs.rtmp.chunk.ChunkReader;
import io.srs.rtmp.message.MessageCodec;

import java.io.ByteArrayInputStream;

/**
 * Fuzz target: what a peer sends after the handshake: chunks reassembled into messages, each
 * decoded as the session would (commands in AMF0, control messages). Only {@link SrsException}
 * may refuse input; a heap that grows with announced, not received, lengths shows up as an
 * OutOfMemoryError under the fuzzer's {@code -Xmx}.
 */
@Tag("fuzz")
class ChunkStreamFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void chunkStream(byte[] data) {
        ChunkReader reader = new ChunkReader(new ByteArrayInputStream(data));
        try {
            for (int i = 0; i < 10_000; i++) {
                MediaMessage m = reader.readMessage();
                try {
                    MessageCodec.decode(m);
                } catch (SrsException refused) {
                    // a bad message ends this message only
                }
            }
        } catch (SrsException expected) {
            // end of input or a protocol violation: the connection would close
        }
    }
}
