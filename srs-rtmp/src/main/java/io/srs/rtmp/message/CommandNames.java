package io.srs.rtmp.message;

/** Command and data message names as they appear on the wire. Constants only. */
public final class CommandNames {
    public static final String CONNECT = "connect";
    public static final String CREATE_STREAM = "createStream";
    public static final String DELETE_STREAM = "deleteStream";
    public static final String CLOSE_STREAM = "closeStream";
    public static final String PLAY = "play";
    public static final String PLAY2 = "play2";
    public static final String PAUSE = "pause";
    public static final String RECEIVE_AUDIO = "receiveAudio";
    public static final String RECEIVE_VIDEO = "receiveVideo";
    public static final String GET_STREAM_LENGTH = "getStreamLength";
    public static final String PUBLISH = "publish";
    public static final String RELEASE_STREAM = "releaseStream";
    public static final String FC_PUBLISH = "FCPublish";
    public static final String FC_UNPUBLISH = "FCUnpublish";
    public static final String ON_FC_PUBLISH = "onFCPublish";
    public static final String ON_FC_UNPUBLISH = "onFCUnpublish";
    public static final String ON_STATUS = "onStatus";
    public static final String ON_BW_DONE = "onBWDone";
    /** Haivision encoders send it before createStream (ossrs/srs#844). */
    public static final String CHECK_BW = "_checkbw";
    public static final String RESULT = "_result";
    public static final String ERROR = "_error";

    public static final String SET_DATA_FRAME = "@setDataFrame";
    public static final String ON_META_DATA = "onMetaData";
    public static final String SAMPLE_ACCESS = "|RtmpSampleAccess";

    private CommandNames() {
    }
}
