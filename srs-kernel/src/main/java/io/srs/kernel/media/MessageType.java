package io.srs.kernel.media;

/** RTMP/FLV message type ids (RTMP spec 5.4 and 7.1; FLV tag types share 8, 9 and 18). */
public final class MessageType {
    public static final int SET_CHUNK_SIZE = 1;
    public static final int ABORT = 2;
    public static final int ACKNOWLEDGEMENT = 3;
    public static final int USER_CONTROL = 4;
    public static final int WINDOW_ACK_SIZE = 5;
    public static final int SET_PEER_BANDWIDTH = 6;
    public static final int EDGE_AND_ORIGIN = 7;
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int AMF3_DATA = 15;
    public static final int AMF3_SHARED_OBJECT = 16;
    public static final int AMF3_COMMAND = 17;
    public static final int AMF0_DATA = 18;
    public static final int AMF0_SHARED_OBJECT = 19;
    public static final int AMF0_COMMAND = 20;
    public static final int AGGREGATE = 22;

    private MessageType() {
    }

    public static boolean isAudio(int type) {
        return type == AUDIO;
    }

    public static boolean isVideo(int type) {
        return type == VIDEO;
    }

    public static boolean isData(int type) {
        return type == AMF0_DATA || type == AMF3_DATA;
    }

    public static boolean isCommand(int type) {
        return type == AMF0_COMMAND || type == AMF3_COMMAND;
    }
}
