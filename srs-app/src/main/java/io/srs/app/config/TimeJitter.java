package io.srs.app.config;

/**
 * How timestamps are corrected for players ({@code play.time_jitter}, {@code dvr.time_jitter}):
 * {@code full} makes them monotonic from 0, {@code zero} only starts them at 0, {@code off}
 * keeps the publisher's. Port of {@code SrsRtmpJitterAlgorithm}.
 */
public enum TimeJitter {
    FULL, ZERO, OFF;

    /** The directive value: {@code full}, {@code zero} or {@code off}. */
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
