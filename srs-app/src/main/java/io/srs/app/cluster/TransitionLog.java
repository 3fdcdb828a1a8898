package io.srs.app.cluster;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;

/**
 * Logs a line only when something's state changes (connected to X, failing on X with error
 * E), so an upstream that stays down for an hour costs one line, not one per retry. States are
 * kept per subject (an origin, a destination), so cycling through several dead origins does
 * not count as a change either.
 *
 * <p>Used by one thread at a time (the owning forwarder or ingester).
 */
final class TransitionLog {
    private final Logger log;
    private final Map<String, String> last = new HashMap<>();

    TransitionLog(Logger log) {
        this.log = log;
    }

    /**
     * Logs {@code message} (a MessageFormat pattern) unless {@code subject}'s last line had the
     * same {@code state}; returns whether it logged.
     */
    boolean log(Level level, String subject, String state, String message, Object... args) {
        if (state.equals(last.put(subject, state))) {
            return false;
        }
        log.log(level, message, args);
        return true;
    }

    /** Forgets {@code subject}'s state, so its next line is logged whatever it says. */
    void reset(String subject) {
        last.remove(subject);
    }
}
