package io.srs.app.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies {@code SRS_*} environment variables to a configuration tree (SRS 5+). The variable
 * for a directive is {@code SRS_} + its dotted path upper-cased with dots turned into
 * underscores: {@code listen} is {@code SRS_LISTEN}, {@code http_api.enabled} is
 * {@code SRS_HTTP_API_ENABLED}, and {@code vhost.hls.hls_fragment} is
 * {@code SRS_VHOST_HLS_HLS_FRAGMENT}, which applies to every vhost.
 *
 * <p>SRS checks the environment inside each getter; we write the values into the tree instead
 * (creating blocks that are missing), so that the snapshot, its validation and
 * {@link ConfigDiff} all see one set of values. Empty values are ignored, as in SRS. Aliases
 * SRS also reads: {@code SRS_LOG_TANK}, {@code SRS_LOG_LEVEL}, {@code SRS_LOG_LEVEL_V2},
 * {@code SRS_LOG_FILE} (used when the {@code SRS_SRS_*} form is absent), and
 * {@code SRS_VHOST_CHUNK_SIZE} also sets the global {@code chunk_size} (SRS's
 * {@code get_global_chunk_size} reads that variable) unless {@code SRS_CHUNK_SIZE} is set.
 *
 * <p>The environment is always passed in; nothing here reads {@link System#getenv()}.
 * Stateless and thread-safe.
 */
public final class EnvOverrides {
    private static final List<String> PATHS = Schema.envPaths();
    private static final Map<String, String> ALIASES = Map.of(
            "srs_log_tank", "SRS_LOG_TANK",
            "srs_log_level", "SRS_LOG_LEVEL",
            "srs_log_level_v2", "SRS_LOG_LEVEL_V2",
            "srs_log_file", "SRS_LOG_FILE",
            "chunk_size", "SRS_VHOST_CHUNK_SIZE");

    private EnvOverrides() {
    }

    /** The variable name for a dotted directive path, e.g. {@code SRS_HTTP_API_ENABLED}. */
    public static String variable(String path) {
        return "SRS_" + path.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** Every dotted path an environment variable may set. */
    public static List<String> paths() {
        return PATHS;
    }

    public static Directive apply(Directive root, Map<String, String> env) {
        MutableDirective r = MutableDirective.of(root);
        for (String path : PATHS) {
            String name = variable(path);
            String value = env.get(name);
            if (isEmpty(value) && ALIASES.containsKey(path)) {
                name = ALIASES.get(path);
                value = env.get(name);
            }
            if (isEmpty(value)) {
                continue;
            }
            List<String> args = Schema.LISTS.contains(path)
                    ? Arrays.stream(value.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList()
                    : List.of(value.trim());
            String[] parts = path.split("\\.");
            if (parts[0].equals("vhost")) {
                for (MutableDirective c : r.children) {
                    if (c.name.equals("vhost")) {
                        set(c, parts, 1, args, name);
                    }
                }
            } else {
                set(r, parts, 0, args, name);
            }
        }
        return r.freeze();
    }

    private static void set(MutableDirective parent, String[] parts, int i, List<String> args, String variable) {
        MutableDirective origin = new MutableDirective(variable, List.of(), false, "env:" + variable, 0);
        MutableDirective at = parent;
        for (int k = i; k < parts.length - 1; k++) {
            at = at.getOrCreate(parts[k], true, origin);
        }
        MutableDirective leaf = at.get(parts[parts.length - 1]);
        if (leaf == null) {
            leaf = new MutableDirective(parts[parts.length - 1], args, false, origin.file, 0);
            at.children.add(leaf);
        } else {
            int idx = at.children.indexOf(leaf);
            at.children.set(idx, new MutableDirective(leaf.name, args, false, origin.file, 0));
        }
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isBlank();
    }
}
