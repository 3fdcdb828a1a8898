package io.srs.app.e2e;

import io.srs.rtmp.chunk.ChunkLimits;
import io.srs.rtmp.session.ConnectResult;
import io.srs.rtmp.session.RtmpClientSession;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;

/** A hand-driven RTMP client for protocol-level tests. */
final class RawClient implements AutoCloseable {
    final Socket socket = new Socket();
    final RtmpClientSession session;

    RawClient(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        session = new RtmpClientSession(new BufferedInputStream(socket.getInputStream()), socket.getOutputStream(),
                ChunkLimits.DEFAULT);
    }

    /** Handshake and connect to {@code app}. */
    static RawClient connected(int port, String app) throws IOException {
        RawClient c = new RawClient(port);
        c.session.handshake(false);
        ConnectResult r = c.session.connect(app, "rtmp://127.0.0.1:" + port + "/" + app, "", "", Optional.empty());
        if (!(r instanceof ConnectResult.Connected)) {
            throw new IOException("connect: " + r);
        }
        return c;
    }

    /** True when the server closed the connection within {@code millis} (reads hit EOF or reset). */
    boolean closedByServer(int millis) throws IOException {
        socket.setSoTimeout(millis);
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        try {
            while (true) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
