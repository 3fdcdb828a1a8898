package io.srs.rtmp.message;

import io.srs.kernel.media.MediaMessage;

import java.util.Objects;

/**
 * A message passed through untouched: audio, video, aggregate and shared-object messages, and
 * the 4-byte FFmpeg timecode data message that SRS ignores
 * (<a href="https://github.com/ossrs/srs/issues/3803">ossrs/srs#3803</a>). Thread-safe (immutable).
 */
public record RawMessage(MediaMessage message) implements RtmpMessage {
    public RawMessage {
        Objects.requireNonNull(message, "message");
    }
}
