package io.srs.app.api;

import io.srs.app.stats.Identity;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the process's reload for {@code /api/v1/raw?rpc=reload} and remembers how the last one
 * went for {@code rpc=reload-fetch} (SRS's {@code _srs_reload_err}, {@code _srs_reload_state},
 * {@code _srs_reload_id}).
 *
 * <p>The reloader is the same action as SIGHUP (Main's reload). It should throw
 * {@link SrsException} when the new configuration is rejected, so the failure shows up here;
 * one that only logs is reported as finished.
 *
 * <p>Thread-safe: reloads are serialised.
 */
final class Reloads {
    /** SRS's SrsReloadState values. */
    static final int STATE_INIT = 0;
    static final int STATE_PARSING = 10;
    static final int STATE_FINISHED = 90;

    /** The outcome of the last reload. Immutable. */
    record Status(int err, String msg, int state, String rid) {
    }

    private final Runnable reloader;
    private final SecureRandom random = new SecureRandom();
    private final ReentrantLock lock = new ReentrantLock();
    private Status last = new Status(0, "Success", STATE_INIT, "");

    Reloads(Runnable reloader) {
        this.reloader = reloader;
    }

    /** Reloads now, on the calling thread. */
    Status reload() {
        lock.lock();
        try {
            String rid = Identity.newId("", 7, random);
            last = new Status(0, "Success", STATE_PARSING, rid);
            try {
                reloader.run();
                last = new Status(0, "Success", STATE_FINISHED, rid);
            } catch (SrsException e) {
                last = new Status(e.code().code(), e.describe(), STATE_PARSING, rid);
            } catch (RuntimeException e) {
                last = new Status(ErrorCode.SYSTEM_CONFIG_INVALID.code(), e.toString(), STATE_PARSING, rid);
            }
            return last;
        } finally {
            lock.unlock();
        }
    }

    Status last() {
        lock.lock();
        try {
            return last;
        } finally {
            lock.unlock();
        }
    }
}
