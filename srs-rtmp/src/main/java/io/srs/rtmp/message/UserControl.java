package io.srs.rtmp.message;

import io.srs.core.bytes.Bytes;

import java.util.Objects;

/**
 * User control events (RTMP specification 6.2 and 7.1.7, message type 4): a 16-bit event type
 * then event data. Port of {@code SrsUserControlPacket}; events other than the ones below
 * (for example SWF verification, 0x1a) are kept raw in {@link Unknown}.
 *
 * <p>Thread-safe: immutable records.
 */
public sealed interface UserControl extends RtmpMessage {
    int STREAM_BEGIN = 0;
    int STREAM_EOF = 1;
    int STREAM_DRY = 2;
    int SET_BUFFER_LENGTH = 3;
    int STREAM_IS_RECORDED = 4;
    int PING_REQUEST = 6;
    int PING_RESPONSE = 7;

    int eventType();

    /** The server starts sending the stream's media (sent before onStatus Play.Reset). */
    record StreamBegin(int streamId) implements UserControl {
        @Override
        public int eventType() {
            return STREAM_BEGIN;
        }
    }

    /** Playback of the stream ended (SRS sends it on pause). */
    record StreamEof(int streamId) implements UserControl {
        @Override
        public int eventType() {
            return STREAM_EOF;
        }
    }

    record StreamDry(int streamId) implements UserControl {
        @Override
        public int eventType() {
            return STREAM_DRY;
        }
    }

    /** The client's buffer length for a stream. */
    record SetBufferLength(int streamId, int bufferMillis) implements UserControl {
        @Override
        public int eventType() {
            return SET_BUFFER_LENGTH;
        }
    }

    record StreamIsRecorded(int streamId) implements UserControl {
        @Override
        public int eventType() {
            return STREAM_IS_RECORDED;
        }
    }

    /** Answered with a {@link PingResponse} carrying the same timestamp. */
    record PingRequest(long timestamp) implements UserControl {
        public PingRequest {
            timestamp &= 0xffffffffL;
        }

        @Override
        public int eventType() {
            return PING_REQUEST;
        }
    }

    record PingResponse(long timestamp) implements UserControl {
        public PingResponse {
            timestamp &= 0xffffffffL;
        }

        @Override
        public int eventType() {
            return PING_RESPONSE;
        }
    }

    /** Any other event: its type and the bytes after the type, untouched. */
    record Unknown(int eventType, Bytes data) implements UserControl {
        public Unknown {
            Objects.requireNonNull(data, "data");
            eventType &= 0xffff;
        }
    }
}
