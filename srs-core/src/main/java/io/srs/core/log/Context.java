package io.srs.core.log;

import java.security.SecureRandom;

/**
 * The context id of the current connection (SRS's {@code [cid]}), bound with a
 * {@link ScopedValue} by the thread that serves the connection and read by the log formatter.
 */
public final class Context {
    /** The id of the connection or task the current thread works for. */
    public static final ScopedValue<String> CID = ScopedValue.newInstance();

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private Context() {
    }

    /** The bound id, or {@code ""} outside any connection. */
    public static String current() {
        return CID.isBound() ? CID.get() : "";
    }

    /** A new random 8-character id, like SRS's {@code srs_random_str(8)}. */
    public static String newId(SecureRandom random) {
        char[] id = new char[8];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
