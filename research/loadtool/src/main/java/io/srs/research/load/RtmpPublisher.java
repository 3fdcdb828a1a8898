package io.srs.research.load;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.kernel.media.MediaMessage;
import io.srs.rtmp.chunk.ChunkLimits;
import io.srs.rtmp.session.ConnectResult;
import io.srs.rtmp.session.RtmpClientSession;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * One RTMP publisher: FMLE-style publish (like FFmpeg), chunk size 60000, then the FLV file's
 * tags in a loop at real-time pace, timestamps continuing across loops. A second virtual thread
 * reads what the server sends (acknowledgements, pings), which our {@code RtmpProtocol} answers.
 *
 * <p>Runs on its own virtual thread; results go to its {@link ClientStats}.
 */
final class RtmpPublisher implements Runnable {
    private final RtmpUrl url;
    private final FlvFile file;
    private final Options opt;
    private final ClientStats stats;

    RtmpPublisher(RtmpUrl url, FlvFile file, Options opt, ClientStats stats) {
        this.url = url;
        this.file = file;
        this.opt = opt;
        this.stats = stats;
    }

    @Override
    public void run() {
        stats.startedAt = System.nanoTime();
        try (SocketChannel ch = SocketChannel.open()) {
            stats.channel = ch;
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.socket().connect(new InetSocketAddress(url.host(), url.port()), opt.connectTimeoutMillis);
            RtmpClientSession s = new RtmpClientSession(new BufferedInputStream(Channels.newInputStream(ch), 8192),
                    Channels.newOutputStream(ch), ChunkLimits.DEFAULT);
            s.handshake(opt.complexHandshake);
            ConnectResult r = s.connect(url.app(), url.tcUrl(), "", "", Optional.empty());
            if (!(r instanceof ConnectResult.Connected)) {
                throw new SrsException(ErrorCode.RTMP_ACCESS_DENIED, "connect: " + r);
            }
            s.setChunkSize(60000);
            int sid = s.publishFmle(url.stream());
            stats.connectedAt = System.nanoTime();
            Thread.ofVirtual().name("pub-read-" + stats.index).start(() -> drain(s));
            send(s, sid);
        } catch (IOException | RuntimeException e) {
            stats.error = RtmpPlayer.describe(e);
        }
    }

    private void send(RtmpClientSession s, int sid) {
        List<MediaMessage> tags = file.tags();
        long t0 = System.nanoTime();
        for (long loop = 0; ; loop++) {
            long offset = loop * file.loopMillis() - file.firstTimestamp();
            for (int i = 0; i < tags.size(); i++) {
                MediaMessage m = tags.get(i);
                if (loop > 0 && FlvFile.firstLoopOnly(m)) {
                    continue;
                }
                long ts = Math.max(0, m.timestamp() + offset);
                long due = t0 + ts * 1_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    s.protocol().flush();
                    stats.bytes = s.protocol().bytesWritten();
                    LockSupport.parkNanos(wait);
                }
                s.sendMedia(List.of(new MediaMessage(m.type(), ts, sid, m.payload())));
                if (m.isVideo()) {
                    stats.videoFrames++;
                    if (stats.firstFrameAt == 0) {
                        stats.firstFrameAt = System.nanoTime();
                    }
                } else if (m.isAudio()) {
                    stats.audioFrames++;
                }
            }
        }
    }

    private void drain(RtmpClientSession s) {
        try {
            while (true) {
                s.readMessage();
            }
        } catch (RuntimeException e) {
            // The connection ended; the sending side reports it.
        }
    }
}
