package io.srs.rtmp.session;

/**
 * What a client turned out to be after {@code connect} (SRS's {@code SrsRtmpConnType}), by the
 * command sequence it sent: see /work reference §f.3.
 */
public enum ClientKind {
    /** createStream then play, or play directly. */
    PLAY("rtmp-play", false),
    /** releaseStream, FCPublish, createStream, publish: FFmpeg, OBS, FMLE. */
    FMLE_PUBLISH("fmle-publish", true),
    /** createStream then publish: Flash NetStream.publish and GStreamer. */
    FLASH_PUBLISH("flash-publish", true),
    /** createStream, FCPublish, publish: Haivision encoders. */
    HAIVISION_PUBLISH("haivision-publish", true),
    /** An HTTP-FLV/TS/AAC/MP3 viewer (SRS's {@code SrsFlvPlay}, shown for every HTTP live format). */
    FLV_PLAY("flv-play", false);

    private final String apiName;
    private final boolean publish;

    ClientKind(String apiName, boolean publish) {
        this.apiName = apiName;
        this.publish = publish;
    }

    /** The {@code type} the HTTP API shows for such a client. */
    public String apiName() {
        return apiName;
    }

    public boolean isPublish() {
        return publish;
    }
}
