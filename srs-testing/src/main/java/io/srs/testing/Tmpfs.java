package io.srs.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small real file system for disk-fault tests (full, read-only): a tmpfs mounted by the test
 * (needs root; {@link CiRule}: fails under CI, skips elsewhere) and unmounted by {@link #close}.
 *
 * <p>Not thread-safe: one test uses it.
 */
public final class Tmpfs implements AutoCloseable {
    public final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code size} (mount's syntax: 64k, 8m) at {@code dir}, created if needed. */
    public static Tmpfs mount(Path dir, String size) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        if (run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()) != 0) {
            CiRule.cannotRun("mount -t tmpfs needs root", System.getenv());
        }
        return new Tmpfs(dir);
    }

    /** Writes {@code file} until the file system is full; returns the file (delete it to free the space). */
    public Path fill(String file) throws IOException {
        Path f = dir.resolve(file);
        try (OutputStream o = Files.newOutputStream(f)) {
            byte[] b = new byte[1024];
            while (true) {
                o.write(b);
            }
        } catch (IOException full) {
            // No space left on device: what we wanted.
        }
        return f;
    }

    /** Remounts read-only ({@code true}) or read-write. */
    public void readOnly(boolean on) throws IOException, InterruptedException {
        if (run("mount", "-o", on ? "remount,ro" : "remount,rw", dir.toString()) != 0) {
            throw new IOException("remount " + (on ? "ro" : "rw") + " " + dir + " failed");
        }
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", dir.toString());
    }
}
