package io.srs.app.server;

import io.srs.core.log.RepeatedEvents;

import java.lang.System.Logger.Level;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * Closes connections that have not published or played by their deadline
 * ({@code rtmp_limits.connect_timeout} from accept), however slowly their bytes trickle in:
 * per-read timeouts alone let a peer that sends a byte every 29 s keep a slot forever.
 *
 * <p>One virtual thread sleeps until the earliest deadline. Thread-safe; entries of connections
 * that became trusted or closed early are dropped when their time comes.
 */
public final class ConnectDeadlines implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConnectDeadlines.class.getName());

    private record Entry(SocketConnection conn, long atNanos, long timeoutMillis) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(atNanos, ((Entry) o).atNanos);
        }
    }

    private final DelayQueue<Entry> queue = new DelayQueue<>();
    private final RepeatedEvents closed = new RepeatedEvents(LOG, Level.WARNING);
    private final Thread thread = Thread.ofVirtual().name("connect-deadlines").start(this::run);

    /** Closes {@code conn} {@code timeoutMillis} after its accept unless it is trusted by then. */
    public void watch(SocketConnection conn, long timeoutMillis) {
        queue.add(new Entry(conn, conn.acceptedNanos() + timeoutMillis * 1_000_000L, timeoutMillis));
    }

    private void run() {
        while (true) {
            Entry e;
            try {
                e = queue.take();
            } catch (InterruptedException ie) {
                return;
            }
            SocketConnection c = e.conn;
            if (!c.trusted() && !c.socket().isClosed()) {
                c.close();
                closed.event("rtmp: closed connections that did not publish or play within rtmp_limits.connect_timeout "
                        + e.timeoutMillis + " ms", () -> "client " + c.id() + " from " + c.ip());
            }
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        queue.clear();
    }
}
