package io.srs.app.source;

/** {@code play.time_jitter}: how each player's timestamps are corrected (SrsRtmpJitterAlgorithm). */
public enum JitterAlgorithm {
    /** Monotonic timeline starting at 0; gaps and jumps beyond 250 ms become 10 ms. */
    FULL,
    /** Start at 0, keep the publisher's deltas (not necessarily monotonic). */
    ZERO,
    /** Timestamps untouched. */
    OFF;

    public static JitterAlgorithm of(String name) {
        if (name == null) {
            return FULL;
        }
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "zero" -> ZERO;
            case "off" -> OFF;
            default -> FULL;
        };
    }
}
