package io.srs.rtmp.message;

import io.srs.core.SrsException;
import io.srs.core.bytes.ByteWriter;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;

/**
 * Converts between {@link MediaMessage} (what the chunk layer reads and writes) and typed
 * {@link RtmpMessage}s. Port of {@code SrsProtocol::do_decode_message} and the
 * {@code encode_packet}/{@code get_prefer_cid} methods of SRS's packet classes.
 *
 * <p>Decoding: commands (20; 17 after skipping its first byte) and data messages (18, 15) by
 * name, protocol control (1, 2, 3, 5, 6) and user control (4) by type; everything else, and
 * the 4-byte FFmpeg timecode data message SRS ignores (ossrs/srs#3803), comes back as a
 * {@link RawMessage}. Malformed payloads throw {@link SrsException}: RTMP_AMF0_DECODE or
 * RTMP_AMF0_INVALID for AMF0 content, RTMP_MESSAGE_DECODE for control messages.
 *
 * <p>Encoding always produces AMF0 types (20 and 18). Payloads are written once into a
 * {@link ByteWriter} and handed over as {@link Bytes} without another copy.
 *
 * <p>Thread-safe (stateless).
 */
public final class MessageCodec {
    private MessageCodec() {
    }

    public static RtmpMessage decode(MediaMessage message) {
        int type = message.type();
        Bytes payload = message.payload();
        try {
            return switch (type) {
                case MessageType.AMF0_COMMAND, MessageType.AMF3_COMMAND, MessageType.AMF0_DATA,
                     MessageType.AMF3_DATA -> {
                    if (payload.length() == 4 && payload.get(0) == 0) {
                        yield new RawMessage(message); // FFmpeg timecode, ossrs/srs#3803
                    }
                    yield MessageType.isCommand(type)
                            ? CommandCodec.decode(payload, type == MessageType.AMF3_COMMAND)
                            : DataCodec.decode(payload);
                }
                case MessageType.SET_CHUNK_SIZE, MessageType.ABORT, MessageType.ACKNOWLEDGEMENT,
                     MessageType.WINDOW_ACK_SIZE, MessageType.SET_PEER_BANDWIDTH ->
                        ControlCodec.decodeProtocolControl(type, payload);
                case MessageType.USER_CONTROL -> ControlCodec.decodeUserControl(payload);
                default -> new RawMessage(message);
            };
        } catch (SrsException e) {
            throw SrsException.wrap(e, "decode message type=" + type + ", size=" + payload.length());
        }
    }

    /**
     * The encoded message on message stream {@code streamId}, with timestamp 0 (a
     * {@link RawMessage} keeps its own timestamp).
     */
    public static MediaMessage encode(RtmpMessage message, int streamId) {
        if (message instanceof RawMessage raw) {
            return raw.message().withStreamId(streamId);
        }
        return encode(message, streamId, 0);
    }

    public static MediaMessage encode(RtmpMessage message, int streamId, long timestamp) {
        if (message instanceof RawMessage raw) {
            return raw.message().withStreamId(streamId).withTimestamp(timestamp);
        }
        return new MediaMessage(messageType(message), timestamp, streamId, payload(message));
    }

    /** The encoded message together with the chunk stream SRS would send it on. */
    public static Outgoing outgoing(RtmpMessage message, int streamId) {
        return new Outgoing(encode(message, streamId), chunkStreamIdFor(message));
    }

    /** Just the payload bytes of {@code message}. */
    public static Bytes payload(RtmpMessage message) {
        ByteWriter out = new ByteWriter(128);
        switch (message) {
            case RtmpCommand c -> CommandCodec.encode(c, out);
            case RtmpData d -> DataCodec.encode(d, out);
            case ProtocolControl c -> ControlCodec.encode(c, out);
            case UserControl u -> ControlCodec.encode(u, out);
            case RawMessage r -> {
                return r.message().payload();
            }
        }
        return out.toBytes();
    }

    /** The RTMP message type {@link #encode} uses. */
    public static int messageType(RtmpMessage message) {
        return switch (message) {
            case RtmpCommand c -> MessageType.AMF0_COMMAND;
            case RtmpData d -> MessageType.AMF0_DATA;
            case ProtocolControl c -> c.messageType();
            case UserControl u -> MessageType.USER_CONTROL;
            case RawMessage r -> r.message().type();
        };
    }

    /**
     * The chunk stream SRS sends {@code message} on (its packets' {@code get_prefer_cid}):
     * control 2, connection-level commands 3, metadata 4, stream-level commands and data 5,
     * video 6, audio 7.
     */
    public static int chunkStreamIdFor(RtmpMessage message) {
        return switch (message) {
            case ProtocolControl c -> ChunkStreamIds.PROTOCOL_CONTROL;
            case UserControl u -> ChunkStreamIds.PROTOCOL_CONTROL;
            case RtmpCommand c -> switch (c) {
                case RtmpCommand.Publish p -> ChunkStreamIds.OVER_STREAM;
                case RtmpCommand.Play p -> ChunkStreamIds.OVER_STREAM;
                case RtmpCommand.Play2 p -> ChunkStreamIds.OVER_STREAM;
                case RtmpCommand.Pause p -> ChunkStreamIds.OVER_STREAM;
                case RtmpCommand.ReceiveAudio p -> ChunkStreamIds.OVER_STREAM;
                case RtmpCommand.ReceiveVideo p -> ChunkStreamIds.OVER_STREAM;
                case RtmpCommand.CloseStream p -> ChunkStreamIds.OVER_STREAM;
                case RtmpCommand.GetStreamLength p -> ChunkStreamIds.OVER_STREAM;
                case RtmpCommand.OnStatus p -> ChunkStreamIds.OVER_STREAM;
                case RtmpCommand.OnFcPublish p -> ChunkStreamIds.OVER_STREAM;
                case RtmpCommand.OnFcUnpublish p -> ChunkStreamIds.OVER_STREAM;
                default -> ChunkStreamIds.OVER_CONNECTION;
            };
            case RtmpData d -> d instanceof RtmpData.OnMetaData
                    ? ChunkStreamIds.OVER_CONNECTION2 : ChunkStreamIds.OVER_STREAM;
            case RawMessage r -> switch (r.message().type()) {
                case MessageType.AUDIO -> ChunkStreamIds.AUDIO;
                case MessageType.VIDEO -> ChunkStreamIds.VIDEO;
                case MessageType.AMF0_DATA, MessageType.AMF3_DATA -> ChunkStreamIds.OVER_CONNECTION2;
                default -> ChunkStreamIds.OVER_CONNECTION;
            };
        };
    }
}
