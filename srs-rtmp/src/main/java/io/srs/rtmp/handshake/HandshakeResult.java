package io.srs.rtmp.handshake;

import java.net.InetAddress;
import java.util.Optional;

/**
 * What a finished handshake learned about the peer. Immutable.
 *
 * @param kind         complex (digest) or simple handshake
 * @param schema       the C1 layout: for the server the client's layout, for the client the
 *                     layout it sent; empty for a simple handshake
 * @param peerTime     the peer's 4-byte time field (C1 on the server, S1 on the client), unsigned
 * @param peerVersion  the peer's 4-byte version field, big-endian (e.g. {@code 0x0a002d02} is
 *                     Flash 10.0.45.2); zero for plain clients such as FFmpeg
 * @param peerVerified whether the peer's second packet checked out: on the server, C2 carries
 *                     the digest answering S1 (complex) or echoes S1 (simple); on the client,
 *                     S1 and S2 carry valid FMS digests (complex) or S2 echoes C1 (simple).
 *                     Informational only: like SRS, neither side rejects on it
 * @param proxyRealIp  the client address announced by an RTMP proxy header (C0 = 0xF3)
 */
public record HandshakeResult(HandshakeKind kind, Optional<Schema> schema, long peerTime, int peerVersion,
                              boolean peerVerified, Optional<InetAddress> proxyRealIp) {

    /** The version as Flash prints it, e.g. {@code "10.0.45.2"}. */
    public String peerVersionString() {
        return (peerVersion >>> 24) + "." + ((peerVersion >>> 16) & 0xff) + "."
                + ((peerVersion >>> 8) & 0xff) + "." + (peerVersion & 0xff);
    }
}
