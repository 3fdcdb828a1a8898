package io.srs.app.config;

/**
 * {@code transcode [scope] { abr { enabled; master; } }}, not in SRS: the transcoded stream and
 * the outputs of the block's engines form one adaptive-bitrate HLS ladder, announced by a master
 * playlist. Immutable.
 *
 * @param enabled whether the block's engines are renditions of a ladder (off by default)
 * @param master  path template of the master playlist under the source's {@code hls_path}
 *                ({@code [vhost] [app] [stream]} of the source)
 */
public record AbrConfig(boolean enabled, String master) {
    /** Reads the {@code abr} block of a {@code transcode} block; absent means off. */
    public static AbrConfig of(Directive transcode) {
        Directive b = transcode == null ? null : transcode.get("abr");
        String master = Values.string(b, "master", Defaults.ABR_MASTER);
        // The source's own playlist and segments must not be overwritten, and the path must stay
        // under hls_path (checked again against the real names when written).
        if (!master.endsWith(".m3u8") || master.contains("..") || master.startsWith("/")) {
            throw ConfigException.at(b.get("master"), "abr master must be a relative path ending in .m3u8, without ..");
        }
        return new AbrConfig(Values.preferFalse(b, "enabled", Defaults.ABR_ENABLED), master);
    }
}
