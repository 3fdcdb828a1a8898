package io.srs.main;

import sun.misc.Signal;

import java.lang.System.Logger.Level;

/**
 * SRS's signal contract on a JVM. HUP reloads, USR1 reopens the log, TERM and INT quit fast.
 * SIGQUIT cannot be caught by a JVM (it prints a thread dump), so the {@code ./srs} launcher
 * catches it and sends us SIGPWR, which we treat as the graceful quit. Not SIGUSR2: HotSpot
 * suspends threads with it (its SR signal, used by JFR sampling), and SRS reserves it anyway.
 *
 * <p>Handlers run on the JVM's signal thread; they only hand the event over.
 */
final class Signals {
    private static final System.Logger LOG = System.getLogger(Signals.class.getName());

    interface Handler {
        void reload();

        void reopenLog();

        void fastQuit(String signal);

        void gracefulQuit(String signal);
    }

    private Signals() {
    }

    static void install(Handler h) {
        handle("HUP", s -> h.reload());
        handle("USR1", s -> h.reopenLog());
        handle("PWR", s -> h.gracefulQuit("SIGQUIT"));
        handle("TERM", s -> h.fastQuit("SIGTERM"));
        handle("INT", s -> h.fastQuit("SIGINT"));
    }

    private static void handle(String name, sun.misc.SignalHandler handler) {
        try {
            sun.misc.SignalHandler old = Signal.handle(new Signal(name), handler);
            if (old == sun.misc.SignalHandler.SIG_IGN) {
                // The JVM keeps a signal ignored when it started ignored (nohup, a background job
                // of a script): our handler never runs. Say so, since the operator expects it to.
                LOG.log(Level.WARNING, "SIG{0} was ignored by the parent process and stays ignored", name);
            }
        } catch (IllegalArgumentException e) {
            // E.g. HUP is ignored when started under nohup: the JVM refuses it; say so once.
            LOG.log(Level.WARNING, "cannot handle SIG{0}: {1}", name, e.getMessage());
        }
    }
}
