package io.srs.rtmp.chunk;

import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static io.srs.rtmp.chunk.Decoding.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chunked payloads cut from shared slabs: separate pieces, same bytes on the wire. */
class DirectSlabsTest {

    @Test
    void piecesAreDirectAndNeverOverlap() {
        DirectSlabs slabs = new DirectSlabs();
        List<ByteBuffer> pieces = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = 1 + (i * 397) % DirectSlabs.MAX_PIECE;
            ByteBuffer b = slabs.allocate(n);
            assertTrue(b.isDirect());
            assertEquals(0, b.position());
            assertEquals(n, b.limit());
            for (int k = 0; k < n; k++) {
                b.put(k, (byte) i);
            }
            pieces.add(b);
        }
        for (int i = 0; i < pieces.size(); i++) {
            ByteBuffer b = pieces.get(i);
            for (int k = 0; k < b.limit(); k++) {
                assertEquals((byte) i, b.get(k), "piece " + i + " kept its bytes");
            }
        }
        assertEquals(DirectSlabs.MAX_PIECE + 1, slabs.allocate(DirectSlabs.MAX_PIECE + 1).capacity(),
                "a large body has a buffer of its own");
    }

    @Test
    void slabBackedFormsWriteTheStreamWritersBytes() {
        DirectSlabs slabs = new DirectSlabs();
        io.srs.testing.RecordingChannel ch = new io.srs.testing.RecordingChannel(5000);
        ChunkWriter w = new ChunkWriter(ch, ChunkWriter.DEFAULT_BUFFER_SIZE, slabs);
        ByteArrayOutputStream ref = new ByteArrayOutputStream();
        ChunkWriter r = new ChunkWriter(ref);
        for (ChunkWriter x : List.of(w, r)) {
            x.setChunkSize(4096);
        }
        for (int i = 0; i < 300; i++) {
            MediaMessage m = new MediaMessage(i % 3 == 0 ? 8 : 9, i * 20L, 1, Bytes.wrap(pattern(1 + i * 61 % 20_000)));
            w.writeShared(m, m.timestamp(), m.isVideo() ? 6 : 4);
            r.write(m, m.isVideo() ? 6 : 4);
        }
        w.flush();
        r.flush();
        assertArrayEquals(ref.toByteArray(), ch.bytes.toByteArray());
        assertEquals(0, ch.heapBuffers);
    }
}
