package io.srs.app.stats;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** A client connection for statistics tests: settable byte counters, records a kick. */
public final class FakeClient implements ClientHandle {
    private final String id;
    public final AtomicLong sent = new AtomicLong();
    public final AtomicLong received = new AtomicLong();
    public final AtomicBoolean closed = new AtomicBoolean();

    public FakeClient(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String ip() {
        return "10.0.0.9";
    }

    @Override
    public long bytesSent() {
        return sent.get();
    }

    @Override
    public long bytesReceived() {
        return received.get();
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
