package io.srs.main;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The pid file, held locked for the life of the process like SRS does (fcntl lock; Java's
 * FileLock is the same POSIX lock on Linux). A second server with the same pid file is refused,
 * and a stale file left by a crash is simply taken over.
 *
 * <p>The pid written is the process that operators should signal: the {@code ./srs} launcher
 * when it supervises us (it forwards signals and maps SIGQUIT, which a JVM cannot catch), else
 * this JVM.
 */
public final class PidFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private PidFile(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    public static PidFile acquire(Path path, long pid) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                String holder = readPid(ch).map(p -> " (pid " + p + ")").orElse("");
                ch.close();
                throw new SrsException(ErrorCode.SYSTEM_PID_ALREADY_RUNNING,
                        "pid file " + path + " is held by a running server" + holder);
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(true);
            return new PidFile(path, ch, lock);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new SrsException(ErrorCode.SYSTEM_PID_ACQUIRE, "cannot write pid file " + path.toAbsolutePath()
                    + ": " + e.getFile() + " is not a directory; fix the path or change pid", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new SrsException(ErrorCode.SYSTEM_PID_ACQUIRE, "cannot write pid file " + path.toAbsolutePath()
                    + ": permission denied on " + e.getFile() + "; fix its permissions or change pid", e);
        } catch (IOException e) {
            throw new SrsException(ErrorCode.SYSTEM_PID_ACQUIRE, "cannot write pid file " + path.toAbsolutePath()
                    + ": " + e.getMessage() + "; fix the path or change pid", e);
        }
    }

    private static Optional<Long> readPid(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        ch.read(buf, 0);
        String s = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
        try {
            return s.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public Path path() {
        return path;
    }

    /** Releases the lock and deletes the file. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // Exiting anyway; a leftover file is harmless because the lock is what counts.
        }
    }
}
