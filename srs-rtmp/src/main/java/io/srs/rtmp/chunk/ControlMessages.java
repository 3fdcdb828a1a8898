package io.srs.rtmp.chunk;

import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;

/**
 * Builders of the protocol control messages the chunk layer itself needs (spec 5.4 and 6.2):
 * all travel on chunk stream {@link ChunkHeaders#CONTROL_CSID} with message stream id 0 and
 * timestamp 0, and carry big-endian integers. The typed codec in io.srs.rtmp.message decodes
 * and encodes the same bodies for the session layer; these exist so the chunk layer can answer
 * on its own (acknowledgements, pings) without depending on it.
 *
 * <p>Stateless and thread-safe.
 */
public final class ControlMessages {
    /** User control event types (spec 6.2). */
    public static final int EVENT_STREAM_BEGIN = 0;
    public static final int EVENT_SET_BUFFER_LENGTH = 3;
    public static final int EVENT_PING_REQUEST = 6;
    public static final int EVENT_PING_RESPONSE = 7;

    /** Set Peer Bandwidth limit types. */
    public static final int LIMIT_HARD = 0;
    public static final int LIMIT_SOFT = 1;
    public static final int LIMIT_DYNAMIC = 2;

    private ControlMessages() {
    }

    public static MediaMessage setChunkSize(int size) {
        return control(MessageType.SET_CHUNK_SIZE, u32(size));
    }

    public static MediaMessage abort(int csid) {
        return control(MessageType.ABORT, u32(csid));
    }

    /** @param sequenceNumber bytes received so far, unsigned 32-bit */
    public static MediaMessage acknowledgement(long sequenceNumber) {
        return control(MessageType.ACKNOWLEDGEMENT, u32((int) sequenceNumber));
    }

    public static MediaMessage windowAckSize(long window) {
        return control(MessageType.WINDOW_ACK_SIZE, u32((int) window));
    }

    /** @param limitType {@link #LIMIT_HARD}, {@link #LIMIT_SOFT} or {@link #LIMIT_DYNAMIC} */
    public static MediaMessage setPeerBandwidth(long window, int limitType) {
        byte[] b = new byte[5];
        putU32(b, 0, (int) window);
        b[4] = (byte) limitType;
        return control(MessageType.SET_PEER_BANDWIDTH, b);
    }

    /** A user control message with one 4-byte event data field (all events but Set Buffer Length). */
    public static MediaMessage userControl(int eventType, int eventData) {
        byte[] b = new byte[6];
        b[0] = (byte) (eventType >>> 8);
        b[1] = (byte) eventType;
        putU32(b, 2, eventData);
        return control(MessageType.USER_CONTROL, b);
    }

    private static MediaMessage control(int type, byte[] body) {
        return new MediaMessage(type, 0, 0, Bytes.wrap(body));
    }

    private static byte[] u32(int v) {
        byte[] b = new byte[4];
        putU32(b, 0, v);
        return b;
    }

    private static void putU32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
