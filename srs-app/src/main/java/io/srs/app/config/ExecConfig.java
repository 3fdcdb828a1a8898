package io.srs.app.config;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code vhost.exec { enabled; publish <program> <args…>; … }}: processes started when a
 * stream is published. Immutable.
 *
 * @param publish one command line (program and arguments, variables not yet replaced) per
 *                {@code publish} directive, in order
 */
public record ExecConfig(boolean enabled, List<List<String>> publish) {
    public ExecConfig {
        publish = publish.stream().map(List::copyOf).toList();
    }

    static ExecConfig of(Directive vhost) {
        Directive b = vhost == null ? null : vhost.get("exec");
        List<List<String>> commands = new ArrayList<>();
        if (b != null) {
            for (Directive d : b.getAll("publish")) {
                if (d.args().isEmpty()) {
                    throw ConfigException.at(d, "exec publish has no command (expected 'publish <program> [args...];')");
                }
                commands.add(d.args());
            }
        }
        return new ExecConfig(Values.preferFalse(b, "enabled", Defaults.EXEC_ENABLED), commands);
    }
}
