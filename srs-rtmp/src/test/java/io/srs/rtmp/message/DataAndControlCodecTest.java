package io.srs.rtmp.message;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.amf0.Amf0EcmaArray;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.amf0.Amf0String;
import io.srs.rtmp.message.RtmpData.OnMetaData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.srs.rtmp.message.Wire.bool;
import static io.srs.rtmp.message.Wire.bytes;
import static io.srs.rtmp.message.Wire.ecma;
import static io.srs.rtmp.message.Wire.num;
import static io.srs.rtmp.message.Wire.obj;
import static io.srs.rtmp.message.Wire.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataAndControlCodecTest {

    static RtmpMessage decode(int type, Bytes payload) {
        return MessageCodec.decode(new MediaMessage(type, 0, 1, payload));
    }

    /** FFmpeg's flvenc-style metadata as sent by a publisher: @setDataFrame, onMetaData, ECMA array. */
    static final Bytes FFMPEG_METADATA = bytes(str("@setDataFrame"), str("onMetaData"), ecma(
            "duration", num(0),
            "width", num(1280),
            "height", num(720),
            "videocodecid", num(7),
            "audiocodecid", num(10),
            "encoder", str("Lavf61.7.100"),
            "filesize", num(0)));

    @Test
    void setDataFrameMetadataRoundTripsAndConvertsForPlayers() {
        OnMetaData m = assertInstanceOf(OnMetaData.class, decode(MessageType.AMF0_DATA, FFMPEG_METADATA));
        assertTrue(m.setDataFrame());
        assertEquals("onMetaData", m.name());
        assertInstanceOf(Amf0EcmaArray.class, m.metadata());
        assertEquals(1280.0, m.toObject().getNumber("width").orElseThrow());
        assertEquals(FFMPEG_METADATA.toHex(), MessageCodec.payload(m).toHex());

        OnMetaData cached = m.forPlayers();
        Amf0Object edited = cached.toObject().remove("duration").put("server", "SRS/7.0.0(Kai)");
        OnMetaData out = cached.withMetadata(edited);
        Bytes expected = bytes(str("onMetaData"), obj(
                "width", num(1280), "height", num(720), "videocodecid", num(7), "audiocodecid", num(10),
                "encoder", str("Lavf61.7.100"), "filesize", num(0), "server", str("SRS/7.0.0(Kai)")));
        Outgoing o = MessageCodec.outgoing(out, 1);
        assertEquals(expected.toHex(), o.message().payload().toHex());
        assertEquals(MessageType.AMF0_DATA, o.message().type());
        assertEquals(ChunkStreamIds.OVER_CONNECTION2, o.chunkStreamId());
        assertEquals(OnMetaData.plain(edited), out);
    }

    @Test
    void metadataEdgeCasesFollowSrs() {
        // Empty body and non-object values read as an empty object.
        assertEquals(OnMetaData.plain(Amf0Object.of()), decode(MessageType.AMF0_DATA, bytes(str("onMetaData"))));
        assertEquals(OnMetaData.plain(Amf0Object.of()),
                decode(MessageType.AMF0_DATA, bytes(str("onMetaData"), str("x"))));
        // Metadata sent as a command message is metadata too.
        assertInstanceOf(OnMetaData.class, decode(MessageType.AMF0_COMMAND, FFMPEG_METADATA));
        // AMF3 data is not shifted by a byte (only AMF3 commands are).
        assertInstanceOf(OnMetaData.class, decode(MessageType.AMF3_DATA, FFMPEG_METADATA));
    }

    @Test
    void dataWithoutANameFailsLikeSrs() {
        // ossrs/srs#997: an encoder sending the object without the name string.
        SrsException e = assertThrows(SrsException.class,
                () -> decode(MessageType.AMF0_DATA, bytes(ecma("width", num(1)))));
        assertEquals(ErrorCode.RTMP_AMF0_DECODE, e.code());
    }

    @Test
    void ffmpegTimecodeIsPassedThroughRaw() {
        MediaMessage m = new MediaMessage(MessageType.AMF0_DATA, 0, 1, Bytes.fromHex("00000000"));
        RawMessage r = assertInstanceOf(RawMessage.class, MessageCodec.decode(m));
        assertSame(m, r.message());
    }

    @Test
    void otherDataMessages() {
        Bytes sa = bytes(str("|RtmpSampleAccess"), bool(false), bool(true));
        assertEquals(new RtmpData.SampleAccess(false, true), decode(MessageType.AMF0_DATA, sa));
        Bytes status = bytes(str("onStatus"), obj("code", str("NetStream.Data.Start")));
        RtmpData.OnStatusData s = (RtmpData.OnStatusData) decode(MessageType.AMF0_DATA, status);
        assertEquals("NetStream.Data.Start", s.code());
        Bytes cue = bytes(str("onCuePoint"), str("a"), num(1));
        RtmpData.Data d = (RtmpData.Data) decode(MessageType.AMF0_DATA, cue);
        assertEquals("onCuePoint", d.name());
        assertEquals(cue.toHex(), MessageCodec.payload(d).toHex());
        // Wrong shape falls back to generic data.
        Bytes odd = bytes(str("onStatus"), str("x"));
        assertEquals(new RtmpData.Data("onStatus", List.of(new Amf0String("x"))), decode(MessageType.AMF0_DATA, odd));
    }

    @Test
    void protocolControlVectors() {
        assertEquals(new ProtocolControl.SetChunkSize(60000),
                decode(MessageType.SET_CHUNK_SIZE, Bytes.fromHex("0000ea60")));
        assertEquals(new ProtocolControl.Abort(5), decode(MessageType.ABORT, Bytes.fromHex("00000005")));
        assertEquals(new ProtocolControl.Acknowledgement(0xfffffffeL),
                decode(MessageType.ACKNOWLEDGEMENT, Bytes.fromHex("fffffffe")));
        assertEquals(new ProtocolControl.WindowAckSize(2_500_000),
                decode(MessageType.WINDOW_ACK_SIZE, Bytes.fromHex("002625a0")));
        assertEquals(new ProtocolControl.SetPeerBandwidth(2_500_000, 2),
                decode(MessageType.SET_PEER_BANDWIDTH, Bytes.fromHex("002625a002")));
        assertEquals("002625a002",
                MessageCodec.payload(new ProtocolControl.SetPeerBandwidth(2_500_000, ProtocolControl.SetPeerBandwidth.DYNAMIC)).toHex());
        assertEquals("0000ea60", MessageCodec.payload(new ProtocolControl.SetChunkSize(60000)).toHex());
        assertEquals("fffffffe", MessageCodec.payload(new ProtocolControl.Acknowledgement(0xfffffffeL)).toHex());
        assertEquals(MessageType.WINDOW_ACK_SIZE,
                MessageCodec.encode(new ProtocolControl.WindowAckSize(1), 0).type());
    }

    @Test
    void truncatedControlMessagesFailWithMessageDecode() {
        for (int type : new int[] {1, 2, 3, 5, 6}) {
            SrsException e = assertThrows(SrsException.class, () -> decode(type, Bytes.fromHex("0000")));
            assertEquals(ErrorCode.RTMP_MESSAGE_DECODE, e.code());
        }
        assertThrows(SrsException.class, () -> decode(MessageType.USER_CONTROL, Bytes.fromHex("00")));
        assertThrows(SrsException.class, () -> decode(MessageType.USER_CONTROL, Bytes.fromHex("0003 00000001")));
    }

    @Test
    void userControlVectors() {
        // librtmp ping from SRS utest ProtocolRecvMessageBug98.
        assertEquals(new UserControl.PingRequest(0x0d0f), decode(MessageType.USER_CONTROL, Bytes.fromHex("000600000d0f")));
        assertEquals(new UserControl.StreamBegin(1), decode(MessageType.USER_CONTROL, Bytes.fromHex("000000000001")));
        assertEquals(new UserControl.SetBufferLength(1, 3000),
                decode(MessageType.USER_CONTROL, Bytes.fromHex("0003 00000001 00000bb8")));
        assertEquals("000100000001", MessageCodec.payload(new UserControl.StreamEof(1)).toHex());
        assertEquals("00070000ffff", MessageCodec.payload(new UserControl.PingResponse(0xffff)).toHex());
        // SWF verification (0x1a) carries one byte in SRS; kept raw.
        UserControl.Unknown u = (UserControl.Unknown) decode(MessageType.USER_CONTROL, Bytes.fromHex("001a01"));
        assertEquals(0x1a, u.eventType());
        assertEquals("01", u.data().toHex());
        assertEquals("001a01", MessageCodec.payload(u).toHex());
    }

    @Test
    void audioVideoAndOtherTypesAreRaw() {
        for (int type : new int[] {MessageType.AUDIO, MessageType.VIDEO, MessageType.AGGREGATE, 19, 16, 7, 0, 99}) {
            MediaMessage m = new MediaMessage(type, 5, 1, Bytes.fromHex("af01"));
            assertSame(m, ((RawMessage) MessageCodec.decode(m)).message());
        }
        RawMessage audio = new RawMessage(new MediaMessage(MessageType.AUDIO, 5, 1, Bytes.fromHex("af01")));
        assertEquals(ChunkStreamIds.AUDIO, MessageCodec.chunkStreamIdFor(audio));
        assertEquals(ChunkStreamIds.VIDEO,
                MessageCodec.chunkStreamIdFor(new RawMessage(new MediaMessage(MessageType.VIDEO, 0, 1, Bytes.EMPTY))));
        MediaMessage moved = MessageCodec.encode(audio, 3, 9);
        assertEquals(3, moved.streamId());
        assertEquals(9, moved.timestamp());
        assertSame(audio.message().payload(), moved.payload());
    }
}
