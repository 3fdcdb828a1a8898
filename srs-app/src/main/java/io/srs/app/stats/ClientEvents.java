package io.srs.app.stats;

import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.session.ClientKind;

/**
 * The moments of a client's life that statistics and HTTP hooks care about, called by the RTMP
 * code at SRS's points (srs_app_rtmp_conn.cpp). The {@code request} is always the resolved one
 * (vhost is the configured vhost name).
 *
 * <p>All methods are called on the client's own connection thread. The ones that may refuse
 * ({@link #onConnect}, {@link #onPublish}, {@link #onPlay}) block that thread only and throw
 * {@link io.srs.core.SrsException} to refuse; the caller then closes the connection. The others
 * never throw and never delay the caller's media: slow work runs elsewhere.
 */
public interface ClientEvents {
    /** Nothing recorded, nothing called: for servers built without statistics. */
    ClientEvents NONE = new ClientEvents() {
    };

    /**
     * The client was identified (play/publish command read) and its vhost resolved; called
     * before the play/publish status replies, once per play/publish session.
     */
    default void onConnect(ClientHandle client, RtmpRequest request) {
    }

    /** Before the stream is claimed; a refusal means no Publish.Start and the connection ends. */
    default void onPublish(ClientHandle client, RtmpRequest request, ClientKind kind) {
    }

    /** The publish that {@link #onPublish} accepted (and that claimed the stream) ended. */
    default void onUnpublish(ClientHandle client, RtmpRequest request) {
    }

    /** After the play replies, before any media; a refusal ends the connection. */
    default void onPlay(ClientHandle client, RtmpRequest request) {
    }

    /** {@link #onPlay} for a viewer of another kind than an RTMP player (HTTP live streams). */
    default void onPlay(ClientHandle client, RtmpRequest request, ClientKind kind) {
        onPlay(client, request);
    }

    /** The play that {@link #onPlay} accepted ended. */
    default void onStop(ClientHandle client, RtmpRequest request) {
    }

    /**
     * The connection ended.
     *
     * @param request the last request, or null when the client left before {@code connect}
     * @param error   why it ended, or null for a clean end
     */
    default void onClose(ClientHandle client, RtmpRequest request, Throwable error) {
    }
}
