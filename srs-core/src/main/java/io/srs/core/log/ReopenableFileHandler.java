package io.srs.core.log;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * Appends log lines to a file and can reopen it, so that logrotate can move the file and send
 * SIGUSR1 (SRS's contract) without losing lines. Every record is flushed: a crash must not eat
 * the last lines, and at steady state the log is quiet anyway.
 *
 * <p>Thread-safe (StreamHandler's methods are synchronized).
 */
public final class ReopenableFileHandler extends StreamHandler {
    private final Path file;

    public ReopenableFileHandler(Path file, Formatter formatter) throws IOException {
        this.file = file;
        setFormatter(formatter);
        setOutputStream(open());
    }

    private OutputStream open() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new FileOutputStream(file.toFile(), true);
    }

    /** Closes the current file and opens the path again (a new file if it was moved). */
    public synchronized void reopen() throws IOException {
        setOutputStream(open());
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        super.publish(record);
        flush();
    }
}
