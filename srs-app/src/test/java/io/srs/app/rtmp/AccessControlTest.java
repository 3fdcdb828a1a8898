package io.srs.app.rtmp;

import io.srs.app.config.ReferConfig;
import io.srs.app.config.SecurityConfig;
import io.srs.app.config.SecurityConfig.Action;
import io.srs.app.config.SecurityConfig.Method;
import io.srs.app.config.SecurityConfig.Rule;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessControlTest {
    @Test
    void referMatchesTheHostSuffix() {
        assertDoesNotThrow(() -> AccessControl.checkRefer("http://www.example.com:8080/a/b.html", List.of("example.com")));
        assertDoesNotThrow(() -> AccessControl.checkRefer("https://example.com", List.of("other.org", "example.com")));
        assertThrows(SrsException.class, () -> AccessControl.checkRefer("http://example.com.evil.org/", List.of("example.com")));
        assertThrows(SrsException.class, () -> AccessControl.checkRefer("", List.of("example.com")));
        assertDoesNotThrow(() -> AccessControl.checkRefer("anything", List.of()));
        // Whole labels only: SRS's suffix match accepts evilexample.com for example.com.
        assertThrows(SrsException.class, () -> AccessControl.checkRefer("http://evilexample.com/", List.of("example.com")));
        assertThrows(SrsException.class, () -> AccessControl.checkRefer("http://example.com@evil.org/", List.of("example.com")));
        assertDoesNotThrow(() -> AccessControl.checkRefer("http://example.com/", List.of("example.com")));
        assertDoesNotThrow(() -> AccessControl.checkRefer("HTTP://Sub.Example.COM/x", List.of("example.com")));
        assertDoesNotThrow(() -> AccessControl.checkRefer("http://a.example.com?x", List.of(".example.com")));
    }

    @Test
    void referChecksAllThenTheMethodList() {
        ReferConfig refer = new ReferConfig(true, List.of(), List.of("play.com"), List.of("pub.com"));
        assertDoesNotThrow(() -> AccessControl.checkRefer(refer, "http://x.pub.com/", true));
        assertThrows(SrsException.class, () -> AccessControl.checkRefer(refer, "http://x.pub.com/", false));
        ReferConfig off = new ReferConfig(false, List.of("a.com"), List.of(), List.of());
        assertDoesNotThrow(() -> AccessControl.checkRefer(off, "http://b.com/", false));
    }

    private static SecurityConfig security(Rule... rules) {
        return new SecurityConfig(true, List.of(rules));
    }

    @Test
    void securityDeniesFirstThenAllows() {
        SecurityConfig s = security(new Rule(Action.DENY, Method.PLAY, "10.0.0.0/8"),
                new Rule(Action.ALLOW, Method.PLAY, "all"), new Rule(Action.ALLOW, Method.PUBLISH, "127.0.0.1"));
        SrsException e = assertThrows(SrsException.class, () -> AccessControl.checkSecurity(s, false, "10.1.2.3"));
        assertEquals(ErrorCode.SYSTEM_SECURITY_DENY, e.code());
        assertDoesNotThrow(() -> AccessControl.checkSecurity(s, false, "192.168.1.1"));
        assertDoesNotThrow(() -> AccessControl.checkSecurity(s, true, "127.0.0.1"));
        e = assertThrows(SrsException.class, () -> AccessControl.checkSecurity(s, true, "127.0.0.2"));
        assertEquals(ErrorCode.SYSTEM_SECURITY_ALLOW, e.code());
    }

    @Test
    void securityEnabledWithoutRulesDeniesAndOnlyDenyRulesAllowTheRest() {
        assertThrows(SrsException.class, () -> AccessControl.checkSecurity(security(), false, "1.2.3.4"));
        SecurityConfig onlyDeny = security(new Rule(Action.DENY, Method.PUBLISH, "1.2.3.4"));
        assertThrows(SrsException.class, () -> AccessControl.checkSecurity(onlyDeny, true, "1.2.3.4"));
        assertDoesNotThrow(() -> AccessControl.checkSecurity(onlyDeny, true, "5.6.7.8"));
        assertDoesNotThrow(() -> AccessControl.checkSecurity(new SecurityConfig(false, List.of()), true, "1.2.3.4"));
    }

    @Test
    void cidrMatchesIpv4AndIpv6AndRejectsGarbage() {
        assertTrue(AccessControl.inCidr("192.168.1.77", "192.168.1.0/24"));
        assertFalse(AccessControl.inCidr("192.168.2.1", "192.168.1.0/24"));
        assertTrue(AccessControl.inCidr("10.200.0.1", "10.0.0.0/8"));
        assertTrue(AccessControl.inCidr("1.2.3.4", "0.0.0.0/0"));
        assertTrue(AccessControl.inCidr("2001:db8::1", "2001:db8::/32"));
        assertFalse(AccessControl.inCidr("2001:db9::1", "2001:db8::/32"));
        assertFalse(AccessControl.inCidr("1.2.3.4", "2001:db8::/32"));
        assertFalse(AccessControl.inCidr("1.2.3.4", "1.2.3.0/99"));
        assertFalse(AccessControl.inCidr("1.2.3.4", "bogus/8"));
    }
}
