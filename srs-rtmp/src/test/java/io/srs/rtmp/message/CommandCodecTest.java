package io.srs.rtmp.message;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.amf0.Amf0Null;
import io.srs.rtmp.amf0.Amf0Number;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.amf0.Amf0String;
import io.srs.rtmp.message.RtmpCommand.Call;
import io.srs.rtmp.message.RtmpCommand.CallResult;
import io.srs.rtmp.message.RtmpCommand.Connect;
import io.srs.rtmp.message.RtmpCommand.CreateStream;
import io.srs.rtmp.message.RtmpCommand.DeleteStream;
import io.srs.rtmp.message.RtmpCommand.FcPublish;
import io.srs.rtmp.message.RtmpCommand.Pause;
import io.srs.rtmp.message.RtmpCommand.Play;
import io.srs.rtmp.message.RtmpCommand.Publish;
import io.srs.rtmp.message.RtmpCommand.ReleaseStream;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.srs.rtmp.message.Wire.bool;
import static io.srs.rtmp.message.Wire.bytes;
import static io.srs.rtmp.message.Wire.nul;
import static io.srs.rtmp.message.Wire.num;
import static io.srs.rtmp.message.Wire.obj;
import static io.srs.rtmp.message.Wire.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandCodecTest {

    /** The connect payload of SRS's utest ProtocolRecvMessage (srs_utest_protocol.cpp), de-chunked. */
    static final Bytes SRS_UTEST_CONNECT = Bytes.fromHex("""
            020007636f6e6e656374003ff00000000000000300036170700200046c697665
            0008666c61736856657202000d57494e2031322c302c302c3431000673776655
            726c020051687474703a2f2f7777772e6f737372732e6e65743a383038352f70
            6c61796572732f7372735f706c617965722f72656c656173652f7372735f706c
            617965722e7377663f5f76657273696f6e3d312e32330005746355726c020014
            72746d703a2f2f6465763a313933352f6c6976650004667061640100000c6361
            706162696c697469657300406de00000000000000b617564696f436f64656373
            0040abee0000000000000b766964656f436f6465637300406f80000000000000
            0d766964656f46756e6374696f6e003ff000000000000000077061676555726c
            020062687474703a2f2f7777772e6f737372732e6e65743a383038352f706c61
            796572732f7372735f706c617965722e68746d6c3f76686f73743d6465762673
            747265616d3d6c69766573747265616d267365727665723d64657626706f7274
            3d31393335000e6f626a656374456e636f64696e670040080000000000000000
            09""");

    /** A publisher connect as FFmpeg's rtmpproto.c builds it (gen_connect, not is_input). */
    static final Bytes FFMPEG_CONNECT = bytes(str("connect"), num(1), obj(
            "app", str("live"),
            "type", str("nonprivate"),
            "flashVer", str("FMLE/3.0 (compatible; Lavf61.7.100)"),
            "tcUrl", str("rtmp://127.0.0.1:1935/live")));

    static RtmpMessage decode(int type, Bytes payload) {
        return MessageCodec.decode(new MediaMessage(type, 0, 0, payload));
    }

    static Bytes reencode(RtmpMessage m) {
        return MessageCodec.encode(m, 0).payload();
    }

    @Test
    void decodesSrsUtestConnectAndReencodesItByteExact() {
        Connect c = assertInstanceOf(Connect.class, decode(MessageType.AMF0_COMMAND, SRS_UTEST_CONNECT));
        assertEquals(1.0, c.transactionId());
        assertEquals(Optional.of("rtmp://dev:1935/live"), c.tcUrl());
        assertEquals("live", c.app());
        assertEquals("WIN 12,0,0,41", c.flashVer());
        assertEquals("http://www.ossrs.net:8085/players/srs_player/release/srs_player.swf?_version=1.23", c.swfUrl());
        assertEquals("http://www.ossrs.net:8085/players/srs_player.html?vhost=dev&stream=livestream&server=dev&port=1935",
                c.pageUrl());
        assertEquals(3.0, c.objectEncoding());
        assertEquals(3575.0, c.audioCodecs().orElseThrow());
        assertEquals(252.0, c.videoCodecs().orElseThrow());
        assertEquals(11, c.commandObject().size());
        assertEquals(Optional.empty(), c.arguments());
        assertEquals(SRS_UTEST_CONNECT.toHex(), reencode(c).toHex());
        assertEquals(417, SRS_UTEST_CONNECT.length());
    }

    @Test
    void decodesFfmpegPublisherConnect() {
        Connect c = assertInstanceOf(Connect.class, decode(MessageType.AMF0_COMMAND, FFMPEG_CONNECT));
        assertEquals("rtmp://127.0.0.1:1935/live", c.tcUrl().orElseThrow());
        assertEquals("nonprivate", c.commandObject().getString("type").orElseThrow());
        assertEquals(0.0, c.objectEncoding());
        assertEquals("", c.pageUrl());
        assertEquals(FFMPEG_CONNECT.toHex(), reencode(c).toHex());
    }

    @Test
    void connectExtraArgumentIsKeptOnlyWhenAnObject() {
        Bytes withObject = bytes(str("connect"), num(1), obj("tcUrl", str("rtmp://h/a")), obj("k", str("v")));
        Connect c = (Connect) decode(MessageType.AMF0_COMMAND, withObject);
        assertEquals("v", c.arguments().orElseThrow().getString("k").orElseThrow());
        assertEquals(withObject.toHex(), reencode(c).toHex());

        Bytes withString = bytes(str("connect"), num(1), obj("tcUrl", str("rtmp://h/a")), str("extra"));
        assertEquals(Optional.empty(), ((Connect) decode(MessageType.AMF0_COMMAND, withString)).arguments());
    }

    @Test
    void connectWithoutObjectFails() {
        SrsException e = assertThrows(SrsException.class,
                () -> decode(MessageType.AMF0_COMMAND, bytes(str("connect"), num(1), nul())));
        assertEquals(ErrorCode.RTMP_AMF0_DECODE, e.code());
    }

    @Test
    void amf3CommandSkipsItsFirstByte() {
        Bytes amf3 = bytes("00", str("createStream"), num(2), nul());
        assertEquals(new CreateStream(2), decode(MessageType.AMF3_COMMAND, amf3));
    }

    @Test
    void ffmpegPublishSequenceDecodes() {
        assertEquals(new ReleaseStream(2, "livestream"),
                decode(MessageType.AMF0_COMMAND, bytes(str("releaseStream"), num(2), nul(), str("livestream"))));
        assertEquals(new FcPublish(3, "livestream"),
                decode(MessageType.AMF0_COMMAND, bytes(str("FCPublish"), num(3), nul(), str("livestream"))));
        assertEquals(new CreateStream(4),
                decode(MessageType.AMF0_COMMAND, bytes(str("createStream"), num(4), nul())));
        Bytes publish = bytes(str("publish"), num(5), nul(), str("livestream"), str("live"));
        assertEquals(new Publish(5, "livestream", "live"), decode(MessageType.AMF0_COMMAND, publish));
        assertEquals(publish.toHex(), reencode(new Publish(5, "livestream")).toHex());
    }

    @Test
    void publishTypeDefaultsToLive() {
        assertEquals(new Publish(0, "s", Publish.LIVE),
                decode(MessageType.AMF0_COMMAND, bytes(str("publish"), num(0), nul(), str("s"))));
    }

    @Test
    void playDefaultsResetAndSrsEncoding() {
        assertEquals(new Play(0, "s", -2, -1, true),
                decode(MessageType.AMF0_COMMAND, bytes(str("play"), num(0), nul(), str("s"))));
        // FFmpeg sends start = -1000 for live.
        Bytes ffmpeg = bytes(str("play"), num(4), nul(), str("livestream"), num(-1000));
        Play p = (Play) decode(MessageType.AMF0_COMMAND, ffmpeg);
        assertEquals(new Play(4, "livestream", -1000, -1, true), p);
        assertEquals(ffmpeg.toHex(), reencode(p).toHex());
        // Reset as a number.
        Bytes numeric = bytes(str("play"), num(0), nul(), str("s"), num(-2), num(-1), num(0));
        assertEquals(new Play(0, "s", -2, -1, false), decode(MessageType.AMF0_COMMAND, numeric));
        // Reset false forces every earlier field to be written.
        assertEquals(bytes(str("play"), num(0), nul(), str("s"), num(-2), num(-1), bool(false)).toHex(),
                reencode(new Play(0, "s", -2, -1, false)).toHex());
        assertEquals(bytes(str("play"), num(0), nul(), str("s")).toHex(), reencode(new Play(0, "s")).toHex());
    }

    @Test
    void playResetOfAnotherTypeFailsLikeSrs() {
        SrsException e = assertThrows(SrsException.class, () -> decode(MessageType.AMF0_COMMAND,
                bytes(str("play"), num(0), nul(), str("s"), num(-2), num(-1), str("x"))));
        assertEquals(ErrorCode.RTMP_AMF0_DECODE, e.code());
    }

    @Test
    void pauseRequiresFlagAndTime() {
        assertEquals(new Pause(0, true, 1234),
                decode(MessageType.AMF0_COMMAND, bytes(str("pause"), num(0), nul(), bool(true), num(1234))));
        assertThrows(SrsException.class,
                () -> decode(MessageType.AMF0_COMMAND, bytes(str("pause"), num(0), nul(), bool(true))));
    }

    @Test
    void unknownCommandBecomesCallWithAllArguments() {
        Bytes raw = bytes(str("FCSubscribe"), num(7), nul(), str("s"), num(1));
        Call c = assertInstanceOf(Call.class, decode(MessageType.AMF0_COMMAND, raw));
        assertEquals("FCSubscribe", c.name());
        assertEquals(7.0, c.transactionId());
        assertEquals(Amf0Null.INSTANCE, c.commandObject());
        assertEquals(List.of(new Amf0String("s"), new Amf0Number(1)), c.arguments());
        assertEquals(raw.toHex(), reencode(c).toHex());
    }

    @Test
    void malformedOptionalCommandsFallBackToCall() {
        // deleteStream without its stream id is still answerable as a generic call.
        Bytes raw = bytes(str("deleteStream"), num(0), nul());
        Call c = assertInstanceOf(Call.class, decode(MessageType.AMF0_COMMAND, raw));
        assertEquals("deleteStream", c.name());
        assertEquals(new DeleteStream(0, 1),
                decode(MessageType.AMF0_COMMAND, bytes(str("deleteStream"), num(0), nul(), num(1))));
    }

    @Test
    void checkBwFromHaivision() {
        assertEquals(new RtmpCommand.CheckBw(3),
                decode(MessageType.AMF0_COMMAND, bytes(str("_checkbw"), num(3), nul())));
    }

    @Test
    void resultsAreGenericCallResults() {
        Bytes createStreamReply = bytes(str("_result"), num(4), nul(), num(1));
        CallResult r = assertInstanceOf(CallResult.class, decode(MessageType.AMF0_COMMAND, createStreamReply));
        assertEquals(1.0, r.streamId().orElseThrow());
        assertTrue(r.properties().isEmpty());
        Bytes error = bytes(str("_error"), num(1), nul(), obj("level", str("error")));
        CallResult e = (CallResult) decode(MessageType.AMF0_COMMAND, error);
        assertTrue(e.isError());
        assertEquals("error", e.information().orElseThrow().getString("level").orElseThrow());
        assertEquals(error.toHex(), reencode(e).toHex());
    }

    @Test
    void emptyCommandNameFails() {
        assertThrows(SrsException.class, () -> decode(MessageType.AMF0_COMMAND, bytes(str(""), num(0), nul())));
    }

    @Test
    void commandNameMustBeAString() {
        SrsException e = assertThrows(SrsException.class,
                () -> decode(MessageType.AMF0_COMMAND, bytes(obj("a", nul()))));
        assertEquals(ErrorCode.RTMP_AMF0_DECODE, e.code());
    }

    @Test
    void clientConnectHasSrsPropertyOrder() {
        Connect c = Connect.forClient("live", "rtmp://origin/live", "", "", Optional.empty());
        assertEquals(List.of("app", "flashVer", "swfUrl", "tcUrl", "fpad", "capabilities", "audioCodecs",
                        "videoCodecs", "videoFunction", "pageUrl", "objectEncoding"),
                c.commandObject().properties().stream().map(p -> p.key()).toList());
        assertEquals(c, decode(MessageType.AMF0_COMMAND, reencode(c)));
        Connect withArgs = Connect.forClient("a", "t", "", "", Optional.of(Amf0Object.of().put("srs_pid", 1.0)));
        assertEquals(withArgs, decode(MessageType.AMF0_COMMAND, reencode(withArgs)));
    }
}
