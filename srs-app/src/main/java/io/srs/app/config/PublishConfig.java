package io.srs.app.config;

import static io.srs.app.config.Values.preferFalse;
import static io.srs.app.config.Values.preferTrue;

import java.time.Duration;

/**
 * {@code vhost.publish {…}} (v2: {@code mr {}}, {@code publish_1stpkt_timeout},
 * {@code publish_normal_timeout}). Immutable.
 *
 * @param mr              merged read on the publisher's socket
 * @param mrLatency       merged-read wait (ms)
 * @param firstpktTimeout how long to wait for the first packet of a publisher (ms)
 * @param normalTimeout   how long to wait for later packets (ms)
 * @param kickoffForIdle  disconnect a publisher nobody plays for this long (seconds, 0: never)
 */
public record PublishConfig(boolean mr, Duration mrLatency, Duration firstpktTimeout, Duration normalTimeout,
        boolean parseSps, boolean tryAnnexbFirst, Duration kickoffForIdle) {

    static PublishConfig of(Directive vhost) {
        Directive b = vhost == null ? null : vhost.get("publish");
        return new PublishConfig(
                preferFalse(b, "mr", Defaults.MR),
                Values.millis(b, "mr_latency", Defaults.MR_LATENCY),
                Values.millis(b, "firstpkt_timeout", Defaults.FIRSTPKT_TIMEOUT),
                Values.millis(b, "normal_timeout", Defaults.NORMAL_TIMEOUT),
                preferTrue(b, "parse_sps", Defaults.PARSE_SPS),
                preferTrue(b, "try_annexb_first", Defaults.TRY_ANNEXB_FIRST),
                Values.seconds(b, "kickoff_for_idle", Defaults.KICKOFF_FOR_IDLE));
    }
}
