package io.srs.app.cluster;

import io.srs.app.rtmp.WriteWatchdog;
import io.srs.app.source.Consumer;
import io.srs.app.tls.ClientTls;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.kernel.media.MediaBatch;
import io.srs.kernel.media.MediaMessage;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.chunk.ChunkLimits;
import io.srs.rtmp.message.ProtocolControl;
import io.srs.rtmp.message.RtmpCommand;
import io.srs.rtmp.message.UserControl;
import io.srs.rtmp.session.ConnectResult;
import io.srs.rtmp.session.RtmpClientSession;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * One RTMP client connection to an upstream server (forward destination, edge origin). Port of
 * {@code SrsSimpleRtmpClient} / {@code SrsBasicRtmpClient}: TCP connect with a timeout,
 * handshake, {@code connect}, {@code createStream}, then Flash-style publish or play, with the
 * chunk size raised as SRS does.
 *
 * <p>A plain rtmp:// connection is a {@link SocketChannel}'s socket, so relayed media goes out
 * as players' does: one gathering write per batch of the shared chunked payloads, no copy per
 * connection. An rtmps:// one writes through its {@link javax.net.ssl.SSLSocket}'s stream (the
 * raw channel would bypass TLS).
 *
 * <p>Threading: one thread runs the dialogue; afterwards one thread reads while another may
 * send. {@link #close()} is safe from any thread and makes blocked reads and writes fail.
 */
final class UpstreamClient implements AutoCloseable {
    /** RTMP's initial chunk size; SRS only announces a different one. */
    private static final int DEFAULT_CHUNK_SIZE = 128;
    /** What SRS's client announces after play (SetBufferLength). */
    private static final int BUFFER_MILLIS = 1000;

    private final Endpoint endpoint;
    private final Socket socket;
    private final RtmpClientSession session;
    private int streamId;

    private UpstreamClient(Endpoint endpoint, Socket socket, RtmpClientSession session) {
        this.endpoint = endpoint;
        this.socket = socket;
        this.session = session;
    }

    /**
     * Connects and handshakes; every later read times out after {@code readTimeoutMillis}
     * until changed.
     *
     * @throws SrsException {@code SOCKET_CONNECT} when the server cannot be reached
     */
    static UpstreamClient open(Endpoint endpoint, int connectTimeoutMillis, int readTimeoutMillis) {
        return open(endpoint, connectTimeoutMillis, readTimeoutMillis, null);
    }

    /** Like {@link #open(Endpoint, int, int)}; an rtmps:// endpoint handshakes TLS with {@code tls} first. */
    static UpstreamClient open(Endpoint endpoint, int connectTimeoutMillis, int readTimeoutMillis, ClientTls tls) {
        Socket s;
        try {
            // Plain TCP gets a channel for gathering writes; TLS layers on a classic socket.
            s = endpoint.tls() ? new Socket() : SocketChannel.open().socket();
        } catch (IOException e) {
            throw new SrsException(ErrorCode.SOCKET_CONNECT, "socket for " + endpoint + ": " + e.getMessage());
        }
        try {
            s.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), connectTimeoutMillis);
            s.setTcpNoDelay(true);
            s.setSoTimeout(readTimeoutMillis);
        } catch (IOException e) {
            closeQuietly(s);
            throw new SrsException(ErrorCode.SOCKET_CONNECT, "connect " + endpoint + ": " + e.getMessage());
        }
        if (endpoint.tls()) {
            Socket raw = s;
            try {
                if (tls == null) {
                    throw new IOException("no TLS client here");
                }
                s = tls.connect(raw, endpoint.host(), endpoint.port());
            } catch (IOException e) {
                closeQuietly(raw);
                throw new SrsException(ErrorCode.HTTPS_HANDSHAKE, "tls with " + endpoint + ": " + e.getMessage());
            }
        }
        try {
            var in = new BufferedInputStream(s.getInputStream(), 65536);
            // Never the channel under TLS: a layered SSLSocket reports the raw socket's channel.
            RtmpClientSession session = s.getChannel() != null && !(s instanceof javax.net.ssl.SSLSocket)
                    ? new RtmpClientSession(in, s.getOutputStream(), s.getChannel(), ChunkLimits.DEFAULT)
                    : new RtmpClientSession(in, s.getOutputStream(), ChunkLimits.DEFAULT);
            session.handshake(false);
            return new UpstreamClient(endpoint, s, session);
        } catch (IOException e) {
            closeQuietly(s);
            throw new SrsException(ErrorCode.SOCKET_CONNECT, "open " + endpoint + ": " + e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(s);
            throw SrsException.wrap(e, "handshake with " + endpoint);
        }
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** {@code connect(app)}; the server's answer, 302 and refusal included. */
    ConnectResult connect(String app, String tcUrl, String pageUrl, String swfUrl, Optional<Amf0Object> args) {
        return session.connect(app, tcUrl, pageUrl, swfUrl, args);
    }

    void createStream() {
        streamId = session.createStream();
    }

    /**
     * Set Chunk Size, then {@code publish(stream)} on the created stream, Flash style (no
     * releaseStream/FCPublish, as SRS's forwarder); waits for NetStream.Publish.Start.
     */
    void publish(int chunkSize, String stream) {
        if (chunkSize != DEFAULT_CHUNK_SIZE) {
            session.setChunkSize(chunkSize);
        }
        session.publishFlash(streamId, stream);
    }

    /**
     * {@code play(stream)}, SetBufferLength and Set Chunk Size, without waiting for an answer:
     * like SRS's edge, the caller reads the statuses (302, refusal) along with the media.
     */
    void play(int chunkSize, String stream) {
        session.send(new RtmpCommand.Play(0, stream), streamId);
        session.send(new UserControl.SetBufferLength(streamId, BUFFER_MILLIS), 0);
        if (chunkSize != DEFAULT_CHUNK_SIZE) {
            session.send(new ProtocolControl.SetChunkSize(chunkSize), 0);
        }
        session.protocol().flush();
    }

    /** The next message, control messages included; reader thread only. */
    MediaMessage read() {
        return session.readMessage();
    }

    /** Largest batch a relay writes at once. */
    static final int MAX_BATCH = 128;

    /**
     * The relay loop of forwarders and edge publish relays: sends what {@code consumer} queues,
     * a batch at a time under the write watchdog, while {@code keepGoing} holds. Returns false
     * when the consumer closed (its source is gone), true when {@code keepGoing} stopped it.
     *
     * @param sent told the size of each batch sent, for the API's counters
     */
    boolean relay(Consumer consumer, WriteWatchdog.Watch watch, BooleanSupplier keepGoing, LongConsumer sent)
            throws InterruptedException {
        List<MediaMessage> batch = new ArrayList<>(MAX_BATCH);
        MediaBatch out = new MediaBatch(MAX_BATCH);
        while (keepGoing.getAsBoolean()) {
            // Timed: keepGoing (a stop, a dead reader) has nobody to signal the consumer.
            if (!consumer.await(0, 0, 1000)) {
                return false;
            }
            batch.clear();
            consumer.drain(batch, MAX_BATCH);
            if (batch.isEmpty()) {
                continue;
            }
            watch.begin();
            try {
                send(batch, out);
            } finally {
                watch.end();
            }
            sent.accept(batch.size());
        }
        return true;
    }

    /**
     * Sends media on our stream with one flush. The payloads stay the source's shared ones (a
     * message with another stream id keeps its payload), so on a channel their chunked form is
     * the one players of the same chunk size send too.
     *
     * @param out a batch to reuse, cleared here
     */
    void send(List<MediaMessage> batch, MediaBatch out) {
        try {
            for (int i = 0, n = batch.size(); i < n; i++) {
                MediaMessage m = batch.get(i);
                out.add(m.withStreamId(streamId), m.timestamp());
            }
            session.sendMediaAndFlush(out);
        } finally {
            out.clear();
        }
    }

    void readTimeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (SocketException e) {
            throw new SrsException(ErrorCode.SOCKET_CLOSED, "set timeout on " + endpoint + ": " + e.getMessage());
        }
    }

    /** Our side of the connection, to recognise it when it arrives at this very server. */
    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    String localIp() {
        return socket.getLocalAddress().getHostAddress();
    }

    long bytesRead() {
        return session.protocol().bytesRead();
    }

    long bytesWritten() {
        return session.protocol().bytesWritten();
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Closing is all we wanted.
        }
    }
}
