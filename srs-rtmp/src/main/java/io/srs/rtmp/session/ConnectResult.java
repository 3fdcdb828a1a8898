package io.srs.rtmp.session;

import io.srs.rtmp.amf0.Amf0Object;

/** How a server answered our {@code connect}. */
public sealed interface ConnectResult {
    /** NetConnection.Connect.Success; {@code information} is the reply's info object. */
    record Connected(Amf0Object information) implements ConnectResult {
    }

    /** An RTMP 302 (SRS origin cluster, edges): connect again to {@code tcUrl}. */
    record Redirected(String tcUrl, String url) implements ConnectResult {
    }

    /** Refused: _error or NetConnection.Connect.Rejected. */
    record Rejected(String code, String description) implements ConnectResult {
    }
}
