package io.srs.rtmp.message;

import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.amf0.Amf0Boolean;
import io.srs.rtmp.amf0.Amf0EcmaArray;
import io.srs.rtmp.amf0.Amf0Null;
import io.srs.rtmp.amf0.Amf0Number;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.amf0.Amf0StrictArray;
import io.srs.rtmp.amf0.Amf0String;
import io.srs.rtmp.amf0.Amf0Undefined;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class MessageRoundTripTest {

    static List<RtmpMessage> samples() {
        Amf0Object info = Amf0Object.of().put("level", "status").put("code", "X").put("description", "d");
        return List.of(
                new RtmpCommand.Connect(1, Amf0Object.of().put("app", "live").put("tcUrl", "rtmp://h/live"),
                        Optional.of(Amf0Object.of().put("k", 1.0))),
                new RtmpCommand.Connect(2, Amf0Object.of(), Optional.empty()),
                RtmpCommand.CallResult.result(1, info, info),
                new RtmpCommand.CallResult("_error", 3, Amf0Null.INSTANCE, List.of(info)),
                new RtmpCommand.CreateStream(2),
                new RtmpCommand.DeleteStream(0, 1),
                new RtmpCommand.CloseStream(0),
                new RtmpCommand.ReleaseStream(2, "s"),
                new RtmpCommand.FcPublish(3, "s"),
                new RtmpCommand.FcUnpublish(6, "s"),
                new RtmpCommand.Publish(5, "s?token=1", "record"),
                new RtmpCommand.Play(0, "s"),
                new RtmpCommand.Play(0, "s", 0, -1, true),
                new RtmpCommand.Play(0, "s", -2, 30, true),
                new RtmpCommand.Play(0, "s", -1000, -1, false),
                new RtmpCommand.Play2(0, Amf0Object.of().put("streamName", "s2").put("transition", "switch")),
                new RtmpCommand.Pause(0, false, 5000),
                new RtmpCommand.ReceiveAudio(0, false),
                new RtmpCommand.ReceiveVideo(0, true),
                new RtmpCommand.GetStreamLength(3, "s"),
                new RtmpCommand.OnStatus(info),
                new RtmpCommand.OnBwDone(0),
                new RtmpCommand.OnFcPublish(0, info),
                new RtmpCommand.OnFcUnpublish(0, info),
                new RtmpCommand.CheckBw(1),
                new RtmpCommand.Call("FCSubscribe", 4, Amf0Null.INSTANCE, List.of(new Amf0String("s"))),
                new RtmpCommand.Call("custom", 0, Amf0Object.of().put("a", true),
                        List.of(Amf0Undefined.INSTANCE, Amf0StrictArray.of(new Amf0Number(1)))),
                new RtmpData.OnMetaData(true, "onMetaData", Amf0EcmaArray.of().put("width", 640.0)),
                new RtmpData.OnMetaData(false, "onMetaData", Amf0Object.of().put("height", 360.0)),
                new RtmpData.SampleAccess(true, false),
                new RtmpData.OnStatusData(info),
                new RtmpData.Data("onTextData", List.of(Amf0Object.of().put("text", "hi"), Amf0Boolean.TRUE)),
                new RtmpData.Data("empty", List.of()),
                new ProtocolControl.SetChunkSize(4096),
                new ProtocolControl.Abort(6),
                new ProtocolControl.Acknowledgement(123456789),
                new ProtocolControl.WindowAckSize(2_500_000),
                new ProtocolControl.SetPeerBandwidth(2_500_000, ProtocolControl.SetPeerBandwidth.HARD),
                new UserControl.StreamBegin(1),
                new UserControl.StreamEof(1),
                new UserControl.StreamDry(1),
                new UserControl.SetBufferLength(1, 1000),
                new UserControl.StreamIsRecorded(1),
                new UserControl.PingRequest(0xfffffff0L),
                new UserControl.PingResponse(42),
                new UserControl.Unknown(0x1b, Bytes.fromHex("0102030405")),
                new RawMessage(new MediaMessage(MessageType.VIDEO, 40, 1, Bytes.fromHex("1701000000"))));
    }

    @Test
    void everyMessageTypeRoundTripsThroughMediaMessage() {
        for (RtmpMessage m : samples()) {
            MediaMessage encoded = MessageCodec.encode(m, 1);
            RtmpMessage back = MessageCodec.decode(encoded);
            assertEquals(m, back, "round trip of " + m);
            assertEquals(encoded.payload(), MessageCodec.encode(back, 1).payload(), "re-encode of " + m);
            assertEquals(1, encoded.streamId());
        }
    }

    @Test
    void samplesCoverEverySealedSubtype() {
        Set<Class<?>> covered = samples().stream().map(Object::getClass).collect(Collectors.toSet());
        Set<Class<?>> all = new HashSet<>();
        for (Class<?> family : List.of(RtmpCommand.class, RtmpData.class, ProtocolControl.class, UserControl.class)) {
            all.addAll(Arrays.asList(family.getPermittedSubclasses()));
        }
        all.add(RawMessage.class);
        assertEquals(all, covered);
    }

    @Test
    void chunkStreamIdsFollowSrs() {
        assertEquals(2, MessageCodec.chunkStreamIdFor(new ProtocolControl.SetChunkSize(128)));
        assertEquals(2, MessageCodec.chunkStreamIdFor(new UserControl.StreamBegin(1)));
        assertEquals(3, MessageCodec.chunkStreamIdFor(new RtmpCommand.CreateStream(2)));
        assertEquals(3, MessageCodec.chunkStreamIdFor(ServerReplies.createStreamResult(2, 1)));
        assertEquals(3, MessageCodec.chunkStreamIdFor(new RtmpCommand.ReleaseStream(2, "s")));
        assertEquals(3, MessageCodec.chunkStreamIdFor(new RtmpCommand.Call("x", 1)));
        assertEquals(5, MessageCodec.chunkStreamIdFor(new RtmpCommand.Play(0, "s")));
        assertEquals(5, MessageCodec.chunkStreamIdFor(new RtmpCommand.Publish(0, "s")));
        assertEquals(5, MessageCodec.chunkStreamIdFor(ServerReplies.playStart()));
        assertEquals(5, MessageCodec.chunkStreamIdFor(ServerReplies.sampleAccess()));
        assertEquals(4, MessageCodec.chunkStreamIdFor(RtmpData.OnMetaData.plain(Amf0Object.of())));
    }

    @Test
    void fuzzDecodeOnlyThrowsSrsException() {
        Random rnd = new Random(20240611);
        List<MediaMessage> seeds = Stream.concat(samples().stream().map(m -> MessageCodec.encode(m, 1)),
                Stream.of(new MediaMessage(20, 0, 0, CommandCodecTest.SRS_UTEST_CONNECT),
                        new MediaMessage(18, 0, 1, DataAndControlCodecTest.FFMPEG_METADATA))).toList();
        int[] types = {1, 2, 3, 4, 5, 6, 15, 17, 18, 20};
        int decoded = 0;
        for (int i = 0; i < 30_000; i++) {
            MediaMessage input;
            if (i % 3 == 0) {
                byte[] b = new byte[rnd.nextInt(40)];
                rnd.nextBytes(b);
                if (b.length > 0 && rnd.nextBoolean()) {
                    b[0] = 0x02;
                }
                input = new MediaMessage(types[rnd.nextInt(types.length)], 0, 0, Bytes.wrap(b));
            } else {
                MediaMessage seed = seeds.get(rnd.nextInt(seeds.size()));
                byte[] b = seed.payload().toArray();
                int len = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
                b = Arrays.copyOf(b, len);
                for (int m = rnd.nextInt(3); m > 0 && b.length > 0; m--) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                int type = rnd.nextInt(10) == 0 ? types[rnd.nextInt(types.length)] : seed.type();
                input = new MediaMessage(type, 0, 0, Bytes.wrap(b));
            }
            try {
                RtmpMessage m = MessageCodec.decode(input);
                assertNotNull(m);
                MessageCodec.encode(m, 1); // whatever decodes must encode again
                decoded++;
            } catch (SrsException expected) {
                assertNotNull(expected.code());
            }
        }
        // Mutations keep most prefixes decodable; make sure the loop exercised both outcomes.
        assertEquals(true, decoded > 1000 && decoded < 30_000, "decoded " + decoded);
    }
}
