package io.srs.research.load;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * One HTTP-FLV viewer, lean like an RTMP player in lean mode: a plain HTTP/1.1 GET on a socket
 * channel, the response head read into the block buffer, then the body read in blocks into that
 * one direct buffer and walked by {@link FlvCounter} (no copy of tag bodies). After the first
 * keyframe it sets SO_RCVLOWAT like the RTMP players, so both kinds of viewers wake alike.
 * Counts every byte received, HTTP framing included (RTMP players count chunk headers too).
 *
 * <p>Runs on its own virtual thread; results go to its {@link ClientStats}.
 */
final class FlvViewer implements Runnable {
    private final URI url;
    private final Options opt;
    private final ClientStats stats;
    private final Runnable onEnd;

    FlvViewer(URI url, Options opt, ClientStats stats, Runnable onEnd) {
        this.url = url;
        this.opt = opt;
        this.stats = stats;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        stats.startedAt = System.nanoTime();
        FileChannel dump = null;
        try (SocketChannel ch = SocketChannel.open()) {
            stats.channel = ch;
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            int port = url.getPort() > 0 ? url.getPort() : 80;
            ch.socket().connect(new InetSocketAddress(url.getHost(), port), opt.connectTimeoutMillis);
            String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            String req = "GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + port
                    + "\r\nUser-Agent: srs-load\r\nAccept: */*\r\n\r\n";
            ByteBuffer out = ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                ch.write(out);
            }
            ByteBuffer buf = ByteBuffer.allocateDirect(opt.block);
            int headEnd = readHead(ch, buf);
            byte[] head = new byte[headEnd];
            buf.get(0, head);
            String h = new String(head, StandardCharsets.ISO_8859_1);
            if (!h.startsWith("HTTP/1.1 200") && !h.startsWith("HTTP/1.0 200")) {
                throw new SrsException(ErrorCode.HTTP_STATUS_INVALID, "status " + h.lines().findFirst().orElse(""));
            }
            boolean chunked = h.toLowerCase(Locale.ROOT).contains("\ntransfer-encoding: chunked");
            stats.connectedAt = System.nanoTime();
            dump = opt.flvDump == null ? null : FileChannel.open(opt.flvDump.resolve("flv-" + stats.index + ".flv"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            FlvCounter counter = new FlvCounter(chunked, stats, dump, opt.flvDumpBytes);
            counter.feed(buf, headEnd, buf.position());
            boolean lowatSet = opt.lowat == 0;
            while (true) {
                if (!lowatSet && stats.firstFrameAt != 0) {
                    SocketTuning.setReceiveLowWatermark(ch, opt.lowat);
                    lowatSet = true;
                }
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) {
                    throw new EOFException("server closed");
                }
                stats.bytes += n;
                counter.feed(buf, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            stats.error = RtmpPlayer.describe(e);
        } finally {
            if (dump != null) {
                try {
                    dump.close();
                } catch (IOException ignored) {
                    // The dump is a debugging aid; the run's figures do not depend on it.
                }
            }
            onEnd.run();
        }
    }

    /** Reads until the end of the response head; returns the offset just past it. */
    private int readHead(SocketChannel ch, ByteBuffer buf) throws IOException {
        int scanned = 0;
        while (true) {
            if (!buf.hasRemaining()) {
                throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "response head larger than the block");
            }
            int n = ch.read(buf);
            if (n < 0) {
                throw new EOFException("server closed before the response head");
            }
            stats.bytes += n;
            for (int i = Math.max(3, scanned); i < buf.position(); i++) {
                if (buf.get(i) == '\n' && buf.get(i - 1) == '\r' && buf.get(i - 2) == '\n' && buf.get(i - 3) == '\r') {
                    return i + 1;
                }
            }
            scanned = buf.position();
        }
    }
}
