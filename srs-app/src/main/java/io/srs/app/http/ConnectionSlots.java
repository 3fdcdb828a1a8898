package io.srs.app.http;

import io.srs.app.config.HttpLimitsConfig;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Connection slots shared by every HTTP listener: a total cap and a per-address cap, read from
 * the live config on each accept (a reload applies to the next connection). Refusals are
 * summarised: at most one log line per second with the count since the last line, so a flood
 * cannot flood the log.
 *
 * <p>Thread-safe: called from Undertow's I/O threads of every listener at once.
 */
final class ConnectionSlots {
    private static final System.Logger LOG = System.getLogger(ConnectionSlots.class.getName());
    private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;

    /** Why a connection was refused. */
    enum Refusal {
        TOTAL("max_connections"), PER_IP("max_connections_per_ip");

        final String directive;

        Refusal(String directive) {
            this.directive = directive;
        }
    }

    private final Supplier<HttpLimitsConfig> limits;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, Integer> perIp = new ConcurrentHashMap<>();
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final AtomicLong refusedTotal = new AtomicLong();

    ConnectionSlots(Supplier<HttpLimitsConfig> limits) {
        this.limits = limits;
    }

    /** Takes a slot for {@code peer}; null when granted (release it later), else why not. */
    Refusal acquire(InetAddress peer) {
        HttpLimitsConfig l = limits.get();
        if (open.incrementAndGet() > l.maxConnections()) {
            open.decrementAndGet();
            return refused(Refusal.TOTAL, peer, l.maxConnections());
        }
        int cap = l.maxConnectionsPerIp();
        boolean[] granted = new boolean[1];
        // compute() is atomic per key: the count and the entry's removal at zero never race.
        perIp.compute(peer, (k, v) -> {
            int c = v == null ? 0 : v;
            if (c >= cap) {
                return v;
            }
            granted[0] = true;
            return c + 1;
        });
        if (!granted[0]) {
            open.decrementAndGet();
            return refused(Refusal.PER_IP, peer, cap);
        }
        return null;
    }

    void release(InetAddress peer) {
        perIp.computeIfPresent(peer, (k, v) -> v <= 1 ? null : v - 1);
        open.decrementAndGet();
    }

    int open() {
        return open.get();
    }

    int openFrom(InetAddress peer) {
        return perIp.getOrDefault(peer, 0);
    }

    long refused() {
        return refusedTotal.get();
    }

    private Refusal refused(Refusal why, InetAddress peer, int cap) {
        refusedTotal.incrementAndGet();
        long count = refusedSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogNanos.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLogNanos.compareAndSet(last, now)) {
            count = refusedSinceLog.getAndSet(0);
            LOG.log(Level.WARNING, "http: refused {0} connection(s) in the last {1} ms, latest from {2} at {3} {4}",
                    Long.toString(count), Long.toString((now - last) / 1_000_000), peer.getHostAddress(), why.directive,
                    Integer.toString(cap));
        }
        return why;
    }
}
