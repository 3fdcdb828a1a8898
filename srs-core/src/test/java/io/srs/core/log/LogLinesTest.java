package io.srs.core.log;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile input is one clear, escaped line; repeated events are one line a second. */
class LogLinesTest {

    @Test
    void peerStringsCannotForgeALine() {
        LogRecord r = new LogRecord(Level.INFO, "client identified, stream={0}, param={1}");
        r.setParameters(new Object[]{"live\n[2026-01-01][INFO] forged", "?a=\u001b[31mred\\x"});
        String line = new LogFormat(true).format(r);
        assertEquals(1, line.split(System.lineSeparator()).length, line);
        assertTrue(line.contains("stream=live\\n[2026-01-01][INFO] forged"), line);
        assertTrue(line.contains("param=?a=\\u001b[31mred\\\\x"), line);
        // Text concatenated into the message (an exception's description) stays on one line too.
        LogRecord c = new LogRecord(Level.WARNING, "no vhost evil\r\nforged");
        assertEquals(1, new LogFormat(true).format(c).split(System.lineSeparator()).length);
    }

    @Test
    void longValuesAreCutAndBidiOverridesEscaped() {
        String s = PeerText.escape("x".repeat(10_000));
        assertTrue(s.length() < 600 && s.endsWith("...(10000 chars)"), s);
        assertEquals("a\\u202eb", PeerText.escape("a\u202eb"));
        assertEquals("plain/stream", PeerText.escape("plain/stream"));
    }

    @Test
    void repeatedEventsAreSummarisedOnceAnIntervalPerReason() throws Exception {
        List<String> lines = new ArrayList<>();
        System.Logger log = new System.Logger() {
            @Override
            public String getName() {
                return "t";
            }

            @Override
            public boolean isLoggable(System.Logger.Level level) {
                return true;
            }

            @Override
            public void log(System.Logger.Level level, ResourceBundle bundle, String msg, Throwable thrown) {
                lines.add(msg);
            }

            @Override
            public void log(System.Logger.Level level, ResourceBundle bundle, String format, Object... params) {
                lines.add(java.text.MessageFormat.format(format, params));
            }
        };
        RepeatedEvents events = new RepeatedEvents(log, System.Logger.Level.WARNING, 200);
        for (int i = 0; i < 5000; i++) {
            events.event("refused over max_connections", () -> "from 127.0.0.1");
        }
        events.event("refused over max_connections_per_ip", () -> "from 127.0.0.2");
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(4999, events.pending("refused over max_connections"));
        Thread.sleep(250);
        events.event("refused over max_connections", () -> "from 127.0.0.1");
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).contains("5000 times"), lines.get(2));
        assertFalse(lines.get(2).contains("\n"));
    }
}
