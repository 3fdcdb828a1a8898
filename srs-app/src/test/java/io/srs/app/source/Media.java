package io.srs.app.source;

import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;

/** Tiny FLV-shaped messages for source tests (AVC video, AAC audio). */
final class Media {
    private Media() {
    }

    static MediaMessage videoHeader(long ts) {
        return new MediaMessage(MessageType.VIDEO, ts, 1, Bytes.wrap(new byte[]{0x17, 0, 0, 0, 0, 1, 2, 3}));
    }

    static MediaMessage keyframe(long ts) {
        return new MediaMessage(MessageType.VIDEO, ts, 1, Bytes.wrap(new byte[]{0x17, 1, 0, 0, 0, 9, 9}));
    }

    static MediaMessage interframe(long ts) {
        return new MediaMessage(MessageType.VIDEO, ts, 1, Bytes.wrap(new byte[]{0x27, 1, 0, 0, 0, 8}));
    }

    static MediaMessage audioHeader(long ts) {
        return new MediaMessage(MessageType.AUDIO, ts, 1, Bytes.wrap(new byte[]{(byte) 0xaf, 0, 0x12, 0x10}));
    }

    static MediaMessage audio(long ts) {
        return new MediaMessage(MessageType.AUDIO, ts, 1, Bytes.wrap(new byte[]{(byte) 0xaf, 1, 5, 6}));
    }

    static MediaMessage metadata() {
        return new MediaMessage(MessageType.AMF0_DATA, 0, 1, Bytes.wrap(new byte[]{2, 0, 1, 'x'}));
    }
}
