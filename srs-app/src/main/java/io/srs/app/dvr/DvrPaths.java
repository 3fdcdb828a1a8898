package io.srs.app.dvr;

import io.srs.app.hls.PathTemplate;
import io.srs.app.hls.SafePaths;
import io.srs.app.hls.StreamName;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Builds a recording's file name from {@code dvr_path} ({@code srs_path_build_stream} and
 * {@code srs_path_build_timestamp} in SRS). The directory part of the template before its first
 * variable is the root: names from the client (app, stream) are checked one by one and the
 * result must stay inside that root, so a stream name can never write elsewhere.
 *
 * <p>Stateless; thread-safe.
 */
final class DvrPaths {
    /**
     * @param name the file name as built (what hooks and the API report, like SRS)
     * @param path where it is written (normalised, inside the root)
     */
    record Resolved(String name, Path path) {
    }

    private DvrPaths() {
    }

    /** A dvr_path naming a directory (no .flv/.mp4) gets SRS's file name added. */
    static String withFileName(String template) {
        String lower = template.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".flv") || lower.endsWith(".mp4")) {
            return template;
        }
        return template + "/[stream].[timestamp].flv";
    }

    /** @throws io.srs.core.SrsException SYSTEM_SECURITY for unsafe names or paths */
    static Resolved resolve(String template, StreamName stream, Instant now, ZoneId zone) {
        SafePaths.checkStream(stream);
        template = withFileName(template);
        int firstVar = template.indexOf('[');
        String fixed = firstVar < 0 ? template : template.substring(0, firstVar);
        int slash = fixed.lastIndexOf('/');
        String root = slash < 0 ? "" : template.substring(0, slash + 1);
        String built = PathTemplate.time(PathTemplate.stream(template, stream), now, zone, null);
        Path path = SafePaths.resolveInside(Path.of(root.isEmpty() ? "." : root), built.substring(root.length()));
        return new Resolved(built, path);
    }

    /**
     * The same name with {@code .1}, {@code .2} ... before the extension, the first that does not
     * exist: where a recording resumes after a failure whose partial file has the same name.
     */
    static Resolved besides(Resolved r) {
        for (int n = 1; ; n++) {
            Resolved c = new Resolved(numbered(r.name(), n), r.path().resolveSibling(numbered(
                    r.path().getFileName().toString(), n)));
            if (!java.nio.file.Files.exists(c.path())) {
                return c;
            }
        }
    }

    private static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        return dot > slash ? name.substring(0, dot) + "." + n + name.substring(dot) : name + "." + n;
    }
}
