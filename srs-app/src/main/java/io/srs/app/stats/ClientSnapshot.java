package io.srs.app.stats;

import io.srs.rtmp.request.RtmpRequest;

/**
 * A client as the hooks name it: its id, address and request. Immutable.
 *
 * @param id      the connection's context id
 * @param ip      the peer's IP
 * @param request the resolved request
 */
public record ClientSnapshot(String id, String ip, RtmpRequest request) {
}
