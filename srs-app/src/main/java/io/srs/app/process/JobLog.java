package io.srs.app.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A job's output: appended to its log file, which never grows past {@link #MAX_BYTES} (it is then
 * moved to {@code <name>.1}, replacing the previous one, so a job holds at most twice that on
 * disk), and the last lines kept in memory to explain a crash. With no file the output is only
 * kept in memory ({@code ff_log_dir /dev/null}).
 *
 * <p>Owned by the job's thread; {@link #tail} may be called from others.
 */
final class JobLog implements AutoCloseable {
    static final long MAX_BYTES = 4L << 20;
    private static final int TAIL_LINES = 8;
    private static final int MAX_LINE = 300;

    private final Path file;
    private OutputStream out;
    private long size;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final StringBuilder line = new StringBuilder();

    JobLog(Path file) {
        this.file = file;
    }

    /** Opens (appends to) the file; a file that cannot be opened means the output is dropped. */
    String open() {
        if (file == null) {
            return null;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            size = Files.size(file);
            return null;
        } catch (IOException e) {
            out = null;
            return "cannot open log " + file + ": " + e.getMessage();
        }
    }

    void header(String text) {
        write(("\n" + text + "\n").getBytes(StandardCharsets.UTF_8), false);
    }

    /** Output of the process. */
    void write(byte[] b, int n) {
        byte[] copy = n == b.length ? b : java.util.Arrays.copyOf(b, n);
        write(copy, true);
    }

    private void write(byte[] b, boolean remember) {
        if (remember) {
            remember(b);
        }
        if (out == null) {
            return;
        }
        try {
            if (size + b.length > MAX_BYTES) {
                rotate();
            }
            out.write(b);
            size += b.length;
        } catch (IOException e) {
            closeQuietly();
        }
    }

    private void rotate() throws IOException {
        out.close();
        Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        size = 0;
    }

    private void remember(byte[] b) {
        synchronized (tail) {
            for (byte x : b) {
                // FFmpeg ends progress lines with \r: treat both as line ends.
                if (x == '\n' || x == '\r') {
                    if (!line.isEmpty()) {
                        tail.addLast(line.toString());
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                        line.setLength(0);
                    }
                } else if (line.length() < MAX_LINE) {
                    // Never log raw control characters.
                    line.append(x < 0x20 || x == 0x7f ? '?' : (char) (x & 0xff));
                }
            }
        }
    }

    /** The last lines the process wrote. */
    List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    void clearTail() {
        synchronized (tail) {
            tail.clear();
            line.setLength(0);
        }
    }

    private void closeQuietly() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // nothing left to do with a log we cannot write
        }
        out = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
