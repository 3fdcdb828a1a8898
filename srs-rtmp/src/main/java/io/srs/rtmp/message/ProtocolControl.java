package io.srs.rtmp.message;

/**
 * Protocol control messages (RTMP specification 5.4, message types 1, 2, 3, 5, 6), sent on
 * chunk stream 2 with message stream id 0. Values are kept as received; checking them (for
 * example the chunk size range) is the session's job. Thread-safe: immutable records.
 */
public sealed interface ProtocolControl extends RtmpMessage {

    /** The message type id. */
    int messageType();

    /** Type 1: the sender's new maximum chunk size. The high bit must be 0; not checked here. */
    record SetChunkSize(int chunkSize) implements ProtocolControl {
        @Override
        public int messageType() {
            return 1;
        }
    }

    /** Type 2: discard the partly received message on this chunk stream. */
    record Abort(int chunkStreamId) implements ProtocolControl {
        @Override
        public int messageType() {
            return 2;
        }
    }

    /** Type 3: bytes received so far (an unsigned 32-bit counter that wraps). */
    record Acknowledgement(long sequenceNumber) implements ProtocolControl {
        public Acknowledgement {
            sequenceNumber &= 0xffffffffL;
        }

        @Override
        public int messageType() {
            return 3;
        }
    }

    /** Type 5: how many bytes the peer may receive before it must acknowledge. */
    record WindowAckSize(long windowSize) implements ProtocolControl {
        public WindowAckSize {
            windowSize &= 0xffffffffL;
        }

        @Override
        public int messageType() {
            return 5;
        }
    }

    /** Type 6: output window limit with its limit type (0 hard, 1 soft, 2 dynamic). */
    record SetPeerBandwidth(long windowSize, int limitType) implements ProtocolControl {
        public static final int HARD = 0;
        public static final int SOFT = 1;
        public static final int DYNAMIC = 2;

        public SetPeerBandwidth {
            windowSize &= 0xffffffffL;
            limitType &= 0xff;
        }

        @Override
        public int messageType() {
            return 6;
        }
    }
}
