package io.srs.app.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code vhost.dvr { enabled; dvr_apply; dvr_plan; dvr_path; dvr_duration; dvr_wait_keyframe;
 * time_jitter; }}: recording to FLV or MP4 (chosen by the path's extension). Immutable.
 *
 * @param apply    {@code all}, or the {@code app/stream} names to record
 * @param plan     {@code session} or {@code segment} (v1 also had {@code append})
 * @param duration segment length for the segment plan (whole seconds)
 */
public record DvrConfig(boolean enabled, List<String> apply, String plan, String path, Duration duration,
        boolean waitKeyframe, TimeJitter timeJitter) {
    public DvrConfig {
        apply = List.copyOf(apply);
    }

    static DvrConfig of(Directive vhost) {
        Directive b = vhost == null ? null : vhost.get("dvr");
        List<String> apply = Values.list(b, "dvr_apply");
        return new DvrConfig(
                Values.preferFalse(b, "enabled", Defaults.DVR_ENABLED),
                apply.isEmpty() ? Defaults.DVR_APPLY : apply,
                Values.string(b, "dvr_plan", Defaults.DVR_PLAN),
                Values.string(b, "dvr_path", Defaults.DVR_PATH),
                Values.wholeSeconds(b, "dvr_duration", Defaults.DVR_DURATION),
                Values.preferTrue(b, "dvr_wait_keyframe", Defaults.DVR_WAIT_KEYFRAME),
                Values.timeJitter(b, "time_jitter", Defaults.DVR_TIME_JITTER));
    }
}
