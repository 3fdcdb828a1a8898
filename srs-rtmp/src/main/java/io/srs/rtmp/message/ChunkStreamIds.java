package io.srs.rtmp.message;

/**
 * The chunk stream ids SRS sends each kind of message on ({@code RTMP_CID_*} in
 * {@code srs_kernel_flv.hpp}). Clients do not depend on them, but keeping SRS's choice makes
 * captures comparable. Constants only.
 */
public final class ChunkStreamIds {
    /** Protocol control and user control messages. */
    public static final int PROTOCOL_CONTROL = 2;
    /** Connection-level commands: connect, createStream, releaseStream, FCPublish, _result, onBWDone. */
    public static final int OVER_CONNECTION = 3;
    /** Metadata (onMetaData) as SRS sends it. */
    public static final int OVER_CONNECTION2 = 4;
    /** Stream-level commands and data: play, publish, onStatus, |RtmpSampleAccess. */
    public static final int OVER_STREAM = 5;
    public static final int VIDEO = 6;
    public static final int AUDIO = 7;
    public static final int OVER_STREAM2 = 8;

    private ChunkStreamIds() {
    }
}
