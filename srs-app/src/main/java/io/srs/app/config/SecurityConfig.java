package io.srs.app.config;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code vhost.security { enabled; allow|deny publish|play all|<ip>|<cidr>; … }}: the IP access
 * list. When enabled, deny rules are checked before allow rules and no matching allow rule
 * means denied (see {@code SrsSecurity}). Immutable.
 *
 * @param rules the allow and deny rules in the order written
 */
public record SecurityConfig(boolean enabled, List<Rule> rules) {
    public SecurityConfig {
        rules = List.copyOf(rules);
    }

    public enum Action { ALLOW, DENY }

    public enum Method { PUBLISH, PLAY }

    /** What a rule's target is: every client, one IP, or an IPv4 CIDR range. */
    public enum TargetKind { ALL, IP, CIDR }

    /** One {@code allow|deny publish|play target;} line. */
    public record Rule(Action action, Method method, String target) {
        public TargetKind kind() {
            if (target.equals("all")) {
                return TargetKind.ALL;
            }
            return target.indexOf('/') >= 0 ? TargetKind.CIDR : TargetKind.IP;
        }
    }

    static SecurityConfig of(Directive vhost) {
        Directive b = vhost == null ? null : vhost.get("security");
        List<Rule> rules = new ArrayList<>();
        if (b != null) {
            for (Directive d : b.children()) {
                if (d.name().equals("allow") || d.name().equals("deny")) {
                    rules.add(rule(d));
                }
            }
        }
        return new SecurityConfig(Values.preferFalse(b, "enabled", Defaults.SECURITY_ENABLED), rules);
    }

    private static Rule rule(Directive d) {
        String method = d.arg0();
        if (d.args().size() != 2 || !(method.equals("publish") || method.equals("play"))) {
            throw ConfigException.at(d, "security rule '" + d.name() + " " + String.join(" ", d.args())
                    + "' is invalid (expected '" + d.name() + " publish|play all|<ip>|<cidr>;')");
        }
        return new Rule(d.name().equals("allow") ? Action.ALLOW : Action.DENY,
                method.equals("publish") ? Method.PUBLISH : Method.PLAY, d.arg(1));
    }
}
