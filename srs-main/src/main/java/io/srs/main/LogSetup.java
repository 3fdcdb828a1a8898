package io.srs.main;

import io.srs.core.log.LogFormat;
import io.srs.core.log.LogLevels;
import io.srs.core.log.ReopenableFileHandler;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Installs the one log backend of the process: JUL's root logger with SRS's line format, to the
 * console or to a file ({@code srs_log_tank}). System.Logger, Undertow (JBoss Logging falls back
 * to JUL) and Micrometer all end up here.
 *
 * <p>Used by Main only, from the main thread and the signal thread.
 */
final class LogSetup {
    private final Logger root = LogManager.getLogManager().getLogger("");
    /** Strong references: JUL keeps loggers weakly, and a collected logger forgets its level. */
    private final java.util.List<Logger> quieted = new java.util.ArrayList<>();
    private Handler handler;

    void console(String level, boolean utc, PrintStream out) {
        StreamHandler h = new StreamHandler(out, new LogFormat(utc)) {
            @Override
            public synchronized void publish(java.util.logging.LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        install(h, level);
    }

    void file(Path file, String level, boolean utc) throws IOException {
        install(new ReopenableFileHandler(file, new LogFormat(utc)), level);
    }

    private void install(Handler h, String level) {
        Level lvl = LogLevels.parse(level);
        for (Handler old : root.getHandlers()) {
            root.removeHandler(old);
            old.close();
        }
        h.setLevel(lvl);
        root.setLevel(lvl);
        root.addHandler(h);
        // Third-party libraries are chatty at INFO (XNIO, Undertow banners); keep them at WARNING
        // unless the operator asked for debug logs.
        Level libs = lvl.intValue() < Level.INFO.intValue() ? lvl : Level.WARNING;
        quieted.clear();
        for (String name : new String[]{"org.xnio", "io.undertow", "org.jboss"}) {
            Logger l = Logger.getLogger(name);
            l.setLevel(libs);
            quieted.add(l);
        }
        handler = h;
    }

    /** SIGUSR1: reopen the log file after logrotate moved it; a no-op for the console. */
    void reopen() throws IOException {
        if (handler instanceof ReopenableFileHandler f) {
            f.reopen();
        }
    }

    String describe() {
        return handler instanceof ReopenableFileHandler f ? "file " + f.file() : "console";
    }
}
