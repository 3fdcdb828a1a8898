package io.srs.app.rtmp;

import io.srs.app.config.SrsConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.server.SocketConnection;
import io.srs.app.stats.ClientHandle;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.rtmp.message.ServerIdentity;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.session.ClientKind;
import io.srs.rtmp.session.ConnectInfo;
import io.srs.rtmp.session.ConnectReply;
import io.srs.rtmp.session.Identification;
import io.srs.rtmp.session.RtmpServerSession;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;

/**
 * One RTMP client: handshake, connect, then any number of play/publish sessions on the same
 * connection (republish after FCUnpublish, play again after closeStream). Port of
 * {@code SrsRtmpConn} (srs_app_rtmp_conn.cpp); the publish and play loops live in
 * {@link Publisher} and {@link Player}.
 *
 * <p>Runs on the connection's own virtual thread; the getters for the API are thread-safe.
 */
public final class RtmpConnection implements ClientHandle {
    private static final System.Logger LOG = System.getLogger(RtmpConnection.class.getName());
    /** SRS announces this Set Peer Bandwidth window. */
    static final long PEER_BANDWIDTH = 2_500_000;
    /** The message stream id SRS gives the client's createStream. */
    static final int STREAM_ID = 1;

    private final RtmpService service;
    private final SocketConnection connection;
    private final long startNanos = System.nanoTime();
    private RtmpServerSession session;

    private volatile RtmpRequest request;
    private volatile ClientKind kind;

    RtmpConnection(RtmpService service, SocketConnection connection) {
        this.service = service;
        this.connection = connection;
    }

    void serve() throws IOException, InterruptedException {
        Socket socket = connection.socket();
        // We batch writes ourselves (one flush per reply sequence or media batch), so Nagle only
        // adds delayed-ACK stalls to the connect dialogue and the first frame.
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) RtmpService.RTMP_TIMEOUT_MILLIS);
        // Accepted sockets have a channel (TcpListener): media goes out with gathering writes.
        // Never for RTMPS: a layered SSLSocket reports the raw socket's channel, and writing
        // there would bypass TLS.
        session = socket.getChannel() != null && !(socket instanceof javax.net.ssl.SSLSocket)
                ? new RtmpServerSession(socket.getInputStream(), socket.getOutputStream(), socket.getChannel(),
                        service.chunkLimits(), service.payloadMemory())
                : new RtmpServerSession(socket.getInputStream(), socket.getOutputStream(), service.chunkLimits());
        session.protocol().useMemory(connection.memory());
        session.protocol().useMessageTimeout(service.config().current().rtmpLimits().messageTimeout().toMillis());
        session.handshake(service.handshake());

        ConnectInfo connect = session.readConnect();
        RtmpRequest req = connect.request();
        VhostConfig vhost = resolveVhost(req.vhost());
        req = req.withVhost(vhost.name());
        request = req;
        LOG.log(Level.INFO, "connect app, ip={0}, tcUrl={1}, pageUrl={2}, swfUrl={3}, vhost={4}, app={5}, args={6}",
                connection.ip(), req.tcUrl(), req.pageUrl(), req.swfUrl(), req.vhost(), req.app(),
                connect.command().arguments().map(Object::toString).orElse("null"));
        if (vhost.refer().enabled()) {
            AccessControl.checkRefer(req.pageUrl(), vhost.refer().all());
        }
        if (service.cluster() != null) {
            service.cluster().tokenTraverse(vhost, req, connect.command().arguments());
        }
        String serverIp = ((InetSocketAddress) socket.getLocalSocketAddress()).getAddress().getHostAddress();
        session.acceptConnect(connect, new ConnectReply(vhost.outAckSize(), PEER_BANDWIDTH, vhost.chunkSize(),
                ServerIdentity.of(Optional.of(serverIp), ProcessHandle.current().pid(), connection.id())));

        while (true) {
            socket.setSoTimeout((int) RtmpService.RTMP_TIMEOUT_MILLIS);
            Identification id = session.identify(STREAM_ID);
            req = connect.request().withStream(id.streamName(), id.durationMillis());
            checkNames(req);
            // The stream name may carry ?vhost=, so resolve again (SRS does the same).
            vhost = resolveVhost(req.vhost());
            req = req.withVhost(vhost.name());
            request = req;
            kind = id.kind();
            LOG.log(Level.INFO, "client identified, type={0}, vhost={1}, app={2}, stream={3}, param={4}, duration={5}",
                    id.kind().apiName(), req.vhost(), req.app(), req.stream(), req.param(), req.durationMillis());
            AccessControl.checkSecurity(vhost.security(), id.kind().isPublish(), connection.ip());
            AccessControl.checkRefer(vhost.refer(), req.pageUrl(), id.kind().isPublish());
            // SRS's on_connect: once per play/publish, before its status replies; a refusal ends the connection.
            service.events().onConnect(this, req);
            // Past every check: from here the client is no stranger (see rtmp_limits).
            connection.trust();
            if (id.kind().isPublish()) {
                new Publisher(this, session, req, vhost, id.kind()).run();
            } else {
                new Player(this, session, req, vhost).run();
            }
            kind = null;
        }
    }

    /** Longest app or stream name we accept; SRS has no limit, but such names only do harm. */
    static final int MAX_NAME_LENGTH = 1024;

    /**
     * Names end up in file paths (HLS, DVR), URLs and logs: refuse absurd ones here, once,
     * with a clear error, instead of in every output.
     */
    static void checkNames(RtmpRequest req) {
        for (String name : new String[]{req.app(), req.stream()}) {
            if (name.length() > MAX_NAME_LENGTH) {
                throw new SrsException(ErrorCode.RTMP_REQ_TCURL, "name of " + name.length()
                        + " characters is too long (max " + MAX_NAME_LENGTH + ")");
            }
            for (int i = 0; i < name.length(); i++) {
                if (Character.isISOControl(name.charAt(i))) {
                    throw new SrsException(ErrorCode.RTMP_REQ_TCURL, "control character in name " + name.strip());
                }
            }
        }
    }

    private VhostConfig resolveVhost(String name) {
        SrsConfig cfg = service.config().current();
        VhostConfig v = cfg.vhost(name);
        if (v == null) {
            throw new SrsException(ErrorCode.RTMP_VHOST_NOT_FOUND, "no vhost " + name);
        }
        if (!v.enabled()) {
            throw new SrsException(ErrorCode.RTMP_VHOST_NOT_FOUND, "vhost " + v.name() + " is disabled");
        }
        return v;
    }

    RtmpService service() {
        return service;
    }

    SocketConnection connection() {
        return connection;
    }

    @Override
    public String id() {
        return connection.id();
    }

    @Override
    public String ip() {
        return connection.ip();
    }

    /** The current request (vhost, app, stream...), null before connect. */
    public RtmpRequest request() {
        return request;
    }

    /** What the client is doing now, null between sessions. */
    public ClientKind kind() {
        return kind;
    }

    public double aliveSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public long bytesReceived() {
        RtmpServerSession s = session;
        return s == null ? 0 : s.protocol().bytesRead();
    }

    @Override
    public long bytesSent() {
        RtmpServerSession s = session;
        return s == null ? 0 : s.protocol().bytesWritten();
    }

    /** Kicks the client (API DELETE, shutdown). */
    @Override
    public void close() {
        connection.close();
    }
}
