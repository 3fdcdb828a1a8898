package io.srs.app.dvr;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.kernel.flv.FlvWriter;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.mp4.FragmentedMp4Writer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One recording file being written: FLV or fragmented MP4, chosen by the path's extension.
 * Writes go through a buffer and are flushed to the file (the page cache) at every video
 * keyframe and at least once a second, so a killed server loses at most about a second of FLV
 * and at most the fragment being collected of an MP4.
 *
 * <p>Not thread-safe: used by its recorder's thread only.
 */
abstract class DvrFile implements AutoCloseable {
    static final int BUFFER_BYTES = 64 * 1024;
    private static final long FLUSH_NANOS = 1_000_000_000L;

    final Path path;
    final FileChannel channel;
    final OutputStream out;
    private long lastFlush = System.nanoTime();
    /** Bytes the file took without an error (by our flushes or a muxer's). */
    private long accepted;

    DvrFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
        OutputStream file = new java.io.FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                accepted += len;
            }
        };
        this.out = new BufferedOutputStream(file, BUFFER_BYTES);
    }

    /** Bytes that reached the file (the page cache) without an error. */
    long acceptedBytes() {
        return accepted;
    }

    /** Opens {@code path} for an FLV or MP4 recording (parent directories must exist). */
    static DvrFile open(Path path) {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException | RuntimeException e) {
            throw new SrsException(ErrorCode.SYSTEM_FILE_OPENE, "open " + path + ": " + e, e);
        }
        return isMp4(path.getFileName().toString()) ? new Mp4(path, ch) : new Flv(path, ch);
    }

    static boolean isMp4(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".mp4");
    }

    /** Writes one message (timestamp already relative to the file's start). */
    abstract void write(MediaMessage m);

    /** Ends the file cleanly (last fragment, durations) and closes it. */
    abstract void finish();

    void flushIfDue(boolean keyframe) {
        long now = System.nanoTime();
        if (keyframe || now - lastFlush >= FLUSH_NANOS) {
            lastFlush = now;
            try {
                out.flush();
            } catch (IOException e) {
                throw writeFailed(e);
            }
        }
    }

    SrsException writeFailed(IOException e) {
        return new SrsException(ErrorCode.SYSTEM_FILE_WRITE, "write " + path + ": " + e.getMessage(), e);
    }

    /** Closes without finishing (after an error); never throws. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Already failing; the recorder logged the cause.
        }
    }

    /** Closes and removes the file (an attempt that recorded nothing usable); never throws. */
    void discard() {
        close();
        try {
            Files.deleteIfExists(path);
        } catch (IOException | RuntimeException e) {
            // A read-only directory keeps it; nothing else to do.
        }
    }

    static Path createParents(Path file) {
        try {
            Path dir = file.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            throw new SrsException(ErrorCode.SYSTEM_CREATE_DIR, "create directory for " + file + ": " + e, e);
        }
    }

    private static final class Flv extends DvrFile {
        private final FlvWriter flv;

        Flv(Path path, FileChannel ch) {
            super(path, ch);
            flv = new FlvWriter(out);
            flv.writeHeader(true, true);
        }

        @Override
        void write(MediaMessage m) {
            flv.write(m);
            flushIfDue(m.isVideo() && io.srs.kernel.codec.VideoTag.isKeyframe(m.payload()));
        }

        @Override
        void finish() {
            try {
                out.flush();
                channel.close();
            } catch (IOException e) {
                throw writeFailed(e);
            }
        }
    }

    private static final class Mp4 extends DvrFile {
        /** A fragment is cut at this size even without a keyframe. */
        private static final long MAX_FRAGMENT_BYTES = 8L * 1024 * 1024;
        private final FragmentedMp4Writer mp4;

        Mp4(Path path, FileChannel ch) {
            super(path, ch);
            // The muxer flushes the stream after every fragment.
            mp4 = new FragmentedMp4Writer(out, MAX_FRAGMENT_BYTES);
        }

        @Override
        void write(MediaMessage m) {
            mp4.write(m);
        }

        @Override
        void finish() {
            try {
                mp4.finish();
                out.flush();
                mp4.patchDuration(channel);
                channel.close();
            } catch (IOException e) {
                throw writeFailed(e);
            }
        }
    }
}
