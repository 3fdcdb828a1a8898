package io.srs.rtmp.session;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.kernel.media.MediaBatch;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.chunk.ChunkLimits;
import io.srs.rtmp.chunk.ChunkWriter;
import io.srs.rtmp.chunk.DirectSlabs;
import io.srs.rtmp.chunk.RtmpProtocol;
import io.srs.rtmp.handshake.HandshakeResult;
import io.srs.rtmp.handshake.ServerHandshake;
import io.srs.rtmp.message.ChunkStreamIds;
import io.srs.rtmp.message.MessageCodec;
import io.srs.rtmp.message.ProtocolControl;
import io.srs.rtmp.message.RtmpCommand;
import io.srs.rtmp.message.RtmpMessage;
import io.srs.rtmp.message.ServerReplies;
import io.srs.rtmp.message.UserControl;
import io.srs.rtmp.request.RtmpRequest;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.GatheringByteChannel;
import java.util.List;

/**
 * The server side of one RTMP connection's command dialogue. Port of {@code SrsRtmpServer}
 * (srs_protocol_rtmp_stack.cpp): handshake, connect, identify the client, then the play or
 * publish replies with SRS's exact onStatus objects. Media flows through {@link #protocol()}.
 *
 * <p>Threading: the connection's thread drives the dialogue; once playing, one thread reads
 * control messages ({@link #readMessage}) while another writes media; see {@link RtmpProtocol}.
 */
public final class RtmpServerSession {
    /** SRS nests createStream at most this deep while identifying (SRS #1144). */
    static final int CREATE_STREAM_DEPTH = 3;

    private final InputStream in;
    private final OutputStream out;
    private final RtmpProtocol protocol;

    public RtmpServerSession(InputStream in, OutputStream out, ChunkLimits limits) {
        this.in = in;
        this.out = out;
        this.protocol = new RtmpProtocol(in, out, limits, ChunkWriter.DEFAULT_BUFFER_SIZE);
    }

    /**
     * A session whose chunks go out with gathering writes to {@code channel}, the socket under
     * {@code in} and {@code out} (which only the handshake uses).
     */
    public RtmpServerSession(InputStream in, OutputStream out, GatheringByteChannel channel, ChunkLimits limits) {
        this(in, out, channel, limits, null);
    }

    /** Like the above; shared chunked payloads take their memory from {@code memory} (the server's). */
    public RtmpServerSession(InputStream in, OutputStream out, GatheringByteChannel channel, ChunkLimits limits,
                             DirectSlabs memory) {
        this.in = in;
        this.out = out;
        this.protocol = new RtmpProtocol(in, channel, limits, ChunkWriter.DEFAULT_BUFFER_SIZE, memory);
    }

    public RtmpProtocol protocol() {
        return protocol;
    }

    public HandshakeResult handshake(ServerHandshake handshake) {
        return handshake.perform(in, out);
    }

    /**
     * Waits for {@code connect} (other messages are skipped, like SRS's expect_message) and
     * parses its tcUrl. A connect without tcUrl is {@link ErrorCode#RTMP_REQ_CONNECT}.
     */
    public ConnectInfo readConnect() {
        RtmpCommand.Connect connect = expect(RtmpCommand.Connect.class);
        String tcUrl = connect.tcUrl().orElseThrow(
                () -> new SrsException(ErrorCode.RTMP_REQ_CONNECT, "connect without tcUrl"));
        RtmpRequest request = RtmpRequest.ofConnect(tcUrl, connect.pageUrl(), connect.swfUrl(),
                connect.objectEncoding());
        return new ConnectInfo(connect, request);
    }

    /** Accepts the connect with SRS's reply sequence (§f.2), in one flush. */
    public void acceptConnect(ConnectInfo connect, ConnectReply reply) {
        send(new ProtocolControl.WindowAckSize(reply.outAckSize()), 0);
        send(new ProtocolControl.SetPeerBandwidth(reply.peerBandwidth(), ProtocolControl.SetPeerBandwidth.DYNAMIC), 0);
        // Before any big reply: OBS needs the chunk size first (SRS #454).
        send(new ProtocolControl.SetChunkSize(reply.chunkSize()), 0);
        send(ServerReplies.connectResult(connect.command().objectEncoding(), reply.identity()), 0);
        send(ServerReplies.onBwDone(), 0);
        protocol.flush();
    }

    /** NetConnection.Connect.Rejected with a description, then the caller closes. */
    public void rejectConnect(String description) {
        send(ServerReplies.connectRejected(description), 0);
        protocol.flush();
    }

    /** An RTMP 302: tells the client to go to {@code tcUrl} / {@code url}. */
    public void redirect(String tcUrl, String url) {
        send(ServerReplies.redirect(tcUrl, url), 0);
        protocol.flush();
    }

    /**
     * Reads commands until the client shows what it is (§f.3), answering releaseStream,
     * createStream and unknown calls as SRS does. Acks, chunk sizes, user control and non-command
     * messages are skipped.
     */
    public Identification identify(int streamId) {
        while (true) {
            RtmpCommand cmd = nextCommand();
            switch (cmd) {
                case RtmpCommand.CreateStream c -> {
                    return identifyAfterCreateStream(c, streamId, CREATE_STREAM_DEPTH);
                }
                case RtmpCommand.ReleaseStream r -> {
                    sendAndFlush(ServerReplies.fmleStartResult(r.transactionId()), 0);
                    return new Identification(ClientKind.FMLE_PUBLISH, r.streamName(), -1);
                }
                case RtmpCommand.FcPublish f -> {
                    // Some encoders skip releaseStream; FCPublish first is still FMLE.
                    sendAndFlush(ServerReplies.fmleStartResult(f.transactionId()), 0);
                    return new Identification(ClientKind.FMLE_PUBLISH, f.streamName(), -1);
                }
                case RtmpCommand.Play p -> {
                    return play(p);
                }
                case RtmpCommand.Call c -> answerCall(c.transactionId());
                case RtmpCommand.CheckBw c -> answerCall(c.transactionId());
                default -> {
                    // Other commands before identification are ignored, like SRS.
                }
            }
        }
    }

    private Identification identifyAfterCreateStream(RtmpCommand.CreateStream req, int streamId, int depth) {
        if (depth <= 0) {
            throw new SrsException(ErrorCode.RTMP_CREATE_STREAM_DEPTH, "createStream nested too deep");
        }
        sendAndFlush(ServerReplies.createStreamResult(req.transactionId(), streamId), 0);
        while (true) {
            RtmpCommand cmd = nextCommand();
            switch (cmd) {
                case RtmpCommand.Play p -> {
                    return play(p);
                }
                case RtmpCommand.Publish p -> {
                    return new Identification(ClientKind.FLASH_PUBLISH, p.streamName(), -1);
                }
                case RtmpCommand.CreateStream c -> {
                    return identifyAfterCreateStream(c, streamId, depth - 1);
                }
                case RtmpCommand.FcPublish f -> {
                    sendAndFlush(ServerReplies.fmleStartResult(f.transactionId()), 0);
                    return new Identification(ClientKind.HAIVISION_PUBLISH, f.streamName(), -1);
                }
                default -> {
                    // Ignored while identifying, like SRS.
                }
            }
        }
    }

    private static Identification play(RtmpCommand.Play p) {
        long duration = p.duration() < 0 ? -1 : (long) p.duration();
        return new Identification(ClientKind.PLAY, p.streamName(), duration);
    }

    private void answerCall(double tid) {
        sendAndFlush(ServerReplies.nullResult(tid), 0);
    }

    /** StreamBegin, Play.Reset, Play.Start, |RtmpSampleAccess (§f.5), in one flush. */
    public void startPlay(int streamId) {
        send(new UserControl.StreamBegin(streamId), 0);
        send(ServerReplies.playReset(), streamId);
        send(ServerReplies.playStart(), streamId);
        send(ServerReplies.sampleAccess(), streamId);
        protocol.flush();
    }

    /** Pause.Notify + StreamEOF, or Unpause.Notify + StreamBegin. */
    public void pauseNotify(int streamId, boolean pause) {
        if (pause) {
            send(ServerReplies.pauseNotify(), streamId);
            send(new UserControl.StreamEof(streamId), 0);
        } else {
            send(ServerReplies.unpauseNotify(), streamId);
            send(new UserControl.StreamBegin(streamId), 0);
        }
        protocol.flush();
    }

    /**
     * The rest of an FMLE publish after identification: FCPublish → _result, createStream →
     * _result(streamId), publish → onFCPublish. Publish.Start follows later from
     * {@link #startPublishing} (after hooks allowed it).
     */
    public void startFmlePublish(int streamId) {
        RtmpCommand fc = expectAny(RtmpCommand.FcPublish.class, RtmpCommand.CreateStream.class);
        RtmpCommand.CreateStream create;
        if (fc instanceof RtmpCommand.FcPublish f) {
            sendAndFlush(ServerReplies.fmleStartResult(f.transactionId()), 0);
            create = expect(RtmpCommand.CreateStream.class);
        } else {
            // Identified by FCPublish already (no releaseStream): next comes createStream.
            create = (RtmpCommand.CreateStream) fc;
        }
        sendAndFlush(ServerReplies.createStreamResult(create.transactionId(), streamId), 0);
        expect(RtmpCommand.Publish.class);
        sendAndFlush(ServerReplies.onFcPublish(), streamId);
    }

    /** Haivision: after FCPublish was answered during identify, wait for publish. */
    public void startHaivisionPublish(int streamId) {
        expect(RtmpCommand.Publish.class);
        sendAndFlush(ServerReplies.onFcPublish(), streamId);
    }

    /** onStatus NetStream.Publish.Start: media may flow. */
    public void startPublishing(int streamId) {
        sendAndFlush(ServerReplies.publishStart(), streamId);
    }

    /** Replies to FCUnpublish: onFCUnpublish, _result, Unpublish.Success. */
    public void fmleUnpublish(int streamId, double transactionId) {
        send(ServerReplies.onFcUnpublish(), streamId);
        send(ServerReplies.fmleStartResult(transactionId), streamId);
        send(ServerReplies.unpublishSuccess(), streamId);
        protocol.flush();
    }

    /** The next message of any kind (media, control, command). */
    public MediaMessage readMessage() {
        return protocol.readMessage();
    }

    public void send(RtmpMessage message, int streamId) {
        var o = MessageCodec.outgoing(message, streamId);
        protocol.send(o.message(), o.chunkStreamId());
    }

    public void sendAndFlush(RtmpMessage message, int streamId) {
        send(message, streamId);
        protocol.flush();
    }

    /** Media for a player: audio on csid 7, video on 6, data on 5 (SRS's choice). */
    public void sendMedia(List<MediaMessage> batch) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            MediaMessage m = batch.get(i);
            protocol.send(m, chunkStreamFor(m.type()));
        }
    }

    /** A player's batch (shared messages, its own timestamps) in one locked, flushed write. */
    public void sendMedia(MediaBatch batch) {
        protocol.sendAndFlush(batch, RtmpServerSession::chunkStreamFor);
    }

    static int chunkStreamFor(int type) {
        return switch (type) {
            case MessageType.AUDIO -> ChunkStreamIds.AUDIO;
            case MessageType.VIDEO -> ChunkStreamIds.VIDEO;
            default -> ChunkStreamIds.OVER_STREAM;
        };
    }

    private RtmpCommand nextCommand() {
        while (true) {
            MediaMessage msg = protocol.readMessage();
            if (!MessageType.isCommand(msg.type())) {
                continue;
            }
            if (MessageCodec.decode(msg) instanceof RtmpCommand c) {
                return c;
            }
        }
    }

    private <T extends RtmpCommand> T expect(Class<T> type) {
        while (true) {
            RtmpCommand c = nextCommand();
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
    }

    private RtmpCommand expectAny(Class<? extends RtmpCommand> a, Class<? extends RtmpCommand> b) {
        while (true) {
            RtmpCommand c = nextCommand();
            if (a.isInstance(c) || b.isInstance(c)) {
                return c;
            }
        }
    }

}
