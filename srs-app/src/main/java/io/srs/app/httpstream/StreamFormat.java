package io.srs.app.httpstream;

import io.srs.app.config.HttpRemuxConfig;
import io.srs.app.source.LiveSource;

import java.util.Optional;
import java.util.function.BiFunction;

/** The live formats SRS serves over HTTP, by mount extension, with SRS's Content-Type. */
enum StreamFormat {
    FLV("flv", "video/x-flv", FlvStreamEncoder::new),
    TS("ts", "video/MP2T", (c, s) -> new TsStreamEncoder()),
    AAC("aac", "audio/x-aac", (c, s) -> new AdtsStreamEncoder()),
    MP3("mp3", "audio/mpeg", (c, s) -> new Mp3StreamEncoder());

    private final String extension;
    private final String contentType;
    private final BiFunction<HttpRemuxConfig, LiveSource, StreamEncoder> encoders;

    StreamFormat(String extension, String contentType, BiFunction<HttpRemuxConfig, LiveSource, StreamEncoder> encoders) {
        this.extension = extension;
        this.contentType = contentType;
        this.encoders = encoders;
    }

    static Optional<StreamFormat> ofExtension(String ext) {
        for (StreamFormat f : values()) {
            if (f.extension.equals(ext)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    String extension() {
        return extension;
    }

    /** .aac and .mp3: audio alone, which http_remux.fast_cache serves from. */
    boolean audioOnly() {
        return this == AAC || this == MP3;
    }

    String contentType() {
        return contentType;
    }

    /** A new encoder for one viewer of {@code source}. */
    StreamEncoder newEncoder(HttpRemuxConfig config, LiveSource source) {
        return encoders.apply(config, source);
    }
}
