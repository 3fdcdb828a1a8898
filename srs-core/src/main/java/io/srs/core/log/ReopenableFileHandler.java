package io.srs.core.log;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Appends log lines to a file and can reopen it, so that logrotate can move the file and send
 * SIGUSR1 (SRS's contract) without losing lines. Every line goes to the file at once (no
 * buffer): a crash must not eat the last lines, and at steady state the log is quiet anyway.
 *
 * <p>A file that cannot be written (disk full, read-only, removed file system) costs the server
 * nothing but the lines: a line that does not fit is dropped whole (what part of it reached the
 * file is cut off again, so no half line is glued to a later one), the first failure of an
 * outage is one line on stderr, and the first line that fits again is preceded by one line with
 * the count of lines lost. The JDK's stream handler instead prints a stack trace for the first
 * failure of the process only and then writes half lines.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class ReopenableFileHandler extends Handler {
    private final Path file;
    private final PrintStream stderr;
    private FileChannel channel;
    private boolean closed;
    /** Lines dropped since the last line that reached the file, and the latest reason. */
    private long lost;
    private String lostReason;

    public ReopenableFileHandler(Path file, Formatter formatter) throws IOException {
        this(file, formatter, System.err);
    }

    ReopenableFileHandler(Path file, Formatter formatter, PrintStream stderr) throws IOException {
        this.file = file;
        this.stderr = stderr;
        setFormatter(formatter);
        channel = open();
    }

    private FileChannel open() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Closes the current file and opens the path again (a new file if it was moved). */
    public synchronized void reopen() throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            FileChannel next = open();
            closeQuietly();
            channel = next;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public Path file() {
        return file;
    }

    /** Lines dropped since the last line that reached the file (for tests and the API). */
    public synchronized long lostLines() {
        return lost;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (closed || !isLoggable(record)) {
            return;
        }
        String line;
        try {
            line = getFormatter().format(record);
        } catch (RuntimeException e) {
            reportError(null, e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        if (lost > 0) {
            LogRecord notice = new LogRecord(Level.WARNING, "log: " + lost + " lines lost while " + file
                    + " could not be written: " + lostReason);
            notice.setLoggerName(ReopenableFileHandler.class.getName());
            if (!append(getFormatter().format(notice))) {
                lost++;
                return;
            }
            lost = 0;
        }
        if (!append(line)) {
            lost++;
        }
    }

    /**
     * Writes one whole line or nothing; false (and the reason noted) when the file refused it.
     * A FileChannel closes itself when the writing thread is interrupted (a virtual thread of a
     * connection being closed logs its last line that way): the interrupt is set aside while we
     * write and put back after, and a channel closed under us is opened again once.
     */
    private boolean append(String line) {
        boolean interrupted = Thread.interrupted();
        try {
            ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            for (int attempt = 0; ; attempt++) {
                long size = -1;
                try {
                    if (channel == null || !channel.isOpen()) {
                        channel = open();
                    }
                    size = channel.size();
                    while (b.hasRemaining()) {
                        channel.write(b);
                    }
                    return true;
                } catch (java.nio.channels.ClosedChannelException e) {
                    interrupted |= Thread.interrupted();
                    if (attempt > 0) {
                        return failed(e);
                    }
                    b.rewind(); // a closed channel wrote nothing of this line
                } catch (IOException e) {
                    if (size >= 0 && b.position() > 0) {
                        try {
                            channel.truncate(size);
                        } catch (IOException ignored) {
                            // Read-only: nothing was written either.
                        }
                    }
                    return failed(e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean failed(IOException e) {
        String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        if (lost == 0) {
            stderr.println("srs: cannot write the log file " + file + ": " + reason
                    + "; lines are dropped and counted until it can");
        }
        lostReason = reason;
        return false;
    }

    @Override
    public void flush() {
        // Nothing is buffered.
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly();
        channel = null;
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing a file we can no longer write loses nothing more.
            }
        }
    }
}
