package io.srs.rtmp.message;

/**
 * Keys and values of NetConnection/NetStream status objects as SRS sends them
 * ({@code srs_protocol_rtmp_stack.hpp}). Constants only.
 */
public final class StatusCodes {
    public static final String LEVEL = "level";
    public static final String CODE = "code";
    public static final String DESCRIPTION = "description";
    public static final String DETAILS = "details";
    public static final String CLIENT_ID = "clientid";

    public static final String LEVEL_STATUS = "status";
    public static final String LEVEL_ERROR = "error";

    public static final String CONNECT_SUCCESS = "NetConnection.Connect.Success";
    public static final String CONNECT_REJECTED = "NetConnection.Connect.Rejected";
    public static final String PLAY_RESET = "NetStream.Play.Reset";
    public static final String PLAY_START = "NetStream.Play.Start";
    public static final String PAUSE_NOTIFY = "NetStream.Pause.Notify";
    public static final String UNPAUSE_NOTIFY = "NetStream.Unpause.Notify";
    public static final String PUBLISH_START = "NetStream.Publish.Start";
    public static final String DATA_START = "NetStream.Data.Start";
    public static final String UNPUBLISH_SUCCESS = "NetStream.Unpublish.Success";

    /** The fixed client id SRS puts in stream status objects. */
    public static final String CLIENT_ID_VALUE = "ASAICiss";
    /** The Flash Media Server version SRS claims. */
    public static final String FMS_VERSION = "3,5,3,888";
    public static final String FMS_VER = "FMS/" + FMS_VERSION;

    private StatusCodes() {
    }
}
