package io.srs.core.log;

import io.srs.core.SrsException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats JUL records as SRS log lines: {@code [2026-11-21 12:00:00.123][Trace][1234][k3x9a1b2] message}.
 *
 * <p>The context id comes from {@link Context#CID}, read on the logging thread (JUL handlers
 * publish synchronously, so it is the thread that logged). Expected connection ends
 * ({@link io.srs.core.ErrorCode#isGracefulClose()}) are printed as one line without a trace.
 *
 * <p>Thread-safe.
 */
public final class LogFormat extends Formatter {
    private final DateTimeFormatter time;
    private final String pid;

    public LogFormat(boolean utc) {
        ZoneId zone = utc ? ZoneOffset.UTC : ZoneId.systemDefault();
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(zone);
        this.pid = Long.toString(ProcessHandle.current().pid());
    }

    /** SRS's names for its levels, which operators grep for. */
    public static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "Error";
        }
        if (v >= Level.WARNING.intValue()) {
            return "Warn";
        }
        if (v >= Level.INFO.intValue()) {
            return "Trace";
        }
        if (v >= Level.FINE.intValue()) {
            return "Debug";
        }
        return "Verb";
    }

    /**
     * Like {@link #formatMessage} but numbers print plainly: MessageFormat would write a pid or a
     * port as "24,639", which breaks grep and differs from SRS.
     */
    private String message(LogRecord r) {
        Object[] params = r.getParameters();
        if (params == null || params.length == 0) {
            return formatMessage(r);
        }
        Object[] plain = params.clone();
        for (int i = 0; i < plain.length; i++) {
            if (plain[i] instanceof Number n) {
                plain[i] = n.toString();
            } else if (plain[i] instanceof CharSequence cs) {
                // Parameters are where peer strings (app, stream, param, urls, paths) go.
                plain[i] = PeerText.escape(cs);
            }
        }
        try {
            return java.text.MessageFormat.format(r.getMessage(), plain);
        } catch (IllegalArgumentException e) {
            return r.getMessage();
        }
    }

    @Override
    public String format(LogRecord r) {
        StringBuilder sb = new StringBuilder(128);
        sb.append('[').append(time.format(Instant.ofEpochMilli(r.getMillis()))).append(']');
        sb.append('[').append(levelName(r.getLevel())).append(']');
        sb.append('[').append(pid).append(']');
        sb.append('[').append(Context.current()).append("] ");
        // Whatever reached the message (an exception's text with a peer's name in it...) stays
        // on one line: a newline from a peer cannot forge a log line.
        sb.append(PeerText.escapeControls(message(r)));
        Throwable t = r.getThrown();
        if (t instanceof SrsException e && e.code().isGracefulClose()) {
            sb.append(' ').append(PeerText.escapeControls(e.describe()));
        } else if (t != null) {
            StringWriter sw = new StringWriter();
            t.printStackTrace(new PrintWriter(sw));
            sb.append(System.lineSeparator()).append(sw.toString().stripTrailing());
        }
        sb.append(System.lineSeparator());
        return sb.toString();
    }
}
