package io.srs.rtmp.session;

import io.srs.rtmp.message.RtmpCommand;
import io.srs.rtmp.request.RtmpRequest;

/** The client's connect command and what its tcUrl says (vhost, app, param...). */
public record ConnectInfo(RtmpCommand.Connect command, RtmpRequest request) {
}
