package io.srs.rtmp.session;

import io.srs.rtmp.message.ServerIdentity;

/**
 * What the server announces when it accepts a {@code connect}, in SRS's order: Window
 * Acknowledgement Size, Set Peer Bandwidth (dynamic), Set Chunk Size, the {@code _result},
 * onBWDone.
 *
 * @param outAckSize    vhost out_ack_size, the window we ask the client to acknowledge
 * @param peerBandwidth the Set Peer Bandwidth window (SRS sends 2,500,000)
 * @param chunkSize     our outgoing chunk size (vhost chunk_size)
 */
public record ConnectReply(long outAckSize, long peerBandwidth, int chunkSize, ServerIdentity identity) {
}
