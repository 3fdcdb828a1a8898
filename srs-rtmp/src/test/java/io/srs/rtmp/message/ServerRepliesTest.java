package io.srs.rtmp.message;

import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.srs.rtmp.message.Wire.bool;
import static io.srs.rtmp.message.Wire.bytes;
import static io.srs.rtmp.message.Wire.ecma;
import static io.srs.rtmp.message.Wire.nul;
import static io.srs.rtmp.message.Wire.num;
import static io.srs.rtmp.message.Wire.obj;
import static io.srs.rtmp.message.Wire.str;
import static io.srs.rtmp.message.Wire.undef;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each reply against bytes built by hand in the order SRS's SrsRtmpServer sets the properties. */
class ServerRepliesTest {

    private static void assertWire(Bytes expected, RtmpMessage reply, int expectedType, int expectedCid) {
        Outgoing out = MessageCodec.outgoing(reply, 1);
        MediaMessage m = out.message();
        assertEquals(expected.toHex(), m.payload().toHex());
        assertEquals(expectedType, m.type());
        assertEquals(1, m.streamId());
        assertEquals(0, m.timestamp());
        assertEquals(expectedCid, out.chunkStreamId());
        assertEquals(reply, MessageCodec.decode(m));
    }

    @Test
    void connectResult() {
        ServerIdentity id = new ServerIdentity("SRS", "SRS/7.0.0(Kai)", "MIT", "https://github.com/ossrs/srs",
                "7.0.0", "authors", Optional.of("10.0.0.1"), 1234, "abc123");
        Bytes expected = bytes(str("_result"), num(1),
                obj("fmsVer", str("FMS/3,5,3,888"), "capabilities", num(127), "mode", num(1)),
                obj("level", str("status"),
                        "code", str("NetConnection.Connect.Success"),
                        "description", str("Connection succeeded"),
                        "objectEncoding", num(3),
                        "data", ecma("version", str("3,5,3,888"),
                                "srs_sig", str("SRS"),
                                "srs_server", str("SRS/7.0.0(Kai)"),
                                "srs_license", str("MIT"),
                                "srs_url", str("https://github.com/ossrs/srs"),
                                "srs_version", str("7.0.0"),
                                "srs_authors", str("authors"),
                                "srs_server_ip", str("10.0.0.1"),
                                "srs_pid", num(1234),
                                "srs_id", str("abc123"))));
        assertWire(expected, ServerReplies.connectResult(3, id), MessageType.AMF0_COMMAND, 3);
    }

    @Test
    void connectResultWithoutServerIpOmitsIt() {
        ServerIdentity id = ServerIdentity.of(Optional.empty(), 1, "x");
        RtmpCommand.CallResult r = ServerReplies.connectResult(0, id);
        var data = r.information().orElseThrow().getObject("data").orElseThrow();
        assertEquals(Optional.empty(), data.getString("srs_server_ip"));
        assertEquals("SRS", data.getString("srs_sig").orElseThrow());
        assertEquals("x", data.getString("srs_id").orElseThrow());
    }

    @Test
    void onBwDone() {
        assertWire(bytes(str("onBWDone"), num(0), nul()), ServerReplies.onBwDone(), MessageType.AMF0_COMMAND, 3);
    }

    @Test
    void createStreamResult() {
        assertWire(bytes(str("_result"), num(4), nul(), num(1)), ServerReplies.createStreamResult(4, 1),
                MessageType.AMF0_COMMAND, 3);
    }

    @Test
    void releaseStreamAndFcPublishResult() {
        assertWire(bytes(str("_result"), num(2), nul(), undef()), ServerReplies.fmleStartResult(2),
                MessageType.AMF0_COMMAND, 3);
    }

    @Test
    void nullResultForUnknownCalls() {
        assertWire(bytes(str("_result"), num(9), nul(), nul()), ServerReplies.nullResult(9),
                MessageType.AMF0_COMMAND, 3);
    }

    @Test
    void onFcPublishHasNoLevel() {
        assertWire(bytes(str("onFCPublish"), num(0), nul(),
                        obj("code", str("NetStream.Publish.Start"), "description", str("Started publishing stream."))),
                ServerReplies.onFcPublish(), MessageType.AMF0_COMMAND, 5);
    }

    @Test
    void publishStart() {
        assertWire(bytes(str("onStatus"), num(0), nul(), obj("level", str("status"),
                        "code", str("NetStream.Publish.Start"),
                        "description", str("Started publishing stream."),
                        "clientid", str("ASAICiss"))),
                ServerReplies.publishStart(), MessageType.AMF0_COMMAND, 5);
    }

    @Test
    void unpublishReplies() {
        assertWire(bytes(str("onFCUnpublish"), num(0), nul(),
                        obj("code", str("NetStream.Unpublish.Success"), "description", str("Stop publishing stream."))),
                ServerReplies.onFcUnpublish(), MessageType.AMF0_COMMAND, 5);
        assertWire(bytes(str("onStatus"), num(0), nul(), obj("level", str("status"),
                        "code", str("NetStream.Unpublish.Success"),
                        "description", str("Stream is now unpublished"),
                        "clientid", str("ASAICiss"))),
                ServerReplies.unpublishSuccess(), MessageType.AMF0_COMMAND, 5);
    }

    @Test
    void playResetAndStart() {
        assertWire(bytes(str("onStatus"), num(0), nul(), obj("level", str("status"),
                        "code", str("NetStream.Play.Reset"),
                        "description", str("Playing and resetting stream."),
                        "details", str("stream"),
                        "clientid", str("ASAICiss"))),
                ServerReplies.playReset(), MessageType.AMF0_COMMAND, 5);
        assertWire(bytes(str("onStatus"), num(0), nul(), obj("level", str("status"),
                        "code", str("NetStream.Play.Start"),
                        "description", str("Started playing stream."),
                        "details", str("stream"),
                        "clientid", str("ASAICiss"))),
                ServerReplies.playStart(), MessageType.AMF0_COMMAND, 5);
    }

    @Test
    void sampleAccessIsADataMessage() {
        assertWire(bytes(str("|RtmpSampleAccess"), bool(true), bool(true)), ServerReplies.sampleAccess(),
                MessageType.AMF0_DATA, 5);
    }

    @Test
    void dataStart() {
        assertWire(bytes(str("onStatus"), obj("code", str("NetStream.Data.Start"))), ServerReplies.dataStart(),
                MessageType.AMF0_DATA, 5);
    }

    @Test
    void pauseAndUnpause() {
        assertWire(bytes(str("onStatus"), num(0), nul(), obj("level", str("status"),
                        "code", str("NetStream.Pause.Notify"), "description", str("Paused stream."))),
                ServerReplies.pauseNotify(), MessageType.AMF0_COMMAND, 5);
        assertWire(bytes(str("onStatus"), num(0), nul(), obj("level", str("status"),
                        "code", str("NetStream.Unpause.Notify"), "description", str("Unpaused stream."))),
                ServerReplies.unpauseNotify(), MessageType.AMF0_COMMAND, 5);
    }

    @Test
    void redirect302() {
        assertWire(bytes(str("onStatus"), num(0), nul(), obj("level", str("error"),
                        "code", str("NetConnection.Connect.Rejected"),
                        "description", str("RTMP 302 Redirect"),
                        "ex", obj("code", num(302),
                                "redirect", str("rtmp://other/live"),
                                "redirect2", str("rtmp://other/live/stream")))),
                ServerReplies.redirect("rtmp://other/live", "rtmp://other/live/stream"), MessageType.AMF0_COMMAND, 5);
    }

    @Test
    void errorStatuses() {
        assertWire(bytes(str("onStatus"), num(0), nul(), obj("level", str("error"),
                        "code", str("NetConnection.Connect.Rejected"), "description", str("denied"))),
                ServerReplies.connectRejected("denied"), MessageType.AMF0_COMMAND, 5);
        RtmpCommand.OnStatus s = ServerReplies.error("NetStream.Publish.BadName", "busy");
        assertEquals("error", s.level());
        assertEquals("NetStream.Publish.BadName", s.code());
        assertEquals("busy", s.description());
    }
}
