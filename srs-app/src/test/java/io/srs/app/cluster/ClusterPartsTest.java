package io.srs.app.cluster;

import io.srs.rtmp.request.RtmpRequest;
import org.junit.jupiter.api.Test;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Round robin, the once-per-change log and the forward loop guard. */
class ClusterPartsTest {
    @Test
    void roundRobinWalksTheListAndFollowsAChangedOne() {
        RoundRobin rr = new RoundRobin();
        List<String> ab = List.of("a", "b");
        assertEquals(List.of("a", "b", "a", "b"), List.of(rr.select(ab), rr.select(ab), rr.select(ab), rr.select(ab)));
        // The count goes on: pick 5 of a 3-list is its second entry.
        assertEquals("b", rr.select(List.of("a", "b", "c")));
        assertEquals("c", rr.select(List.of("a", "b", "c")));
        assertEquals("x", rr.select(List.of("x")));
        assertThrows(IllegalArgumentException.class, () -> rr.select(List.of()));
    }

    @Test
    void transitionLogWritesOnlyChanges() {
        Recording rec = new Recording();
        TransitionLog log = new TransitionLog(rec);
        assertTrue(log.log(Level.WARNING, "o1", "fail 1007", "o1 down"));
        assertFalse(log.log(Level.WARNING, "o1", "fail 1007", "o1 down"));
        assertTrue(log.log(Level.WARNING, "o2", "fail 1007", "o2 down"));
        // Cycling through dead origins is no change.
        assertFalse(log.log(Level.WARNING, "o1", "fail 1007", "o1 down"));
        assertFalse(log.log(Level.WARNING, "o2", "fail 1007", "o2 down"));
        assertTrue(log.log(Level.WARNING, "o1", "fail 1011", "o1 times out"));
        assertTrue(log.log(Level.INFO, "o1", "up", "o1 up"));
        assertTrue(log.log(Level.WARNING, "o1", "fail 1011", "o1 times out"));
        log.reset("o2");
        assertTrue(log.log(Level.WARNING, "o2", "fail 1007", "o2 down"));
        assertEquals(List.of("o1 down", "o2 down", "o1 times out", "o1 up", "o1 times out", "o2 down"), rec.lines);
    }

    @Test
    void loopGuardFollowsSrs1AndOurOwnPorts() {
        RtmpRequest req = RtmpRequest.ofConnect("rtmp://192.168.1.10:1935/live", "", "", 0).withStream("s", -1);
        Set<Integer> own = Set.of(1935, 8080);
        assertTrue(ForwardManager.loops(Endpoint.parse("192.168.1.10:1935"), req, own), "same endpoint");
        assertTrue(ForwardManager.loops(Endpoint.parse("127.0.0.1"), req, own), "127.0.0.1 stands for our host");
        assertTrue(ForwardManager.loops(Endpoint.parse("localhost:8080"), req, own), "another own port");
        assertFalse(ForwardManager.loops(Endpoint.parse("127.0.0.1:19350"), req, own), "master to slave");
        assertFalse(ForwardManager.loops(Endpoint.parse("192.168.1.10:19350"), req, own));
        assertFalse(ForwardManager.loops(Endpoint.parse("192.168.1.11:1935"), req, own));
    }

    /** A System.Logger keeping formatted lines. */
    static final class Recording implements Logger {
        final List<String> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "rec";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(params == null || params.length == 0 ? format : java.text.MessageFormat.format(format, params));
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            lines.add(msgSupplier.get());
        }
    }
}
