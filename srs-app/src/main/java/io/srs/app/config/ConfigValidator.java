package io.srs.app.config;

import io.srs.core.ErrorCode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The structural checks of {@code SrsConfig::check_normal_config}: the file is not empty, every
 * directive name is known in its block (the allow-lists of {@link Schema}), vhosts are named and
 * unique, ingest ids are unique per vhost, and the few cross-directive conflicts SRS rejects.
 * Value checks (numbers, ports, enums) happen when {@link SrsConfig} reads the values.
 *
 * <p>Stateless and thread-safe.
 */
final class ConfigValidator {
    private ConfigValidator() {
    }

    /** Checks names and structure of a transformed, env-applied tree. */
    static void checkStructure(Directive root, boolean envOnly) {
        if (!envOnly && root.children().isEmpty()) {
            throw new ConfigException(ErrorCode.SYSTEM_CONFIG_INVALID, root.file(), 1,
                    "conf is empty (expected at least 'listen' and a vhost)");
        }
        for (Directive d : root.children()) {
            if (!Schema.TOP_LEVEL.contains(d.name())) {
                throw ConfigException.at(d, "illegal directive " + d.name() + " (not a top-level directive of SRS)");
            }
            if (d.name().equals("vhost")) {
                checkVhost(d);
            } else {
                checkBlock(d, d.name(), "");
            }
        }
        if (!envOnly && root.get("listen") == null) {
            throw new ConfigException(ErrorCode.SYSTEM_CONFIG_INVALID, root.file(), 0,
                    "listen requires params (expected 'listen <port>;' at top level)");
        }
        Directive listen = root.get("listen");
        if (listen != null && listen.args().isEmpty()) {
            throw ConfigException.at(listen, "listen requires params (expected 'listen [ip:]port ...;')");
        }
        Map<String, Directive> seen = new HashMap<>();
        for (Directive v : root.getAll("vhost")) {
            Directive first = seen.putIfAbsent(v.arg0(), v);
            if (first != null) {
                throw ConfigException.at(v, "duplicated vhost " + v.arg0() + " (first defined at "
                        + first.location() + ")");
            }
        }
    }

    private static void checkVhost(Directive v) {
        if (v.arg0().isEmpty()) {
            throw ConfigException.at(v, "vhost has no name (expected 'vhost <name> { ... }')");
        }
        String of = " in vhost " + v.arg0();
        Set<String> ingestIds = new HashSet<>();
        int remuxes = 0;
        for (Directive c : v.children()) {
            if (!Schema.VHOST.contains(c.name())) {
                throw ConfigException.at(c, "illegal directive vhost." + c.name() + of);
            }
            checkBlock(c, "vhost." + c.name(), of);
            if (c.name().equals("ingest") && !ingestIds.add(c.arg0())) {
                throw ConfigException.at(c, "duplicated ingest id '" + c.arg0() + "'" + of);
            }
            if (c.name().equals("http_remux")) {
                remuxes++;
                if (remuxes > 1) {
                    throw ConfigException.at(c, "more than one http_remux" + of + " (expected at most one)");
                }
            }
        }
        boolean hls = Values.preferFalse(v.get("hls"), "enabled", false);
        Directive remux = v.get("http_remux");
        if (hls && remux != null && Values.preferFalse(remux, "enabled", false)
                && Values.string(remux, "mount", "").endsWith(".ts")) {
            throw ConfigException.at(remux, "hls conflicts with http_remux to .ts" + of
                    + " (expected only one of them to write TS)");
        }
    }

    /** Checks {@code d}'s children when {@code path} names a checked block; recurses into known sub-blocks. */
    private static void checkBlock(Directive d, String path, String of) {
        if (Schema.TOLERATED.contains(path)) {
            return;
        }
        Set<String> allowed = Schema.BLOCKS.get(path);
        if (allowed == null) {
            return;
        }
        for (Directive c : d.children()) {
            if (!allowed.contains(c.name())) {
                throw ConfigException.at(c, "illegal directive " + path + "." + c.name() + of);
            }
            checkBlock(c, path + "." + c.name(), of);
        }
    }

    /** Conflicts between values, checked on the typed snapshot. */
    static void checkConflicts(SrsConfig c) {
        if (c.asprocess() && c.daemon()) {
            Directive d = c.root().get("asprocess");
            throw d != null ? ConfigException.at(d, "asprocess conflicts with daemon (expected 'daemon off;')")
                    : new ConfigException(ErrorCode.SYSTEM_CONFIG_INVALID, c.root().file(), 0,
                            "asprocess conflicts with daemon (expected 'daemon off;')");
        }
        for (VhostConfig v : c.vhosts()) {
            if (v.forward().enabled() && !v.publish().kickoffForIdle().isZero()) {
                throw ConfigException.at(v.raw(), "forward conflicts with publish.kickoff_for_idle in vhost "
                        + v.name() + " (expected only one of them)");
            }
        }
    }
}
