package io.srs.app.config;

import java.time.Duration;

/**
 * {@code vhost.http_remux {…}}: live HTTP-FLV/TS/MP3/AAC; the format follows the mount's
 * extension. Immutable.
 *
 * @param fastCache seconds of audio cached for a fast start (fractions allowed; 0: off)
 */
public record HttpRemuxConfig(boolean enabled, String mount, Duration fastCache, boolean dropIfNotMatch,
        boolean hasAudio, boolean hasVideo, boolean guessHasAv) {

    /**
     * The audio a new listener gets first: {@code fast_cache} when http_remux is on and its mount
     * serves .aac or .mp3 (SRS: "the flv/ts stream ignore it"), else zero.
     */
    public Duration audioFastCache() {
        boolean audio = mount.endsWith(".aac") || mount.endsWith(".mp3");
        return enabled && audio ? fastCache : Duration.ZERO;
    }

    static HttpRemuxConfig of(Directive vhost) {
        Directive b = vhost == null ? null : vhost.get("http_remux");
        return new HttpRemuxConfig(Values.preferFalse(b, "enabled", Defaults.HTTP_REMUX_ENABLED),
                Values.string(b, "mount", Defaults.HTTP_REMUX_MOUNT),
                Values.seconds(b, "fast_cache", Defaults.HTTP_REMUX_FAST_CACHE),
                Values.preferTrue(b, "drop_if_not_match", Defaults.HTTP_REMUX_DROP_IF_NOT_MATCH),
                Values.preferTrue(b, "has_audio", Defaults.HTTP_REMUX_HAS_AUDIO),
                Values.preferTrue(b, "has_video", Defaults.HTTP_REMUX_HAS_VIDEO),
                Values.preferTrue(b, "guess_has_av", Defaults.HTTP_REMUX_GUESS_HAS_AV));
    }
}
