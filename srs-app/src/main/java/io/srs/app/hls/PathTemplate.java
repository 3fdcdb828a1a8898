package io.srs.app.hls;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The variables of SRS's path templates ({@code srs_path_build_stream},
 * {@code srs_path_build_timestamp}): {@code [vhost] [app] [stream]}, the Go-style date parts
 * {@code [2006] [01] [02] [15] [04] [05] [999]}, {@code [timestamp]} (Unix time in ms) and
 * {@code [seq]}.
 *
 * <p>Stateless; thread-safe.
 */
public final class PathTemplate {
    private PathTemplate() {
    }

    /** Replaces {@code [vhost] [app] [stream]}. */
    public static String stream(String template, StreamName n) {
        return template.replace("[vhost]", n.vhost()).replace("[app]", n.app()).replace("[stream]", n.stream());
    }

    /**
     * Replaces the date parts in {@code zone} and {@code [timestamp]}; {@code timestamp} overrides
     * the latter when not null (hls_ts_floor).
     */
    public static String time(String template, Instant now, ZoneId zone, String timestamp) {
        ZonedDateTime t = now.atZone(zone);
        return template
                .replace("[2006]", String.format("%04d", t.getYear()))
                .replace("[01]", String.format("%02d", t.getMonthValue()))
                .replace("[02]", String.format("%02d", t.getDayOfMonth()))
                .replace("[15]", String.format("%02d", t.getHour()))
                .replace("[04]", String.format("%02d", t.getMinute()))
                .replace("[05]", String.format("%02d", t.getSecond()))
                .replace("[999]", String.format("%03d", t.getNano() / 1_000_000))
                .replace("[timestamp]", timestamp != null ? timestamp : Long.toString(now.toEpochMilli()));
    }

    public static String seq(String template, long seq) {
        return template.replace("[seq]", Long.toString(seq));
    }
}
