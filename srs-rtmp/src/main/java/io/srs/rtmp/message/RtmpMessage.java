package io.srs.rtmp.message;

/**
 * An RTMP message decoded into a typed value: a command (message types 20 and 17), a data
 * message (18 and 15), a protocol control message (1, 2, 3, 5, 6), a user control event (4),
 * or a {@link RawMessage} that this layer does not interpret (audio, video, aggregate, shared
 * objects). Convert with {@link MessageCodec}.
 *
 * <p>Thread-safe: every implementation is immutable.
 */
public sealed interface RtmpMessage permits RtmpCommand, RtmpData, ProtocolControl, UserControl, RawMessage {
}
