package io.srs.app.httpstream;

import org.xnio.Buffers;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.WriteReadyHandler;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * Blocking writes from a viewer's virtual thread on the non-blocking XNIO connection under an
 * HTTP response: a gathering write goes straight to the socket ({@code writev}); when the socket
 * is full the thread parks until the connection's IO thread reports it writable. (XNIO's own
 * {@code awaitWritable} would open a selector per virtual thread.)
 *
 * <p>Installs itself as the connection's write-ready handler: once the response head is out,
 * nothing else writes to the connection.
 *
 * <p>Thread-safe: writes come from the viewer's thread; {@link #writeReady} and the other
 * handler calls from the IO thread; {@link #close} from any thread, waking a parked writer.
 */
final class ConduitChannel implements GatheringByteChannel, WriteReadyHandler {
    /** A parked writer checks again at least this often, whatever the IO thread reports. */
    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final StreamSinkConduit conduit;
    private volatile Thread waiter;
    private volatile boolean closed;

    ConduitChannel(StreamSinkConduit conduit) {
        this.conduit = conduit;
        conduit.setWriteReadyHandler(this);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        while (true) {
            if (closed) {
                throw new ClosedChannelException();
            }
            long n = conduit.write(srcs, offset, length);
            if (n != 0 || !Buffers.hasRemaining(srcs, offset, length)) {
                return n;
            }
            awaitWritable();
        }
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[]{src}, 0, 1);
    }

    private void awaitWritable() throws IOException {
        waiter = Thread.currentThread();
        try {
            conduit.resumeWrites();
            LockSupport.parkNanos(this, RECHECK_NANOS);
        } finally {
            waiter = null;
        }
        if (Thread.interrupted()) {
            // The write watchdog: the peer stopped reading.
            throw new InterruptedIOException("write interrupted");
        }
    }

    /** IO thread: the socket can take bytes again. */
    @Override
    public void writeReady() {
        conduit.suspendWrites();
        wake();
    }

    @Override
    public void forceTermination() {
        wake();
    }

    @Override
    public void terminated() {
        wake();
    }

    private void wake() {
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    /** Fails the current and later writes; the caller closes the connection. */
    @Override
    public void close() {
        closed = true;
        wake();
    }
}
