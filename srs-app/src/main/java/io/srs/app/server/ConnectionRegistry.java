package io.srs.app.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * All live client connections by id, for max_connections, the HTTP API, kicks and graceful
 * shutdown. Thread-safe.
 */
public final class ConnectionRegistry {
    private final ConcurrentHashMap<String, Connection> connections = new ConcurrentHashMap<>();
    /** Connections per peer address, for max_connections_per_ip; entries vanish at zero. */
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition emptied = lock.newCondition();

    public void add(Connection c) {
        connections.put(c.id(), c);
        InetAddress a = address(c);
        if (a != null) {
            perAddress.merge(a, 1, Integer::sum);
        }
    }

    /**
     * Adds {@code c} unless its address already has {@code perAddressCap} connections; atomic
     * per address, so a burst from one address cannot overshoot the cap.
     */
    public boolean addIfUnder(Connection c, int perAddressCap) {
        InetAddress a = address(c);
        if (a == null) {
            add(c);
            return true;
        }
        boolean[] added = new boolean[1];
        perAddress.compute(a, (k, v) -> {
            int n = v == null ? 0 : v;
            if (n >= perAddressCap) {
                return v;
            }
            added[0] = true;
            return n + 1;
        });
        if (added[0]) {
            connections.put(c.id(), c);
        }
        return added[0];
    }

    /** Connections from {@code a} now. */
    public int countFrom(InetAddress a) {
        return perAddress.getOrDefault(a, 0);
    }

    private static InetAddress address(Connection c) {
        InetSocketAddress r = c.remote();
        return r == null ? null : r.getAddress();
    }

    public void remove(Connection c) {
        if (connections.remove(c.id(), c)) {
            InetAddress a = address(c);
            if (a != null) {
                perAddress.computeIfPresent(a, (k, v) -> v <= 1 ? null : v - 1);
            }
        }
        if (connections.isEmpty()) {
            lock.lock();
            try {
                emptied.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    public int size() {
        return connections.size();
    }

    public Optional<Connection> find(String id) {
        return Optional.ofNullable(connections.get(id));
    }

    public Collection<Connection> all() {
        return Collections.unmodifiableCollection(connections.values());
    }

    public void closeAll() {
        connections.values().forEach(Connection::close);
    }

    /** Waits until no connection is left or the time is up; returns whether it emptied. */
    public boolean awaitEmpty(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        lock.lock();
        try {
            while (!connections.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                emptied.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
