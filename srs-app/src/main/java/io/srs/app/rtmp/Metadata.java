package io.srs.app.rtmp;

import io.srs.core.Version;
import io.srs.kernel.media.MediaMessage;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.message.MessageCodec;
import io.srs.rtmp.message.RtmpData;

/**
 * Turns a publisher's {@code @setDataFrame onMetaData} into what players get, as
 * {@code SrsMetaCache::update_data} does: plain onMetaData, no {@code duration} (ExoPlayer
 * treats a live stream with a duration as VOD), plus {@code server} and {@code server_version}.
 */
public final class Metadata {
    /**
     * @param message  the rewritten message, ready to cache and fan out
     * @param bravoAtc whether the encoder asked for absolute time (atc_auto)
     */
    public record Rewritten(MediaMessage message, boolean bravoAtc) {
    }

    private Metadata() {
    }

    /** The rewritten metadata, or null when the data message is not metadata. */
    public static Rewritten rewrite(MediaMessage msg, int streamId) {
        if (!(MessageCodec.decode(msg) instanceof RtmpData.OnMetaData meta)) {
            return null;
        }
        RtmpData.OnMetaData plain = meta.forPlayers();
        Amf0Object obj = plain.toObject()
                .remove("duration")
                .put("server", Version.SIGNATURE)
                .put("server_version", Version.VERSION);
        boolean atc = "true".equals(obj.getString("bravo_atc", ""));
        MediaMessage out = MessageCodec.encode(plain.withMetadata(obj), streamId, msg.timestamp());
        return new Rewritten(out, atc);
    }
}
