package io.srs.app.server;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.log.RepeatedEvents;
import io.srs.rtmp.chunk.ChunkMemory;

import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;

/**
 * One budget, {@code rtmp_limits.preauth_bytes}, for the bytes that all connections which have
 * not yet published or played hold in unfinished messages. Strangers cost nothing the server
 * has not agreed to: past the budget, the newest strangers that hold bytes are closed first,
 * so connections that were already there (and are likely to be real clients finishing their
 * connect) keep going. A connection leaves the budget once it is trusted.
 *
 * <p>Thread-safe: each connection's reading thread reports through its own {@link Account};
 * the accounts and the total are guarded by this object's monitor.
 */
public final class PreAuthMemory {
    private static final System.Logger LOG = System.getLogger(PreAuthMemory.class.getName());

    private final IntSupplier budget;
    private final RepeatedEvents evictions = new RepeatedEvents(LOG, Level.WARNING);
    /** Accounts of untrusted connections, oldest first; guarded by this. */
    private final TreeMap<Long, Account> accounts = new TreeMap<>();
    private long total;
    private long nextSeq;

    public PreAuthMemory(IntSupplier budget) {
        this.budget = budget;
    }

    /** Opens the account of a newly accepted connection; close it when the connection ends. */
    public synchronized Account open(SocketConnection conn) {
        Account a = new Account(nextSeq++, conn);
        accounts.put(a.seq, a);
        return a;
    }

    /** Bytes held by untrusted connections now. */
    public synchronized long total() {
        return total;
    }

    private void evictNewest(int limit) {
        Iterator<Map.Entry<Long, Account>> it = accounts.descendingMap().entrySet().iterator();
        while (total > limit && it.hasNext()) {
            Account a = it.next().getValue();
            if (a.conn.trusted()) {
                it.remove();
                a.leave();
                continue;
            }
            if (a.held == 0) {
                continue;
            }
            long bytes = a.held;
            it.remove();
            // Evicted before out of the budget: the lock-free check in acquire relies on it.
            a.evicted = true;
            a.leave();
            a.conn.close();
            evictions.event("rtmp: closed unauthenticated connections over rtmp_limits.preauth_bytes " + limit,
                    () -> "client " + a.conn.id() + " from " + a.conn.ip() + " held " + bytes + " bytes");
        }
    }

    /**
     * One connection's share. Called by its reading thread; {@link #close()} also by the
     * thread that ends the connection.
     */
    public final class Account implements ChunkMemory, AutoCloseable {
        private final long seq;
        private final SocketConnection conn;
        /** Guarded by the outer monitor. */
        private long held;
        /**
         * Written under the outer monitor; volatile so that a trusted connection (a publisher
         * reports every message it reads) takes no lock at all once it left the budget.
         */
        private volatile boolean inBudget = true;
        private volatile boolean evicted;

        private Account(long seq, SocketConnection conn) {
            this.seq = seq;
            this.conn = conn;
        }

        @Override
        public void acquire(int bytes) {
            if (!inBudget) {
                // Out of the budget for good: trusted, or evicted (then evicted is already set).
                if (evicted) {
                    throw refused();
                }
                return;
            }
            synchronized (PreAuthMemory.this) {
                if (evicted) {
                    throw refused();
                }
                if (!inBudget) {
                    return;
                }
                if (conn.trusted()) {
                    accounts.remove(seq);
                    leave();
                    return;
                }
                held += bytes;
                total += bytes;
                int limit = budget.getAsInt();
                if (total > limit) {
                    evictNewest(limit);
                }
                if (evicted) {
                    throw refused();
                }
            }
        }

        @Override
        public void release(int bytes) {
            if (!inBudget) {
                return;
            }
            synchronized (PreAuthMemory.this) {
                if (inBudget) {
                    held -= bytes;
                    total -= bytes;
                }
            }
        }

        @Override
        public void close() {
            synchronized (PreAuthMemory.this) {
                if (inBudget) {
                    accounts.remove(seq);
                    leave();
                }
            }
        }

        /** Takes this account's bytes out of the total; the caller removed it from the map. */
        private void leave() {
            total -= held;
            held = 0;
            inBudget = false;
        }

        /** A graceful close: the summary line of the evictions is the warning, not one line each. */
        private SrsException refused() {
            return new SrsException(ErrorCode.SOCKET_CLOSED,
                    "unauthenticated connections hold more than rtmp_limits.preauth_bytes");
        }
    }
}
