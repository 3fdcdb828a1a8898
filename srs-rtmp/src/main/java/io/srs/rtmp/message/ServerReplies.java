package io.srs.rtmp.message;

import io.srs.rtmp.amf0.Amf0EcmaArray;
import io.srs.rtmp.amf0.Amf0Null;
import io.srs.rtmp.amf0.Amf0Number;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.amf0.Amf0Undefined;

/**
 * The replies an SRS server sends during connect, publish and play, built exactly as
 * {@code SrsRtmpServer} in {@code srs_protocol_rtmp_stack.cpp} builds them (property order
 * included: AMF0 objects are ordered and some clients care). Stream-level replies are meant
 * for the client's message stream (SRS uses 1); connection-level ones for stream 0.
 *
 * <p>Thread-safe (stateless).
 */
public final class ServerReplies {
    private ServerReplies() {
    }

    /**
     * The connect {@code _result}. Like SRS, the transaction id is always 1 whatever the
     * client sent, and {@code data} is an ECMA array. (SRS writes that array's count as 0; we
     * write the real count, which readers treat as a hint either way.)
     *
     * @param objectEncoding the client's objectEncoding, echoed back
     */
    public static RtmpCommand.CallResult connectResult(double objectEncoding, ServerIdentity identity) {
        Amf0Object properties = Amf0Object.of()
                .put("fmsVer", StatusCodes.FMS_VER)
                .put("capabilities", 127.0)
                .put("mode", 1.0);
        Amf0EcmaArray data = Amf0EcmaArray.of()
                .put("version", StatusCodes.FMS_VERSION)
                .put("srs_sig", identity.sig())
                .put("srs_server", identity.server())
                .put("srs_license", identity.license())
                .put("srs_url", identity.url())
                .put("srs_version", identity.version())
                .put("srs_authors", identity.authors());
        if (identity.serverIp().isPresent()) {
            data = data.put("srs_server_ip", identity.serverIp().get());
        }
        data = data.put("srs_pid", (double) identity.pid()).put("srs_id", identity.id());
        Amf0Object information = Amf0Object.of()
                .put(StatusCodes.LEVEL, StatusCodes.LEVEL_STATUS)
                .put(StatusCodes.CODE, StatusCodes.CONNECT_SUCCESS)
                .put(StatusCodes.DESCRIPTION, "Connection succeeded")
                .put("objectEncoding", objectEncoding)
                .put("data", data);
        return RtmpCommand.CallResult.result(1, properties, information);
    }

    /** {@code onBWDone(0, null)}, sent right after the connect reply. */
    public static RtmpCommand.OnBwDone onBwDone() {
        return new RtmpCommand.OnBwDone(0);
    }

    /** {@code _result(tid, null, streamId)} answering createStream. */
    public static RtmpCommand.CallResult createStreamResult(double transactionId, int streamId) {
        return RtmpCommand.CallResult.result(transactionId, Amf0Null.INSTANCE, new Amf0Number(streamId));
    }

    /**
     * {@code _result(tid, null, undefined)} answering releaseStream, FCPublish and FCUnpublish
     * (SRS's {@code SrsFMLEStartResPacket}).
     */
    public static RtmpCommand.CallResult fmleStartResult(double transactionId) {
        return RtmpCommand.CallResult.result(transactionId, Amf0Null.INSTANCE, Amf0Undefined.INSTANCE);
    }

    /** {@code _result(tid, null, null)}: SRS's answer to any call it does not understand. */
    public static RtmpCommand.CallResult nullResult(double transactionId) {
        return RtmpCommand.CallResult.result(transactionId, Amf0Null.INSTANCE, Amf0Null.INSTANCE);
    }

    /** {@code onFCPublish} after publish from an FMLE/Haivision client: code and description, no level. */
    public static RtmpCommand.OnFcPublish onFcPublish() {
        return new RtmpCommand.OnFcPublish(0, Amf0Object.of()
                .put(StatusCodes.CODE, StatusCodes.PUBLISH_START)
                .put(StatusCodes.DESCRIPTION, "Started publishing stream."));
    }

    /** {@code onStatus NetStream.Publish.Start}, once the stream is acquired. */
    public static RtmpCommand.OnStatus publishStart() {
        return status(StatusCodes.PUBLISH_START, "Started publishing stream.");
    }

    /** {@code onFCUnpublish}; note SRS's code here is the Unpublish.Success one. */
    public static RtmpCommand.OnFcUnpublish onFcUnpublish() {
        return new RtmpCommand.OnFcUnpublish(0, Amf0Object.of()
                .put(StatusCodes.CODE, StatusCodes.UNPUBLISH_SUCCESS)
                .put(StatusCodes.DESCRIPTION, "Stop publishing stream."));
    }

    /** {@code onStatus NetStream.Unpublish.Success}, last of the FCUnpublish replies. */
    public static RtmpCommand.OnStatus unpublishSuccess() {
        return status(StatusCodes.UNPUBLISH_SUCCESS, "Stream is now unpublished");
    }

    /** {@code onStatus NetStream.Play.Reset}, after StreamBegin. */
    public static RtmpCommand.OnStatus playReset() {
        return new RtmpCommand.OnStatus(Amf0Object.of()
                .put(StatusCodes.LEVEL, StatusCodes.LEVEL_STATUS)
                .put(StatusCodes.CODE, StatusCodes.PLAY_RESET)
                .put(StatusCodes.DESCRIPTION, "Playing and resetting stream.")
                .put(StatusCodes.DETAILS, "stream")
                .put(StatusCodes.CLIENT_ID, StatusCodes.CLIENT_ID_VALUE));
    }

    /** {@code onStatus NetStream.Play.Start}. */
    public static RtmpCommand.OnStatus playStart() {
        return new RtmpCommand.OnStatus(Amf0Object.of()
                .put(StatusCodes.LEVEL, StatusCodes.LEVEL_STATUS)
                .put(StatusCodes.CODE, StatusCodes.PLAY_START)
                .put(StatusCodes.DESCRIPTION, "Started playing stream.")
                .put(StatusCodes.DETAILS, "stream")
                .put(StatusCodes.CLIENT_ID, StatusCodes.CLIENT_ID_VALUE));
    }

    /** {@code |RtmpSampleAccess(true, true)} (ossrs/srs#49). */
    public static RtmpData.SampleAccess sampleAccess() {
        return new RtmpData.SampleAccess(true, true);
    }

    /**
     * {@code onStatus(NetStream.Data.Start)} as a data message. SRS does not send it by default:
     * FFmpeg would then show an empty data stream.
     */
    public static RtmpData.OnStatusData dataStart() {
        return new RtmpData.OnStatusData(Amf0Object.of().put(StatusCodes.CODE, StatusCodes.DATA_START));
    }

    /** {@code onStatus NetStream.Pause.Notify}; SRS follows it with StreamEOF. */
    public static RtmpCommand.OnStatus pauseNotify() {
        return levelCodeDescription(StatusCodes.LEVEL_STATUS, StatusCodes.PAUSE_NOTIFY, "Paused stream.");
    }

    /** {@code onStatus NetStream.Unpause.Notify}; SRS follows it with StreamBegin. */
    public static RtmpCommand.OnStatus unpauseNotify() {
        return levelCodeDescription(StatusCodes.LEVEL_STATUS, StatusCodes.UNPAUSE_NOTIFY, "Unpaused stream.");
    }

    /**
     * The RTMP 302 redirect: {@code onStatus} with level error, code Connect.Rejected and
     * {@code ex{code 302, redirect <tcUrl>, redirect2 <full url>}} (ossrs/srs#1575).
     *
     * @param tcUrl the url without the stream, SRS's {@code srs_path_dirname(url)}
     * @param url   the full RTMP url
     */
    public static RtmpCommand.OnStatus redirect(String tcUrl, String url) {
        Amf0Object ex = Amf0Object.of()
                .put("code", 302.0)
                .put("redirect", tcUrl)
                .put("redirect2", url);
        return new RtmpCommand.OnStatus(Amf0Object.of()
                .put(StatusCodes.LEVEL, StatusCodes.LEVEL_ERROR)
                .put(StatusCodes.CODE, StatusCodes.CONNECT_REJECTED)
                .put(StatusCodes.DESCRIPTION, "RTMP 302 Redirect")
                .put("ex", ex));
    }

    /** {@code onStatus} rejecting the connection (level error, NetConnection.Connect.Rejected). */
    public static RtmpCommand.OnStatus connectRejected(String description) {
        return levelCodeDescription(StatusCodes.LEVEL_ERROR, StatusCodes.CONNECT_REJECTED, description);
    }

    /** Any error status: level error with the given code and description. */
    public static RtmpCommand.OnStatus error(String code, String description) {
        return levelCodeDescription(StatusCodes.LEVEL_ERROR, code, description);
    }

    private static RtmpCommand.OnStatus status(String code, String description) {
        return new RtmpCommand.OnStatus(Amf0Object.of()
                .put(StatusCodes.LEVEL, StatusCodes.LEVEL_STATUS)
                .put(StatusCodes.CODE, code)
                .put(StatusCodes.DESCRIPTION, description)
                .put(StatusCodes.CLIENT_ID, StatusCodes.CLIENT_ID_VALUE));
    }

    private static RtmpCommand.OnStatus levelCodeDescription(String level, String code, String description) {
        return new RtmpCommand.OnStatus(Amf0Object.of()
                .put(StatusCodes.LEVEL, level)
                .put(StatusCodes.CODE, code)
                .put(StatusCodes.DESCRIPTION, description));
    }
}
