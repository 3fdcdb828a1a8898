package io.srs.rtmp.session;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.kernel.media.MediaBatch;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.amf0.Amf0Null;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.chunk.ChunkLimits;
import io.srs.rtmp.chunk.ChunkWriter;
import io.srs.rtmp.chunk.RtmpProtocol;
import io.srs.rtmp.handshake.ClientHandshake;
import io.srs.rtmp.handshake.HandshakeResult;
import io.srs.rtmp.message.MessageCodec;
import io.srs.rtmp.message.ProtocolControl;
import io.srs.rtmp.message.RtmpCommand;
import io.srs.rtmp.message.RtmpMessage;
import io.srs.rtmp.message.StatusCodes;
import io.srs.rtmp.message.UserControl;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.GatheringByteChannel;
import java.util.List;
import java.util.Optional;

/**
 * The client side of RTMP, for forward, edge, ingest and the load tool. Port of
 * {@code SrsRtmpClient}: handshake, connect (with the 302 answer), createStream, publish
 * (FMLE or Flash style) and play.
 *
 * <p>Media from a local source goes out with {@link #sendMediaAndFlush}: on a socket channel
 * that is one gathering write per batch of the shared chunked payloads (as players write), on a
 * stream (TLS, tests, tools) the same bytes through the copying stream writer.
 *
 * <p>Threading: one thread drives the dialogue; afterwards one thread may read while another
 * writes media through {@link #protocol()}.
 */
public final class RtmpClientSession {
    private final InputStream in;
    private final OutputStream out;
    private final RtmpProtocol protocol;
    private double nextTransactionId = 2;

    public RtmpClientSession(InputStream in, OutputStream out, ChunkLimits limits) {
        this.in = in;
        this.out = out;
        this.protocol = new RtmpProtocol(in, out, limits, ChunkWriter.DEFAULT_BUFFER_SIZE);
    }

    /**
     * Reads from {@code in}, handshakes on {@code in}/{@code out}, and writes every chunk to
     * {@code channel} (the same plain socket's channel, blocking mode) with gathering writes.
     * Never for TLS: the raw socket's channel would bypass the encryption.
     */
    public RtmpClientSession(InputStream in, OutputStream out, GatheringByteChannel channel, ChunkLimits limits) {
        this.in = in;
        this.out = out;
        this.protocol = new RtmpProtocol(in, channel, limits, ChunkWriter.DEFAULT_BUFFER_SIZE);
    }

    public RtmpProtocol protocol() {
        return protocol;
    }

    public HandshakeResult handshake(boolean complex) {
        return new ClientHandshake().perform(in, out, complex);
    }

    /**
     * Sends {@code connect} (transaction 1) and waits for its answer, skipping the control
     * messages and onBWDone servers send first.
     *
     * @param arguments the optional extra object (SRS's edge sends srs_* debug info there)
     */
    public ConnectResult connect(String app, String tcUrl, String pageUrl, String swfUrl,
                                 Optional<Amf0Object> arguments) {
        sendAndFlush(RtmpCommand.Connect.forClient(app, tcUrl, swfUrl, pageUrl, arguments), 0);
        while (true) {
            RtmpCommand c = nextCommand();
            if (c instanceof RtmpCommand.CallResult r && r.transactionId() == 1) {
                Amf0Object info = r.information().orElse(Amf0Object.of());
                if (r.isError()) {
                    return rejectedOrRedirect(info);
                }
                return new ConnectResult.Connected(info);
            }
            if (c instanceof RtmpCommand.OnStatus s && StatusCodes.LEVEL_ERROR.equals(s.level())) {
                return rejectedOrRedirect(s.info());
            }
        }
    }

    private static ConnectResult rejectedOrRedirect(Amf0Object info) {
        Optional<Amf0Object> ex = info.getObject("ex");
        if (ex.isPresent() && ex.get().getNumber("code", 0) == 302) {
            String tcUrl = ex.get().getString("redirect", "");
            String url = ex.get().getString("redirect2", tcUrl);
            return new ConnectResult.Redirected(tcUrl, url);
        }
        return new ConnectResult.Rejected(info.getString(StatusCodes.CODE, ""),
                info.getString(StatusCodes.DESCRIPTION, ""));
    }

    /** Our outgoing chunk size (SRS clients raise it before sending media). */
    public void setChunkSize(int size) {
        sendAndFlush(new ProtocolControl.SetChunkSize(size), 0);
    }

    /** createStream; returns the server's message stream id. */
    public int createStream() {
        double tid = nextTransactionId++;
        sendAndFlush(new RtmpCommand.CreateStream(tid), 0);
        return awaitCreateStream(tid);
    }

    private int awaitCreateStream(double tid) {
        while (true) {
            RtmpCommand c = nextCommand();
            if (c instanceof RtmpCommand.CallResult r && r.transactionId() == tid) {
                if (r.isError() || r.streamId().isEmpty()) {
                    throw new SrsException(ErrorCode.RTMP_MESSAGE_DECODE, "createStream refused: " + r);
                }
                return (int) r.streamId().getAsDouble();
            }
        }
    }

    /**
     * FMLE-style publish like FFmpeg/OBS: releaseStream, FCPublish, createStream, publish; waits
     * for NetStream.Publish.Start. Returns the stream id to send media on.
     */
    public int publishFmle(String streamName) {
        send(new RtmpCommand.ReleaseStream(nextTransactionId++, streamName), 0);
        send(new RtmpCommand.FcPublish(nextTransactionId++, streamName), 0);
        double tid = nextTransactionId++;
        sendAndFlush(new RtmpCommand.CreateStream(tid), 0);
        int streamId = awaitCreateStream(tid);
        sendAndFlush(new RtmpCommand.Publish(nextTransactionId++, streamName), streamId);
        awaitStatus(StatusCodes.PUBLISH_START);
        return streamId;
    }

    /**
     * Flash-style publish (what SRS's forwarder does): publish on an existing stream, waits for
     * NetStream.Publish.Start.
     */
    public void publishFlash(int streamId, String streamName) {
        sendAndFlush(new RtmpCommand.Publish(nextTransactionId++, streamName), streamId);
        awaitStatus(StatusCodes.PUBLISH_START);
    }

    /**
     * play on an existing stream plus SetBufferLength, then waits for NetStream.Play.Start.
     *
     * @param bufferMillis the buffer length to announce (SRS clients use 1000)
     */
    public void play(int streamId, String streamName, int bufferMillis) {
        send(new RtmpCommand.Play(0, streamName), streamId);
        send(new UserControl.SetBufferLength(streamId, bufferMillis), 0);
        protocol.flush();
        awaitStatus(StatusCodes.PLAY_START);
    }

    private void awaitStatus(String code) {
        while (true) {
            RtmpCommand c = nextCommand();
            if (c instanceof RtmpCommand.OnStatus s) {
                if (code.equals(s.code())) {
                    return;
                }
                if (StatusCodes.LEVEL_ERROR.equals(s.level())) {
                    throw new SrsException(ErrorCode.RTMP_ACCESS_DENIED,
                            "server refused: " + s.code() + " " + s.description());
                }
            }
            if (c instanceof RtmpCommand.CallResult r && r.isError()) {
                throw new SrsException(ErrorCode.RTMP_ACCESS_DENIED, "server refused: " + r);
            }
        }
    }

    /** Media on the stream: audio csid 7, video 6, data 5. */
    public void sendMedia(List<MediaMessage> batch) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            MediaMessage m = batch.get(i);
            protocol.send(m, RtmpServerSession.chunkStreamFor(m.type()));
        }
    }

    /**
     * Media shared with other connections (a source's messages, each at its batch timestamp),
     * one lock and one flush for the batch: on a channel the payloads are sent from their shared
     * chunked form, never copied per connection (see {@code ChunkWriter#writeShared}).
     */
    public void sendMediaAndFlush(MediaBatch batch) {
        protocol.sendAndFlush(batch, RtmpServerSession::chunkStreamFor);
    }

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

    private RtmpCommand nextCommand() {
        while (true) {
            MediaMessage msg = protocol.readMessage();
            if (!MessageType.isCommand(msg.type())) {
                continue;
            }
            if (MessageCodec.decode(msg) instanceof RtmpCommand c) {
                if (c instanceof RtmpCommand.Call call && call.transactionId() > 0
                        && !"onBWDone".equals(call.name())) {
                    // Servers may call us (e.g. _checkbw); answer like SRS so they go on.
                    sendAndFlush(RtmpCommand.CallResult.result(call.transactionId(), Amf0Null.INSTANCE,
                            Amf0Null.INSTANCE), 0);
                }
                return c;
            }
        }
    }

}
