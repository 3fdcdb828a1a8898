package io.srs.app.rtmp;

import io.srs.app.cluster.Cluster;
import io.srs.app.cluster.EdgeRelay;
import io.srs.app.config.VhostConfig;
import io.srs.app.source.LiveSource;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.message.MessageCodec;
import io.srs.rtmp.message.RtmpCommand;
import io.srs.rtmp.session.ClientKind;
import io.srs.rtmp.session.RtmpServerSession;
import io.srs.rtmp.request.RtmpRequest;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One publish session on an RTMP connection: the FMLE/Flash/Haivision start, the stream claim,
 * then reading media into the live source until the encoder unpublishes, stops sending or
 * leaves. Port of {@code SrsRtmpConn::publishing} and {@code handle_publish_message}.
 *
 * <p>Runs on the connection's thread, which is the only one touching the source as publisher.
 */
final class Publisher {
    private static final System.Logger LOG = System.getLogger(Publisher.class.getName());

    private final RtmpConnection conn;
    private final RtmpServerSession session;
    private final RtmpRequest req;
    private final VhostConfig vhost;
    private final ClientKind kind;
    private final Kbps inKbps = new Kbps();
    private long messages;
    /** The receive timeout's watch once media flows; the connection's thread only. */
    private IdleReadWatchdog.Watch idle;

    Publisher(RtmpConnection conn, RtmpServerSession session, RtmpRequest req, VhostConfig vhost, ClientKind kind) {
        this.conn = conn;
        this.session = session;
        this.req = req;
        this.vhost = vhost;
        this.kind = kind;
    }

    /** Returns when the publish ended but the connection may go on (FCUnpublish, a command). */
    void run() throws IOException {
        int sid = RtmpConnection.STREAM_ID;
        switch (kind) {
            case FMLE_PUBLISH -> session.startFmlePublish(sid);
            case HAIVISION_PUBLISH -> session.startHaivisionPublish(sid);
            default -> {
                // Flash publish: nothing more to read before Publish.Start.
            }
        }
        String url = req.streamUrl();
        // on_publish before the claim: a refusal sends no Publish.Start and ends the connection.
        conn.service().events().onPublish(conn, req, kind);
        LiveSource source = conn.service().sources()
                .publish(url, RtmpService.settings(vhost), conn.id())
                .orElseThrow(() -> new SrsException(ErrorCode.SYSTEM_STREAM_BUSY, "stream " + url + " is busy"));
        Optional<EdgeRelay> relay = Optional.empty();
        try {
            Cluster cluster = conn.service().cluster();
            if (cluster != null) {
                // Edge vhost: relay to an origin; no origin, no publish.
                relay = cluster.edgePublish(vhost, req, source, conn::close);
            }
            session.startPublishing(sid);
            LOG.log(Level.INFO, "publish start, stream={0}, type={1}", url, kind.apiName());
            publishing(source);
        } finally {
            relay.ifPresent(EdgeRelay::close);
            source.unpublish();
            conn.service().events().onUnpublish(conn, req);
            LOG.log(Level.INFO, "publish end, stream={0}, msgs={1}", url, messages);
        }
    }

    /**
     * The first media must come within {@code firstpkt_timeout} (a socket read timeout); after
     * it, {@code normal_timeout} without a byte ends the publish, enforced by the service's
     * {@link IdleReadWatchdog} so that reads, once per message, arm no timer.
     */
    private void publishing(LiveSource source) throws IOException {
        Socket socket = conn.connection().socket();
        socket.setSoTimeout((int) vhost.publish().firstpktTimeout().toMillis());
        try {
            readMedia(source, socket);
        } catch (SrsException e) {
            if (idle != null && idle.fired()) {
                throw new SrsException(ErrorCode.SOCKET_TIMEOUT, "no bytes from the publisher for "
                        + idle.timeoutMillis() + " ms (publish.normal_timeout)", e);
            }
            throw e;
        } finally {
            if (idle != null) {
                conn.service().idleReads().unwatch(idle);
                idle = null;
            }
        }
    }

    private void readMedia(LiveSource source, Socket socket) throws IOException {
        boolean gotMedia = false;
        long kickoffNanos = vhost.publish().kickoffForIdle().toNanos();
        while (true) {
            MediaMessage msg = session.readMessage();
            if (msg.streamId() != RtmpConnection.STREAM_ID) {
                // Players all play on stream 1: normalise once here, not per player.
                msg = msg.withStreamId(RtmpConnection.STREAM_ID);
            }
            switch (msg.type()) {
                case MessageType.AUDIO -> source.onAudio(msg);
                case MessageType.VIDEO -> source.onVideo(msg);
                case MessageType.AGGREGATE -> {
                    for (MediaMessage m : Aggregates.split(msg)) {
                        m = m.withStreamId(RtmpConnection.STREAM_ID);
                        if (m.isAudio()) {
                            source.onAudio(m);
                        } else {
                            source.onVideo(m);
                        }
                    }
                }
                case MessageType.AMF0_DATA, MessageType.AMF3_DATA -> {
                    Metadata.Rewritten meta = Metadata.rewrite(msg, RtmpConnection.STREAM_ID);
                    if (meta != null) {
                        source.onMetadata(meta.message(), meta.bravoAtc());
                    }
                }
                case MessageType.AMF0_COMMAND, MessageType.AMF3_COMMAND -> {
                    if (endsPublish(msg)) {
                        return;
                    }
                }
                default -> {
                    // Control messages were handled by the protocol layer.
                }
            }
            if (msg.isAv() || msg.type() == MessageType.AGGREGATE) {
                messages++;
                if (!gotMedia) {
                    gotMedia = true;
                    idle = conn.service().idleReads().watch(session.protocol()::bytesRead,
                            vhost.publish().normalTimeout().toMillis(), conn::close);
                    socket.setSoTimeout(0);
                }
            }
            if (kickoffNanos > 0 && source.consumerCount() == 0
                    && System.nanoTime() - source.idleSinceNanos() > kickoffNanos) {
                throw new SrsException(ErrorCode.KICKOFF_FOR_IDLE, "no players for "
                        + TimeUnit.NANOSECONDS.toSeconds(kickoffNanos) + "s, kick off " + req.streamUrl());
            }
            if (conn.service().stage(true).tryPrint()) {
                LOG.log(Level.INFO, "<- CPB time={0}s, msgs={1}, ikbps={2}, players={3}, stream={4}",
                        (long) conn.aliveSeconds(), messages, inKbps.sample(conn.bytesReceived()),
                        source.consumerCount(), req.streamUrl());
            }
        }
    }

    /**
     * FMLE: FCUnpublish ends the publish with SRS's three replies, and the connection may
     * publish again. Flash: any command ends the publish (SRS sends nothing). Others: ignored.
     */
    private boolean endsPublish(MediaMessage msg) {
        var decoded = MessageCodec.decode(msg);
        if (kind == ClientKind.FLASH_PUBLISH) {
            return decoded instanceof RtmpCommand;
        }
        if (decoded instanceof RtmpCommand.FcUnpublish u) {
            session.fmleUnpublish(RtmpConnection.STREAM_ID, u.transactionId());
            return true;
        }
        if (decoded instanceof RtmpCommand.ReleaseStream || decoded instanceof RtmpCommand.FcPublish) {
            // SRS treats any FMLE start packet as the end of this publish.
            return true;
        }
        return false;
    }
}
