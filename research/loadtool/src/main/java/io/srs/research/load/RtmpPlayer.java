package io.srs.research.load;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.chunk.ChunkLimits;
import io.srs.rtmp.session.ConnectResult;
import io.srs.rtmp.session.RtmpClientSession;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.net.Socket;

import javax.net.ssl.SSLSocket;
import java.util.Optional;

/**
 * One RTMP player: connects, plays with our {@link RtmpClientSession}, then receives until the
 * tool stops it, either materialising each message (full mode) or counting chunks
 * ({@link ChunkCounter}, lean mode).
 *
 * <p>Runs on its own virtual thread; results go to its {@link ClientStats}.
 */
final class RtmpPlayer implements Runnable {
    private final RtmpUrl url;
    private final Options opt;
    private final ClientStats stats;
    private final Runnable onEnd;

    RtmpPlayer(RtmpUrl url, Options opt, ClientStats stats, Runnable onEnd) {
        this.url = url;
        this.opt = opt;
        this.stats = stats;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        if (url.tls()) {
            runTls();
            return;
        }
        stats.startedAt = System.nanoTime();
        try (SocketChannel ch = SocketChannel.open()) {
            stats.channel = ch;
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.socket().connect(new InetSocketAddress(url.host(), url.port()), opt.connectTimeoutMillis);
            DialogueInput in = new DialogueInput(ch);
            OutputStream out = Channels.newOutputStream(ch);
            RtmpClientSession s = new RtmpClientSession(in, out, ChunkLimits.DEFAULT);
            s.handshake(opt.complexHandshake);
            in.exact(true);
            play(s);
            if (opt.lean) {
                ByteBuffer buf = ByteBuffer.allocateDirect(opt.block);
                in.drainTo(buf);
                // SO_RCVLOWAT only after the first keyframe, so waiting for it never delays that.
                Runnable lowat = opt.lowat > 0 ? () -> SocketTuning.setReceiveLowWatermark(ch, opt.lowat) : () -> { };
                ChunkCounter counter = new ChunkCounter(ch, out, buf, s.protocol().inChunkSize(),
                        s.protocol().inWindowAckSize(), in.total(), stats, lowat);
                s = null; // drop the session's 128 KiB of chunk buffers
                counter.run();
            } else {
                in.exact(false);
                full(s);
            }
        } catch (IOException | RuntimeException e) {
            stats.error = describe(e);
        } finally {
            onEnd.run();
        }
    }

    /**
     * rtmps://: the same dialogue over the JDK's TLS, then full mode (the lean parser reads a
     * SocketChannel, which has no TLS). The server's certificate is not checked: this measures
     * cost, not trust.
     */
    private void runTls() {
        stats.startedAt = System.nanoTime();
        try (Socket raw = new Socket()) {
            raw.setTcpNoDelay(true);
            raw.connect(new InetSocketAddress(url.host(), url.port()), opt.connectTimeoutMillis);
            SSLSocket ssl = (SSLSocket) TrustAll.CONTEXT.getSocketFactory().createSocket(raw, url.host(), url.port(), true);
            ssl.startHandshake();
            ReadableByteChannel ch = Channels.newChannel(ssl.getInputStream());
            stats.channel = ch;
            DialogueInput in = new DialogueInput(ch);
            RtmpClientSession s = new RtmpClientSession(in, ssl.getOutputStream(), ChunkLimits.DEFAULT);
            s.handshake(opt.complexHandshake);
            play(s);
            full(s);
        } catch (IOException | RuntimeException e) {
            stats.error = describe(e);
        } finally {
            onEnd.run();
        }
    }

    /** connect, createStream, play: the dialogue both transports share. */
    private void play(RtmpClientSession s) {
        ConnectResult r = s.connect(url.app(), url.tcUrl(), "", "", Optional.empty());
        if (!(r instanceof ConnectResult.Connected)) {
            throw new SrsException(ErrorCode.RTMP_ACCESS_DENIED, "connect: " + r);
        }
        int sid = s.createStream();
        s.play(sid, url.stream(), 1000);
        stats.connectedAt = System.nanoTime();
    }

    private void full(RtmpClientSession s) {
        while (true) {
            MediaMessage m = s.readMessage();
            stats.bytes = s.protocol().bytesRead();
            if (m.type() == MessageType.VIDEO) {
                stats.videoFrames++;
                if (stats.firstFrameAt == 0 && m.size() > 0
                        && ChunkCounter.isKeyframe(m.payload().get(0), m.size() > 1 ? m.payload().get(1) : -1)) {
                    stats.firstFrameAt = System.nanoTime();
                }
            } else if (m.type() == MessageType.AUDIO) {
                stats.audioFrames++;
            }
        }
    }

    static String describe(Throwable e) {
        if (e instanceof SrsException se) {
            String d = se.code() + ": " + se.getMessage();
            return se.getCause() == null ? d : d + " (" + se.getCause().getClass().getSimpleName() + ")";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
