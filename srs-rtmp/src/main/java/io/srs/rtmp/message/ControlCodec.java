package io.srs.rtmp.message;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.ByteReader;
import io.srs.core.bytes.ByteWriter;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.message.ProtocolControl.Abort;
import io.srs.rtmp.message.ProtocolControl.Acknowledgement;
import io.srs.rtmp.message.ProtocolControl.SetChunkSize;
import io.srs.rtmp.message.ProtocolControl.SetPeerBandwidth;
import io.srs.rtmp.message.ProtocolControl.WindowAckSize;

/**
 * Protocol control and user control payloads (SRS's {@code SrsSetChunkSizePacket},
 * {@code SrsUserControlPacket}...). Short payloads fail with
 * {@link ErrorCode#RTMP_MESSAGE_DECODE}; bytes after the fields are ignored, as in SRS.
 */
final class ControlCodec {
    private ControlCodec() {
    }

    static ProtocolControl decodeProtocolControl(int type, Bytes payload) {
        ByteReader in = payload.reader().errorCode(ErrorCode.RTMP_MESSAGE_DECODE);
        return switch (type) {
            case MessageType.SET_CHUNK_SIZE -> new SetChunkSize(in.readS32());
            case MessageType.ABORT -> new Abort(in.readS32());
            case MessageType.ACKNOWLEDGEMENT -> new Acknowledgement(in.readU32());
            case MessageType.WINDOW_ACK_SIZE -> new WindowAckSize(in.readU32());
            // SRS ignores this message; a missing limit type is read as dynamic rather than failing.
            case MessageType.SET_PEER_BANDWIDTH -> new SetPeerBandwidth(in.readU32(),
                    in.hasRemaining() ? in.readU8() : SetPeerBandwidth.DYNAMIC);
            default -> throw new SrsException(ErrorCode.RTMP_MESSAGE_DECODE, "not a protocol control type: " + type);
        };
    }

    static UserControl decodeUserControl(Bytes payload) {
        ByteReader in = payload.reader().errorCode(ErrorCode.RTMP_MESSAGE_DECODE);
        int event = in.readU16();
        return switch (event) {
            case UserControl.STREAM_BEGIN -> new UserControl.StreamBegin(in.readS32());
            case UserControl.STREAM_EOF -> new UserControl.StreamEof(in.readS32());
            case UserControl.STREAM_DRY -> new UserControl.StreamDry(in.readS32());
            case UserControl.STREAM_IS_RECORDED -> new UserControl.StreamIsRecorded(in.readS32());
            case UserControl.SET_BUFFER_LENGTH -> {
                int streamId = in.readS32();
                yield new UserControl.SetBufferLength(streamId, in.readS32());
            }
            case UserControl.PING_REQUEST -> new UserControl.PingRequest(in.readU32());
            case UserControl.PING_RESPONSE -> new UserControl.PingResponse(in.readU32());
            default -> new UserControl.Unknown(event, payload.slice(2));
        };
    }

    static void encode(ProtocolControl control, ByteWriter out) {
        switch (control) {
            case SetChunkSize c -> out.writeS32(c.chunkSize());
            case Abort c -> out.writeS32(c.chunkStreamId());
            case Acknowledgement c -> out.writeS32((int) c.sequenceNumber());
            case WindowAckSize c -> out.writeS32((int) c.windowSize());
            case SetPeerBandwidth c -> out.writeS32((int) c.windowSize()).writeU8(c.limitType());
        }
    }

    static void encode(UserControl event, ByteWriter out) {
        out.writeU16(event.eventType());
        switch (event) {
            case UserControl.StreamBegin e -> out.writeS32(e.streamId());
            case UserControl.StreamEof e -> out.writeS32(e.streamId());
            case UserControl.StreamDry e -> out.writeS32(e.streamId());
            case UserControl.StreamIsRecorded e -> out.writeS32(e.streamId());
            case UserControl.SetBufferLength e -> out.writeS32(e.streamId()).writeS32(e.bufferMillis());
            case UserControl.PingRequest e -> out.writeS32((int) e.timestamp());
            case UserControl.PingResponse e -> out.writeS32((int) e.timestamp());
            case UserControl.Unknown e -> out.writeBytes(e.data());
        }
    }
}
