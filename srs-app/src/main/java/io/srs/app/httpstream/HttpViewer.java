package io.srs.app.httpstream;

import io.srs.app.config.PlayConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.rtmp.AccessControl;
import io.srs.app.rtmp.RtmpService;
import io.srs.app.rtmp.WriteWatchdog;
import io.srs.app.source.Consumer;
import io.srs.app.source.SourceRegistry;
import io.srs.app.stats.ClientEvents;
import io.srs.app.stats.ClientHandle;
import io.srs.core.SrsException;
import io.srs.kernel.media.MediaBatch;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.session.ClientKind;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;

/**
 * One HTTP live viewer: a consumer of the live source like an RTMP player (GOP cache first,
 * {@code play.queue_length} bound, merged writes of shared payloads), written to its
 * {@link ViewerSink} (a chunked response or a WebSocket) with blocking IO on the viewer's own
 * virtual thread. A write blocked for longer than the watchdog's timeout (the peer stopped
 * reading) closes the connection, so a stalled viewer holds its thread and queue for a bounded
 * time only. Port of {@code SrsLiveStream::serve_http}:
 * statistics, the security check and {@code on_play} (a refusal answers 403) before any media,
 * {@code on_stop} after. The consumer outlives an unpublish, so a republish continues the same
 * response on the same (jitter-corrected) timeline.
 *
 * <p>Thread-safe for {@link ClientHandle}: the API and stop call {@link #close()} and read the
 * byte counter from their threads, the watcher calls {@link #closeIfPeerLeft}, the watchdog
 * {@link #stalled}; everything else runs on the viewer's thread.
 */
final class HttpViewer implements ClientHandle {
    private static final System.Logger LOG = System.getLogger(HttpViewer.class.getName());
    /** Messages per write at most, like SRS_PERF_MW_MSGS. */
    private static final int MAX_BATCH = 128;

    private final String id;
    private final HttpServerExchange exchange;
    private final ViewerSink sink;
    private final WriteWatchdog watchdog;
    private final HttpLiveStreams.Request req;
    private final SourceRegistry sources;
    private final ClientEvents events;
    private final String ip;
    /** Set once open; read by the API for the bytes sent. */
    private volatile BodyOutput body;
    private volatile Consumer consumer;
    private volatile boolean closed;
    /** When this viewer last wrote (nanoTime): a viewer that writes notices a gone peer itself. */
    private volatile long lastWrite = System.nanoTime();
    /** The viewer's thread, interrupted by the watchdog to end a write blocked on the peer. */
    private volatile Thread thread;

    /**
     * @param exchange the request (the sink answers it); read here for the stream's request
     * @param sink     where the bytes go
     */
    HttpViewer(String id, HttpServerExchange exchange, ViewerSink sink, HttpLiveStreams.Request req,
               SourceRegistry sources, ClientEvents events, WriteWatchdog watchdog) {
        this.id = id;
        this.exchange = exchange;
        this.sink = sink;
        this.watchdog = watchdog;
        this.req = req;
        this.sources = sources;
        this.events = events;
        InetSocketAddress peer = exchange.getSourceAddress();
        this.ip = peer == null || peer.getAddress() == null ? "" : peer.getAddress().getHostAddress();
    }

    void run() {
        thread = Thread.currentThread();
        RtmpRequest request = request();
        String url = req.streamUrl();
        Throwable error = null;
        try {
            AccessControl.checkSecurity(req.vhost().security(), false, ip);
            events.onPlay(this, request, ClientKind.FLV_PLAY);
        } catch (SrsException e) {
            LOG.log(Level.WARNING, "http live refused, stream={0}, ip={1}: {2}", url, ip, e.describe());
            // Before open(): still a plain HTTP exchange, WebSocket or not.
            exchange.setStatusCode(StatusCodes.FORBIDDEN);
            exchange.endExchange();
            events.onClose(this, null, e);
            return;
        }
        try {
            play(url);
        } catch (IOException | RuntimeException e) {
            // The viewer left or was kicked: the normal end of a live response.
            error = closed ? null : e;
        } finally {
            events.onStop(this, request);
            events.onClose(this, null, error);
        }
    }

    private void play(String url) throws IOException {
        VhostConfig vhost = req.vhost();
        StreamFormat format = req.match().format();
        // .aac/.mp3 listeners start with the fast_cache audio when the source keeps it (SRS).
        Consumer c = format.audioOnly() ? sources.createAudioConsumer(url, RtmpService.settings(vhost))
                : sources.createConsumer(url, RtmpService.settings(vhost), true);
        consumer = c;
        if (closed) {
            c.close();
        }
        StreamEncoder encoder = format.newEncoder(req.remux(), c.source());
        LOG.log(Level.INFO, "http live start, stream={0}, format={1}, ip={2}, queued={3}", url, format.extension(),
                ip, c.size());
        long sent = 0;
        WriteWatchdog.Watch watch = watchdog.watch(id, this::stalled);
        try {
            BodyOutput out = sink.open(this::close);
            body = out;
            PlayConfig play = vhost.play();
            int mwMsgs = vhost.minLatency() ? 0 : play.mwMsgs();
            long mwMillis = vhost.minLatency() ? 0 : play.mwLatency().toMillis();
            MediaBatch batch = new MediaBatch(MAX_BATCH);
            boolean first = true;
            while (first ? c.await(0, 0, 0) : c.await(mwMsgs, mwMillis, 0)) {
                batch.clear();
                c.drain(batch, MAX_BATCH);
                if (batch.isEmpty()) {
                    continue;
                }
                watch.begin();
                encoder.write(batch, out);
                out.flush();
                watch.end();
                lastWrite = System.nanoTime();
                first = false;
                sent += batch.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watchdog.unwatch(watch);
            c.close();
            sink.end();
            LOG.log(Level.INFO, "http live end, stream={0}, msgs={1}, dropped={2}", url, sent, c.dropped());
        }
    }

    /**
     * Called by the watcher while this viewer is idle (waiting for a publisher): a viewer that
     * writes notices a gone peer itself, an idle one asks its sink without blocking.
     */
    void closeIfPeerLeft(long idleNanos) {
        if (!closed && System.nanoTime() - lastWrite >= idleNanos && sink.peerLeft()) {
            close();
        }
    }

    /** The watchdog's call: a write has been blocked on the peer for too long. */
    private void stalled() {
        close();
        Thread t = thread;
        if (t != null) {
            // Closing alone may not wake a thread parked until the socket turns writable.
            t.interrupt();
        }
    }

    /** The request as hooks and statistics see it (SRS's {@code SrsHttpMessage::to_request}). */
    private RtmpRequest request() {
        MountTemplate.Match m = req.match();
        String host = exchange.getHostName();
        String query = exchange.getQueryString();
        String param = query == null || query.isEmpty() ? "" : "?" + query;
        String referer = exchange.getRequestHeaders().getFirst(Headers.REFERER);
        return new RtmpRequest("http://" + host + "/" + m.app(), referer == null ? "" : referer, "", 0, "http", host,
                req.vhost().name(), m.app(), m.stream(), exchange.getHostPort(), param, -1);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String ip() {
        return ip;
    }

    @Override
    public long bytesSent() {
        BodyOutput b = body;
        return b == null ? 0 : b.written();
    }

    @Override
    public long bytesReceived() {
        return 0;
    }

    /** Kick or stop: ends the consumer and the connection, so a blocked write fails at once. */
    @Override
    public void close() {
        closed = true;
        Consumer c = consumer;
        if (c != null) {
            c.close();
        }
        sink.close();
    }
}
