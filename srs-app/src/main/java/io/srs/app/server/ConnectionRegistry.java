package io.srs.app.server;

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
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition emptied = lock.newCondition();

    public void add(Connection c) {
        connections.put(c.id(), c);
    }

    public void remove(Connection c) {
        connections.remove(c.id(), c);
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
