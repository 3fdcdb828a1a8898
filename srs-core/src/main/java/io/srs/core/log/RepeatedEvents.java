package io.srs.core.log;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Logs events that may repeat at a peer's will (refused connections, closed slowloris sockets)
 * as at most one line per interval per reason, with the count since the last line: the first
 * event of a quiet reason is logged at once, a flood becomes one summary line a second.
 *
 * <p>Thread-safe: events may come from any thread; a count is never lost, though it may be
 * reported in the next line rather than this one.
 */
public final class RepeatedEvents {
    private final Logger log;
    private final Level level;
    private final long intervalNanos;
    private final ConcurrentHashMap<String, Reason> reasons = new ConcurrentHashMap<>();

    private static final class Reason {
        long count;
        long lastLogNanos;
        boolean logged;
    }

    public RepeatedEvents(Logger log, Level level, long intervalMillis) {
        this.log = log;
        this.level = level;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** One line per second. */
    public RepeatedEvents(Logger log, Level level) {
        this(log, level, 1000);
    }

    /**
     * Counts one event of {@code reason}; logs when the reason's interval has passed, with
     * {@code detail} of this (the latest) event.
     */
    public void event(String reason, Supplier<String> detail) {
        Reason r = reasons.computeIfAbsent(reason, k -> new Reason());
        long count;
        long since;
        long now = System.nanoTime();
        synchronized (r) {
            r.count++;
            if (r.logged && now - r.lastLogNanos < intervalNanos) {
                return;
            }
            count = r.count;
            since = r.logged ? (now - r.lastLogNanos) / 1_000_000 : 0;
            r.count = 0;
            r.lastLogNanos = now;
            r.logged = true;
        }
        if (count == 1) {
            log.log(level, "{0}: {1}", reason, detail.get());
        } else {
            log.log(level, "{0}: {1} times in the last {2} ms, latest: {3}", reason, Long.toString(count),
                    Long.toString(since), detail.get());
        }
    }

    /** Events counted but not yet logged for {@code reason} (for tests). */
    public long pending(String reason) {
        Reason r = reasons.get(reason);
        if (r == null) {
            return 0;
        }
        synchronized (r) {
            return r.count;
        }
    }
}
