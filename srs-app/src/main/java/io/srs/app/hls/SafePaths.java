package io.srs.app.hls;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Guards the file system against names that come from clients. Stream and app names end up in
 * file paths (the {@code [app]}/{@code [stream]} of {@code hls_m3u8_file} and {@code hls_ts_file}),
 * so a publisher must never be able to write outside {@code hls_path}: names are checked one by
 * one, and every resolved path is checked again against its root after normalisation.
 *
 * <p>Stateless; thread-safe.
 */
public final class SafePaths {
    /** Longest name segment in bytes: leaves room for {@code -<seq>.ts.tmp} under NAME_MAX (255). */
    public static final int MAX_SEGMENT_BYTES = 200;
    /** Longest app (all its segments). */
    public static final int MAX_APP_BYTES = 1024;

    private SafePaths() {
    }

    /**
     * Refuses a client-given name used in paths: empty, {@code .} or {@code ..} segments, a
     * {@code /} (unless {@code allowSlash}, then checked per segment; never leading or trailing),
     * {@code \}, {@code %} (an encoded name would mean something else to the HTTP server),
     * control characters, or too long.
     *
     * @throws SrsException {@link ErrorCode#SYSTEM_SECURITY}
     */
    public static void checkName(String what, String value, boolean allowSlash) {
        if (value == null || value.isEmpty()) {
            throw refuse(what, "", "empty");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > (allowSlash ? MAX_APP_BYTES : MAX_SEGMENT_BYTES)) {
            throw refuse(what, value, "too long (" + bytes + " bytes)");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw refuse(what, value, "control character");
            }
            if (c == '\\' || c == '%') {
                throw refuse(what, value, "character '" + c + "'");
            }
            if (c == '/' && !allowSlash) {
                throw refuse(what, value, "character '/'");
            }
        }
        for (String segment : value.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw refuse(what, value, "empty, '.' or '..' path segment");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw refuse(what, value, "path segment too long");
            }
        }
    }

    /** Checks vhost, app (may hold {@code /}) and stream of a stream name. */
    public static void checkStream(StreamName n) {
        checkName("vhost", n.vhost(), false);
        checkName("app", n.app(), true);
        checkName("stream", n.stream(), false);
    }

    /**
     * {@code root/relative}, normalised, refusing anything that is not strictly below
     * {@code root} (absolute paths, {@code ..} escapes, NUL bytes).
     */
    public static Path resolveInside(Path root, String relative) {
        Path base = root.toAbsolutePath().normalize();
        Path p;
        try {
            if (relative.indexOf('\0') >= 0) {
                throw new InvalidPathException(relative, "NUL character");
            }
            Path rel = Path.of(relative);
            if (rel.isAbsolute()) {
                throw refuse("path", relative, "absolute");
            }
            p = base.resolve(rel).normalize();
        } catch (InvalidPathException e) {
            throw refuse("path", relative, e.getReason());
        }
        if (!p.startsWith(base) || p.equals(base)) {
            throw refuse("path", relative, "outside " + base);
        }
        return p;
    }

    private static SrsException refuse(String what, String value, String why) {
        return new SrsException(ErrorCode.SYSTEM_SECURITY,
                "unsafe " + what + " '" + StreamName.printable(value) + "': " + why);
    }
}
