package io.srs.app.tls;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Runs server-side TLS handshakes on the connection's own thread under a total deadline: the
 * read timeout alone would let a client that trickles one byte per interval hold the thread
 * for ever, so the socket is also closed when the deadline passes. One timer thread serves
 * every handshake; a finished handshake cancels (and removes) its entry, so nothing is kept
 * past the deadline.
 *
 * <p>Thread-safe; {@link #close()} stops the timer.
 */
public final class TlsHandshake implements AutoCloseable {
    private final Duration deadline;
    private final ScheduledThreadPoolExecutor timer;

    public TlsHandshake(Duration deadline) {
        this.deadline = deadline;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tls-handshake-deadline");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Handshakes now ({@code raw} is the TCP socket under {@code socket}); on return the socket is ready for the protocol.
     *
     * @throws SrsException {@link ErrorCode#HTTPS_HANDSHAKE} with the reason (a plain client on
     *                      the TLS port, no common cipher, the deadline passed)
     */
    public void run(SSLSocket socket, Socket raw) {
        long millis = deadline.toMillis();
        // The raw socket, not the TLS one: closing an SSLSocket mid-handshake may itself wait.
        ScheduledFuture<?> kill = timer.schedule(() -> closeQuietly(raw), millis, TimeUnit.MILLISECONDS);
        try {
            int before = socket.getSoTimeout();
            socket.setSoTimeout((int) millis);
            socket.startHandshake();
            socket.setSoTimeout(before);
        } catch (SocketTimeoutException e) {
            throw new SrsException(ErrorCode.HTTPS_HANDSHAKE, "tls handshake not done in " + millis + " ms");
        } catch (SSLException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            if (why.contains("plaintext") || why.contains("Unsupported or unrecognized SSL message")) {
                why = "not a TLS client (plain rtmp on the rtmps port?): " + why;
            }
            throw new SrsException(ErrorCode.HTTPS_HANDSHAKE, "tls handshake: " + clean(why));
        } catch (IOException e) {
            String why = kill.isDone() ? "not done in " + millis + " ms" : clean(String.valueOf(e.getMessage()));
            throw new SrsException(ErrorCode.HTTPS_HANDSHAKE, "tls handshake: " + why);
        } finally {
            kill.cancel(false);
        }
    }

    /** Peer-influenced text goes into one log line: no control characters. */
    private static String clean(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Closing is best effort; the handshake fails either way.
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
