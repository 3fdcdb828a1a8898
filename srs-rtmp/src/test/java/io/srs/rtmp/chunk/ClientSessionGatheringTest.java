package io.srs.rtmp.chunk;

import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaBatch;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.message.RtmpCommand;
import io.srs.rtmp.session.RtmpClientSession;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.srs.rtmp.chunk.Decoding.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a forwarder or an edge publish relay sends through {@link RtmpClientSession}: on a socket
 * channel (gathering writes of the source's shared chunked payloads) byte for byte what the
 * stream writer sent before, one message at a time with copies, for the whole publish dialogue
 * and media batches of every chunk size, timestamp shape, type and stream id.
 */
class ClientSessionGatheringTest {
    private static final int STREAM_ID = 1;

    /** Media as a source holds it: shared payloads, the publisher's stream id (not ours). */
    private static List<List<MediaMessage>> batches(long firstTimestamp) {
        Random rnd = new Random(15);
        List<List<MediaMessage>> out = new ArrayList<>();
        long ts = firstTimestamp;
        for (int b = 0; b < 6; b++) {
            List<MediaMessage> batch = new ArrayList<>();
            for (int i = 0; i < 1 + rnd.nextInt(30); i++) {
                int type = switch (rnd.nextInt(5)) {
                    case 0 -> MessageType.AMF0_DATA;
                    case 1, 2 -> MessageType.AUDIO;
                    default -> MessageType.VIDEO;
                };
                int size = rnd.nextInt(8) == 0 ? 30_000 + rnd.nextInt(40_000) : 1 + rnd.nextInt(3000);
                batch.add(new MediaMessage(type, ts, 1 + rnd.nextInt(2), Bytes.wrap(pattern(size))));
                ts += rnd.nextInt(40);
            }
            out.add(batch);
        }
        return out;
    }

    /** The dialogue a forwarder writes after the handshake, then the media. */
    private static void publish(RtmpClientSession s, int chunkSize, List<List<MediaMessage>> media, boolean before) {
        s.setChunkSize(chunkSize);
        s.sendAndFlush(new RtmpCommand.CreateStream(2), 0);
        s.sendAndFlush(new RtmpCommand.Publish(3, "livestream?token=1"), STREAM_ID);
        MediaBatch batch = new MediaBatch(4);
        for (List<MediaMessage> msgs : media) {
            if (before) {
                // The relay before gathering writes: a copy per message with our stream id.
                List<MediaMessage> ours = new ArrayList<>();
                for (MediaMessage m : msgs) {
                    ours.add(m.withStreamId(STREAM_ID));
                }
                s.sendMedia(ours);
                s.protocol().flush();
            } else {
                for (MediaMessage m : msgs) {
                    batch.add(m.withStreamId(STREAM_ID), m.timestamp());
                }
                s.sendMediaAndFlush(batch);
                batch.clear();
            }
        }
    }

    @Test
    void gatheringRelayWritesTheStreamWritersBytes() {
        for (int chunkSize : new int[]{128, 4096, 60000}) {
            for (long first : new long[]{0, 0xFFFF00L, 0x1FFFFFFF0L}) {
                List<List<MediaMessage>> media = batches(first);
                ByteArrayOutputStream ref = new ByteArrayOutputStream();
                publish(new RtmpClientSession(new ByteArrayInputStream(new byte[0]), ref, ChunkLimits.DEFAULT), chunkSize,
                        media, true);
                io.srs.testing.RecordingChannel ch = new io.srs.testing.RecordingChannel(7777);
                RtmpClientSession s = new RtmpClientSession(new ByteArrayInputStream(new byte[0]),
                        OutputStream.nullOutputStream(), ch, ChunkLimits.DEFAULT);
                publish(s, chunkSize, media, false);
                String what = "chunk size " + chunkSize + ", first timestamp " + first;
                assertArrayEquals(ref.toByteArray(), ch.bytes.toByteArray(), what);
                assertEquals(0, ch.heapBuffers, "only direct memory reaches the channel: " + what);
                assertEquals(ch.bytes.size(), s.protocol().bytesWritten());
                // The payloads went out from their shared chunked form, which players reuse.
                MediaMessage video = media.getLast().stream().filter(MediaMessage::isVideo).findFirst().orElseThrow();
                ChunkedPayload c = assertInstanceOf(ChunkedPayload.class, video.payload().derived());
                assertEquals(chunkSize, c.chunkSize());
            }
        }
    }

    @Test
    void aBatchIsOneGatheringWrite() {
        io.srs.testing.RecordingChannel ch = new io.srs.testing.RecordingChannel(Integer.MAX_VALUE);
        RtmpClientSession s = new RtmpClientSession(new ByteArrayInputStream(new byte[0]),
                OutputStream.nullOutputStream(), ch, ChunkLimits.DEFAULT);
        s.setChunkSize(60000);
        int before = ch.writes;
        MediaBatch batch = new MediaBatch(4);
        for (int i = 0; i < 24; i++) {
            batch.add(new MediaMessage(i % 3 == 0 ? MessageType.AUDIO : MessageType.VIDEO, i * 20L, STREAM_ID,
                    Bytes.wrap(pattern(100 + i * 400))), i * 20L);
        }
        s.sendMediaAndFlush(batch);
        assertEquals(before + 1, ch.writes);
        assertTrue(ch.buffers >= 24);
    }

}
