package io.srs.research.load;

import io.srs.kernel.codec.AudioTag;
import io.srs.kernel.codec.VideoTag;
import io.srs.kernel.flv.FlvReader;
import io.srs.kernel.media.MediaMessage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An FLV file read once into memory with {@link FlvReader}; every publisher shares its tags.
 *
 * @param tags      the tags in file order
 * @param loopMillis how far timestamps advance per loop: the last timestamp plus one frame
 * @param kbps      audio+video payload bitrate over one loop
 */
record FlvFile(List<MediaMessage> tags, long firstTimestamp, long loopMillis, double kbps) {

    static FlvFile load(Path file) throws IOException {
        List<MediaMessage> tags = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            FlvReader r = new FlvReader(in);
            MediaMessage m;
            while ((m = r.next()) != null) {
                tags.add(m);
            }
        }
        if (tags.isEmpty()) {
            throw new IOException("no tags in " + file);
        }
        long first = Long.MAX_VALUE;
        long last = 0;
        long lastVideo = -1;
        long frameGap = 40;
        long avBytes = 0;
        for (MediaMessage m : tags) {
            if (!m.isAv()) {
                continue;
            }
            first = Math.min(first, m.timestamp());
            last = Math.max(last, m.timestamp());
            avBytes += m.size();
            if (m.isVideo() && !VideoTag.isSequenceHeader(m.payload())) {
                if (lastVideo >= 0 && m.timestamp() > lastVideo) {
                    frameGap = m.timestamp() - lastVideo;
                }
                lastVideo = m.timestamp();
            }
        }
        if (first == Long.MAX_VALUE) {
            throw new IOException("no audio or video in " + file);
        }
        long loop = Math.max(1, last - first + frameGap);
        return new FlvFile(List.copyOf(tags), first, loop, avBytes * 8.0 / loop);
    }

    /** Sent only on the first loop: metadata and sequence headers. */
    static boolean firstLoopOnly(MediaMessage m) {
        if (m.isVideo()) {
            return VideoTag.isSequenceHeader(m.payload());
        }
        if (m.isAudio()) {
            return AudioTag.isSequenceHeader(m.payload());
        }
        return true;
    }
}
