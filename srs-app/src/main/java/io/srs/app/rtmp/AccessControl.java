package io.srs.app.rtmp;

import io.srs.app.config.ReferConfig;
import io.srs.app.config.SecurityConfig;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.net.InetAddress;
import java.util.List;

/**
 * The {@code refer} (pageUrl domain allow-list) and {@code security} (IP allow/deny) checks of
 * a vhost. Ports of {@code SrsRefer} and {@code SrsSecurity}. Pure functions, thread-safe.
 */
public final class AccessControl {
    private AccessControl() {
    }

    /**
     * refer: with rules present, the pageUrl's host must be one of them or a subdomain of one
     * ({@code example.com} accepts {@code example.com} and {@code www.example.com}, never
     * {@code evilexample.com}, which SRS's plain suffix match accepts). Case-insensitive.
     */
    static void checkRefer(String pageUrl, List<String> rules) {
        if (rules.isEmpty()) {
            return;
        }
        String host = hostOf(pageUrl);
        for (String r : rules) {
            String rule = (r.startsWith(".") ? r.substring(1) : r).toLowerCase(java.util.Locale.ROOT);
            if (!rule.isEmpty() && (host.equals(rule) || host.endsWith("." + rule))) {
                return;
            }
        }
        throw new SrsException(ErrorCode.RTMP_ACCESS_DENIED,
                "refer check failed for pageUrl=" + io.srs.core.log.PeerText.escape(pageUrl));
    }

    /** The host of a page url: no scheme, user info, port or path; lower case. */
    static String hostOf(String pageUrl) {
        String host = pageUrl;
        int p = host.indexOf("://");
        if (p >= 0) {
            host = host.substring(p + 3);
        }
        p = indexOfAny(host, "/?#");
        if (p >= 0) {
            host = host.substring(0, p);
        }
        p = host.lastIndexOf('@');
        if (p >= 0) {
            host = host.substring(p + 1);
        }
        p = host.indexOf(':');
        if (p >= 0) {
            host = host.substring(0, p);
        }
        return host.toLowerCase(java.util.Locale.ROOT);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    static void checkRefer(ReferConfig refer, String pageUrl, boolean publish) {
        if (!refer.enabled()) {
            return;
        }
        checkRefer(pageUrl, refer.all());
        checkRefer(pageUrl, publish ? refer.publish() : refer.play());
    }

    /**
     * security: deny rules first, then allow rules; with security enabled and no rule that
     * allows, the client is refused (SRS's default deny), unless only deny rules exist.
     */
    public static void checkSecurity(SecurityConfig security, boolean publish, String ip) {
        if (!security.enabled()) {
            return;
        }
        SecurityConfig.Method method = publish ? SecurityConfig.Method.PUBLISH : SecurityConfig.Method.PLAY;
        int allows = 0;
        int denies = 0;
        for (SecurityConfig.Rule r : security.rules()) {
            if (r.action() == SecurityConfig.Action.DENY) {
                denies++;
                if (r.method() == method && matches(r, ip)) {
                    throw new SrsException(ErrorCode.SYSTEM_SECURITY_DENY, "deny by rule " + r.target() + " for " + ip);
                }
            }
        }
        for (SecurityConfig.Rule r : security.rules()) {
            if (r.action() == SecurityConfig.Action.ALLOW) {
                allows++;
                if (r.method() == method && matches(r, ip)) {
                    return;
                }
            }
        }
        if (allows > 0 || denies + allows == 0) {
            throw new SrsException(ErrorCode.SYSTEM_SECURITY_ALLOW,
                    "not allowed by any of " + allows + "/" + denies + " rules for " + ip);
        }
    }

    static boolean matches(SecurityConfig.Rule r, String ip) {
        return switch (r.kind()) {
            case ALL -> true;
            case IP -> r.target().equals(ip);
            case CIDR -> inCidr(ip, r.target());
        };
    }

    /** IPv4 and IPv6 CIDR match; malformed rules or addresses never match. */
    static boolean inCidr(String ip, String cidr) {
        int slash = cidr.indexOf('/');
        try {
            byte[] net = InetAddress.ofLiteral(cidr.substring(0, slash)).getAddress();
            byte[] addr = InetAddress.ofLiteral(ip).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (net.length != addr.length || bits < 0 || bits > net.length * 8) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((net[i / 8] & mask) != (addr[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return false;
        }
    }

}
