package io.srs.app.cluster;

import io.srs.app.config.VhostConfig;
import io.srs.app.rtmp.WriteWatchdog;
import io.srs.app.source.Consumer;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.log.Context;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.session.ConnectResult;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;

/**
 * Pushes one published stream to one destination. Port of {@code SrsForwarder}
 * (srs_app_forward.cpp): connect with the vhost in the tcUrl, Flash-style publish of
 * {@code stream?param}, then relay every message, reconnecting after failures.
 *
 * <p>Each forwarder has its own consumer (its own queue, bounded by {@code queue_length}) and
 * its own virtual threads, so a slow or dead destination never slows the publisher or the other
 * destinations. Differences from SRS: the retry waits grow from 1 s to 30 s instead of a fixed
 * 3 s, failures are logged once per state change, and a fresh consumer (cached metadata,
 * sequence headers and GOP) is taken per connection instead of replaying a queue that grew
 * stale while the destination was away.
 *
 * <p>Thread-safe: {@link #start} and {@link #stop} from any thread; getters for the API.
 */
public final class Forwarder {
    private static final System.Logger LOG = System.getLogger(Forwarder.class.getName());
    /** SRS_FORWARDER_CIMS, used by SRS as the connect timeout. */
    static final int CONNECT_TIMEOUT_MILLIS = 3000;
    /** Timeout of each step of the connect/publish dialogue. */
    static final int DIALOGUE_TIMEOUT_MILLIS = 10_000;
    static final long MIN_BACKOFF_MILLIS = 1000;
    static final long MAX_BACKOFF_MILLIS = 30_000;
    /** SYS_MAX_FORWARD_SEND_MSGS. */

    /** Where a forwarder is in its life. */
    public enum State {
        CONNECTING, FORWARDING, RETRYING, STOPPED
    }

    private final ClusterContext ctx;
    private final String sourceUrl;
    private final String vhost;
    private final Endpoint endpoint;
    private final RtmpRequest target;
    private final String cid;
    private final String sourceId;
    private final TransitionLog transitions = new TransitionLog(LOG);
    private Thread thread;

    private volatile boolean stopped;
    private volatile UpstreamClient current;
    private volatile State state = State.CONNECTING;
    private volatile long connections;
    private volatile long failures;
    private volatile long messages;
    private volatile String lastError = "";

    /**
     * @param sourceUrl the local stream to read
     * @param vhost     its (configured) vhost, for chunk size, queue length and upnode info
     * @param endpoint  the destination server
     * @param target    what to publish there: its host, vhost, app, stream and param
     * @param sourceId  the publisher's connection id, for the logs
     */
    Forwarder(ClusterContext ctx, String sourceUrl, String vhost, Endpoint endpoint, RtmpRequest target,
              String sourceId) {
        this.ctx = ctx;
        this.sourceUrl = sourceUrl;
        this.vhost = vhost;
        this.endpoint = endpoint;
        this.target = target;
        this.cid = ctx.newId();
        this.sourceId = sourceId;
    }

    void start() {
        thread = Thread.ofVirtual().name("forward-" + cid)
                .start(() -> ScopedValue.where(Context.CID, cid).run(this::run));
    }

    /** Ends the forwarder without waiting for it; the publisher's thread calls this. */
    void stop() {
        stopped = true;
        UpstreamClient c = current;
        if (c != null) {
            c.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Waits for the forwarder's thread to end (tests, shutdown). */
    public boolean join(long millis) throws InterruptedException {
        return thread == null || thread.join(Duration.ofMillis(millis));
    }

    private void run() {
        LOG.log(Level.INFO, "forward: start {0} of source [{1}] to {2}", sourceUrl, sourceId, endpoint);
        long backoff = MIN_BACKOFF_MILLIS;
        while (!stopped) {
            state = State.CONNECTING;
            boolean published = false;
            try {
                published = session();
            } catch (SrsException e) {
                fail(e);
            } catch (RuntimeException e) {
                fail(SrsException.wrap(e, "forward"));
            }
            if (stopped) {
                break;
            }
            if (published) {
                backoff = MIN_BACKOFF_MILLIS;
            }
            state = State.RETRYING;
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                break;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
        state = State.STOPPED;
        LOG.log(Level.INFO, "forward: stop {0} to {1}, connections={2}, msgs={3}", sourceUrl, endpoint,
                connections, messages);
    }

    private void fail(SrsException e) {
        failures++;
        lastError = e.describe();
        if (stopped) {
            return;
        }
        transitions.log(Level.WARNING, "state", "fail " + e.code(), "forward: {0} to {1} failed, retrying: {2}",
                sourceUrl, endpoint, e.describe());
    }

    /** One connection; returns whether it got as far as publishing. */
    private boolean session() {
        VhostConfig v = ctx.vhost(vhost);
        if (v == null) {
            throw new SrsException(ErrorCode.EDGE_VHOST_REMOVED, "vhost " + vhost + " removed");
        }
        UpstreamClient c = UpstreamClient.open(endpoint, CONNECT_TIMEOUT_MILLIS, DIALOGUE_TIMEOUT_MILLIS, ctx.tls);
        current = c;
        ctx.register(c);
        try {
            if (stopped) {
                return false;
            }
            String tcUrl = target.upstreamTcUrl(endpoint.host(), endpoint.port());
            String app = target.upstreamParts(endpoint.host(), endpoint.port()).app();
            String stream = target.upstreamStream(endpoint.host(), endpoint.port());
            Optional<Amf0Object> args = v.cluster().debugSrsUpnode()
                    ? Optional.of(ClusterContext.identity(c.localIp(), cid)) : Optional.empty();
            ConnectResult r = c.connect(app, tcUrl, "", "", args);
            if (!(r instanceof ConnectResult.Connected)) {
                throw new SrsException(ErrorCode.RTMP_ACCESS_DENIED, "connect " + tcUrl + " refused: " + r);
            }
            c.createStream();
            c.publish(v.chunkSize(), stream);
            connections++;
            state = State.FORWARDING;
            transitions.log(Level.INFO, "state", "up", "forward: {0} to {1} publishing, tcUrl={2}, stream={3}",
                    sourceUrl, endpoint, tcUrl, stream);
            relay(c, v);
            return true;
        } finally {
            ctx.unregister(c);
            current = null;
            c.close();
        }
    }

    /**
     * Moves messages from our consumer to the destination until it fails or we stop; a second
     * thread reads what the destination sends (acks, status) and notices it closing.
     */
    private void relay(UpstreamClient c, VhostConfig v) {
        SrsException[] readError = new SrsException[1];
        // Fails when stop() closed the connection meanwhile: before the consumer exists, so
        // nothing is left attached to the source.
        c.readTimeout(0);
        Consumer consumer = ctx.internalConsumer(sourceUrl, v);
        Thread reader = null;
        WriteWatchdog.Watch watch = null;
        // Everything after the consumer exists runs under the finally that closes it: a consumer
        // left attached would keep the source in the registry after its publisher left.
        try {
            reader = Thread.ofVirtual().name("forward-recv-" + cid).start(() -> {
                try {
                    while (true) {
                        c.read();
                    }
                } catch (SrsException e) {
                    readError[0] = e;
                } catch (RuntimeException e) {
                    readError[0] = SrsException.wrap(e, "forward receive");
                } finally {
                    consumer.wakeup();
                    c.close();
                }
            });
            Thread r = reader;
            watch = ctx.watchdog.watch(cid, c::close);
            if (!c.relay(consumer, watch, () -> !stopped && r.isAlive(), n -> messages += n)) {
                throw new SrsException(ErrorCode.SOCKET_CLOSED, "source " + sourceUrl + " is gone");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SrsException e) {
            if (readError[0] == null) {
                throw e;
            }
        } finally {
            if (watch != null) {
                ctx.watchdog.unwatch(watch);
            }
            ctx.closeInternal(sourceUrl, consumer);
            c.close();
            if (reader != null) {
                try {
                    reader.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (readError[0] != null && !stopped) {
            throw SrsException.wrap(readError[0], "destination " + endpoint + " closed");
        }
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The destination as SRS names it: {@code rtmp://host:port/app/stream}. */
    public String destinationUrl() {
        return "rtmp://" + endpoint + "/" + target.app() + "/" + target.stream();
    }

    public String sourceUrl() {
        return sourceUrl;
    }

    public State state() {
        return state;
    }

    /** Connections that reached publishing. */
    public long connections() {
        return connections;
    }

    /** Connections after the first one. */
    public long reconnects() {
        return Math.max(0, connections - 1);
    }

    /** Failed attempts and broken connections. */
    public long failures() {
        return failures;
    }

    public long messages() {
        return messages;
    }

    public String lastError() {
        return lastError;
    }

    /** Bytes sent on the current connection, 0 between connections. */
    public long bytesSent() {
        UpstreamClient c = current;
        return c == null ? 0 : c.bytesWritten();
    }

    /** A value snapshot for the API. */
    public ForwardStats stats() {
        return new ForwardStats(sourceUrl, destinationUrl(), state, connections, reconnects(), failures, messages,
                lastError);
    }
}
