package io.srs.rtmp.handshake;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;

/** Exact-size reads and flushed writes, with IO failures turned into SRS socket errors. */
final class HandshakeIo {
    private HandshakeIo() {
    }

    static void readFully(InputStream in, byte[] buf, int offset, int length, String what) {
        int n;
        try {
            n = in.readNBytes(buf, offset, length);
        } catch (SocketTimeoutException e) {
            throw new SrsException(ErrorCode.SOCKET_TIMEOUT, "read " + what, e);
        } catch (IOException e) {
            throw new SrsException(ErrorCode.SOCKET_READ, "read " + what, e);
        }
        if (n < length) {
            throw new SrsException(ErrorCode.SOCKET_READ,
                    "read " + what + ": peer closed after " + n + " of " + length + " bytes");
        }
    }

    static void write(OutputStream out, byte[] buf, String what) {
        try {
            out.write(buf);
            out.flush();
        } catch (SocketTimeoutException e) {
            throw new SrsException(ErrorCode.SOCKET_TIMEOUT, "write " + what, e);
        } catch (IOException e) {
            throw new SrsException(ErrorCode.SOCKET_WRITE, "write " + what, e);
        }
    }

    static int u32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    static void putU32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
