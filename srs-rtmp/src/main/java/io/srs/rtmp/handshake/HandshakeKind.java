package io.srs.rtmp.handshake;

/** Which RTMP handshake a connection ended up using. */
public enum HandshakeKind {
    /** The Flash Player 9+ handshake whose C1/S1 carry an HMAC-SHA256 digest. */
    COMPLEX,
    /** The plain handshake of the RTMP specification: random bytes, echoed. */
    SIMPLE
}
