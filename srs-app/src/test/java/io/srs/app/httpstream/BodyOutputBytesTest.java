package io.srs.app.httpstream;

import io.srs.app.config.HttpRemuxConfig;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaBatch;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.chunk.ChunkedPayload;
import io.srs.rtmp.chunk.DirectSlabs;
import io.srs.rtmp.chunk.GatheringOutput;
import io.srs.testing.RecordingChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gathering path of plain-HTTP viewers ({@link GatherBody}: own headers and chunk framing
 * between shared direct payload views) puts on the wire exactly the bytes of the stream path
 * ({@link StreamBody}, HTTPS and WebSocket), once the HTTP chunk framing is taken off; the
 * framing itself is well formed whatever the batch (empty, one payload over 64 KiB, thousands
 * of tiny ones that overflow the viewer's own buffer); both count the same body bytes.
 */
class BodyOutputBytesTest {
    private static final HttpRemuxConfig FLV = new HttpRemuxConfig(true, "[vhost]/[app]/[stream].flv",
            Duration.ZERO, true, true, true, true);
    private static final int OWN_BYTES = 16 * 1024;

    @Test
    void flvSameBytesBothPaths() throws IOException {
        for (int rtmpChunkSize : new int[]{0, 128, 4096, 60_000}) {
            compare(() -> new FlvStreamEncoder(FLV), av(rtmpChunkSize), "flv, rtmp form " + rtmpChunkSize);
        }
    }

    @Test
    void aacAndMp3SameBytesBothPaths() throws IOException {
        for (int rtmpChunkSize : new int[]{0, 128, 4096}) {
            compare(AdtsStreamEncoder::new, audio(AAC_HEADER, rtmpChunkSize), "aac, rtmp form " + rtmpChunkSize);
            compare(Mp3StreamEncoder::new, audio(new byte[]{0x2f}, rtmpChunkSize), "mp3, rtmp form " + rtmpChunkSize);
        }
    }

    @Test
    void emptyBatchWritesNothing() throws IOException {
        RecordingChannel wire = new RecordingChannel(1 << 20);
        GatherBody body = gather(wire);
        new FlvStreamEncoder(FLV).write(new MediaBatch(4), body);
        body.flush();
        body.flush();
        // A zero-size chunk would end the response: nothing at all goes out.
        assertEquals(0, wire.bytes.toByteArray().length);
        assertEquals(0, body.written());
    }

    @Test
    void hugePayloadIsOneChunk() throws IOException {
        byte[] big = payload(0x17, 0x01, 200_000);
        List<MediaBatch> batches = List.of(batch(msg(MessageType.VIDEO, 0, big)));
        Result r = compare(() -> new FlvStreamEncoder(FLV), batches, "huge");
        assertEquals(1, r.chunks.size());
        int size = 9 + 4 + 11 + big.length;
        assertEquals(size, r.chunks.getFirst());
        String head = new String(r.raw, 0, 7, StandardCharsets.US_ASCII);
        assertEquals(Integer.toHexString(size) + "\r\n", head);
    }

    @Test
    void manyTinyPayloadsSpillIntoSeveralWellFormedChunks() throws IOException {
        MediaBatch b = new MediaBatch(4000);
        for (int i = 0; i < 3000; i++) {
            b.add(msg(MessageType.AUDIO, i, new byte[]{(byte) 0xaf, 0x01, (byte) i}), i);
        }
        Result r = compare(() -> new FlvStreamEncoder(FLV), List.of(b), "tiny");
        // 3,000 x 18 bytes do not fit the 16 KiB own buffer: several chunks, none empty.
        assertTrue(r.chunks.size() > 1, "chunks " + r.chunks);
        assertTrue(r.chunks.stream().allMatch(n -> n > 0));
    }

    @Test
    void framingHexSizes() {
        ChunkedFraming f = new ChunkedFraming();
        assertEquals("1\r\n", ascii(f.head(1)));
        assertEquals("f\r\n", ascii(f.head(15)));
        assertEquals("10\r\n", ascii(f.head(16)));
        assertEquals("ffff\r\n", ascii(f.head(0xffff)));
        assertEquals("10000\r\n", ascii(f.head(0x10000)));
        assertEquals("\r\n", ascii(f.tail()));
    }

    // --- the comparison ---

    private record Result(byte[] raw, List<Integer> chunks) {
    }

    /** Sends {@code batches} through both paths (a fresh encoder each) and compares the bytes. */
    private static Result compare(Supplier<StreamEncoder> encoders, List<MediaBatch> batches, String what)
            throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        StreamBody stream = new StreamBody(plain);
        StreamEncoder a = encoders.get();
        for (MediaBatch b : batches) {
            a.write(b, stream);
            stream.flush();
        }
        // The socket takes at most 1,000 bytes a call: partial gathering writes are exercised too.
        RecordingChannel wire = new RecordingChannel(1000);
        GatherBody gather = gather(wire);
        StreamEncoder g = encoders.get();
        for (MediaBatch b : batches) {
            g.write(b, gather);
            gather.flush();
        }
        List<Integer> chunks = new ArrayList<>();
        byte[] body = dechunk(wire.bytes.toByteArray(), chunks);
        assertTrue(plain.size() > 0, what);
        assertArrayEquals(plain.toByteArray(), body, what);
        assertEquals(stream.written(), gather.written(), what + ": body bytes counted");
        assertEquals(plain.size(), gather.written(), what);
        assertEquals(0, wire.heapBuffers, what + ": only direct memory reaches the socket");
        return new Result(wire.bytes.toByteArray(), chunks);
    }

    private static GatherBody gather(RecordingChannel wire) {
        return new GatherBody(new GatheringOutput(wire, OWN_BYTES, new ChunkedFraming()), new DirectSlabs());
    }

    /** Strips RFC 9112 chunked framing, failing on anything malformed or on a last (empty) chunk. */
    private static byte[] dechunk(byte[] raw, List<Integer> sizes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < raw.length) {
            int eol = at;
            while (raw[eol] != '\r') {
                eol++;
            }
            assertEquals('\n', raw[eol + 1]);
            String hex = new String(raw, at, eol - at, StandardCharsets.US_ASCII);
            assertTrue(hex.matches("[0-9a-f]+") && !hex.startsWith("0"), "chunk size " + hex);
            int n = Integer.parseInt(hex, 16);
            sizes.add(n);
            out.write(raw, eol + 2, n);
            at = eol + 2 + n;
            assertEquals('\r', raw[at]);
            assertEquals('\n', raw[at + 1]);
            at += 2;
        }
        return out.toByteArray();
    }

    // --- the media ---

    private static final byte[] AAC_HEADER = {(byte) 0xaf};

    /** Metadata, sequence headers, a GOP, then timestamps that jump past 24 bits and back. */
    private static List<MediaBatch> av(int rtmpChunkSize) {
        List<MediaMessage> all = new ArrayList<>();
        all.add(msg(MessageType.AMF0_DATA, 0, payload(0x02, 0x00, 300)));
        all.add(msg(MessageType.VIDEO, 0, payload(0x17, 0x00, 40)));
        all.add(msg(MessageType.AUDIO, 0, new byte[]{(byte) 0xaf, 0x00, 0x12, 0x10}));
        all.add(msg(MessageType.VIDEO, 0, payload(0x17, 0x01, 70_000)));
        for (int i = 1; i < 40; i++) {
            all.add(msg(MessageType.AUDIO, i * 23, payload(0xaf, 0x01, 200 + i * 7)));
            all.add(msg(MessageType.VIDEO, i * 40, payload(0x27, 0x01, 1000 + i * 131)));
        }
        all.add(msg(MessageType.VIDEO, 0x01_00_00_00L + 5, payload(0x17, 0x01, 9000)));
        all.add(msg(MessageType.AUDIO, 0x7f_ff_ff_f0L, payload(0xaf, 0x01, 300)));
        all.add(msg(MessageType.AUDIO, 3, payload(0xaf, 0x01, 301)));
        if (rtmpChunkSize > 0) {
            // Some payloads carry an RTMP player's chunked form, as with a mixed audience.
            for (int i = 0; i < all.size(); i += 2) {
                ChunkedPayload.of(all.get(i).payload(), rtmpChunkSize, 6);
            }
        }
        return batches(all);
    }

    private static List<MediaBatch> audio(byte[] tagByte, int rtmpChunkSize) {
        List<MediaMessage> all = new ArrayList<>();
        boolean aac = tagByte[0] == (byte) 0xaf;
        if (aac) {
            all.add(msg(MessageType.AUDIO, 0, new byte[]{(byte) 0xaf, 0x00, 0x12, 0x10}));
        }
        for (int i = 0; i < 60; i++) {
            all.add(msg(MessageType.AUDIO, i * 23, payload(tagByte[0] & 0xff, 0x01, 120 + i * 11)));
            all.add(msg(MessageType.VIDEO, i * 23, payload(0x27, 0x01, 500)));
        }
        if (rtmpChunkSize > 0) {
            for (MediaMessage m : all) {
                ChunkedPayload.of(m.payload(), rtmpChunkSize, 4);
            }
        }
        return batches(all);
    }

    /** Batches of 1, 2, 3, ... messages, as merged writes cut them. */
    private static List<MediaBatch> batches(List<MediaMessage> all) {
        List<MediaBatch> out = new ArrayList<>();
        int at = 0;
        for (int n = 1; at < all.size(); n++) {
            MediaBatch b = new MediaBatch(n);
            for (int i = 0; i < n && at < all.size(); i++, at++) {
                b.add(all.get(at), all.get(at).timestamp());
            }
            out.add(b);
        }
        return out;
    }

    private static MediaBatch batch(MediaMessage... msgs) {
        MediaBatch b = new MediaBatch(msgs.length);
        for (MediaMessage m : msgs) {
            b.add(m, m.timestamp());
        }
        return b;
    }

    private static MediaMessage msg(int type, long ts, byte[] payload) {
        return new MediaMessage(type, ts, 1, Bytes.wrap(payload));
    }

    private static byte[] payload(int first, int second, int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        b[0] = (byte) first;
        b[1] = (byte) second;
        return b;
    }

    private static String ascii(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return new String(a, StandardCharsets.US_ASCII);
    }
}
