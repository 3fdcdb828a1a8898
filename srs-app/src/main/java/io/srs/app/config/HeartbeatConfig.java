package io.srs.app.config;

import static io.srs.app.config.Values.preferFalse;
import static io.srs.app.config.Values.string;

import java.time.Duration;

/**
 * {@code heartbeat { enabled; interval; url; device_id; summaries; ports; }}: periodic POST of
 * this server's identity to a control server. Immutable.
 *
 * @param interval whole seconds, more than 0 (SRS reads it with atoi: {@code 9.3} is 9 s)
 */
public record HeartbeatConfig(boolean enabled, Duration interval, String url, String deviceId,
        boolean summaries, boolean ports) {

    static HeartbeatConfig of(Directive root) {
        Directive b = root.get("heartbeat");
        Duration interval = Values.wholeSeconds(b, "interval", Defaults.HEARTBEAT_INTERVAL);
        if (interval.isZero()) {
            throw ConfigException.at(b.get("interval"), "heartbeat interval must be at least 1 second");
        }
        return new HeartbeatConfig(
                preferFalse(b, "enabled", Defaults.HEARTBEAT_ENABLED),
                interval,
                string(b, "url", Defaults.HEARTBEAT_URL),
                string(b, "device_id", Defaults.HEARTBEAT_DEVICE_ID),
                preferFalse(b, "summaries", Defaults.HEARTBEAT_SUMMARIES),
                preferFalse(b, "ports", Defaults.HEARTBEAT_PORTS));
    }
}
