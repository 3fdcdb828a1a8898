package io.srs.app.source;

import io.srs.kernel.media.MediaMessage;

import java.util.PriorityQueue;

/**
 * {@code play.mix_correct}: reorders audio and video by timestamp before they reach players, for
 * encoders that interleave badly. Port of {@code SrsMixQueue}: a message is released once both
 * kinds are queued, or 10 of one kind arrived with none of the other (pure audio/video).
 *
 * <p>Not thread-safe: publisher thread only.
 */
final class MixQueue {
    static final int PURE_AV = 10;

    private record Entry(MediaMessage msg, long seq) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> {
        int c = Long.compare(a.msg.timestamp(), b.msg.timestamp());
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private long seq;
    private int videos;
    private int audios;

    void push(MediaMessage msg) {
        queue.add(new Entry(msg, seq++));
        if (msg.isVideo()) {
            videos++;
        } else {
            audios++;
        }
    }

    /** The next message in timestamp order, or null while waiting for the other kind. */
    MediaMessage pop() {
        boolean ok = (videos >= PURE_AV && audios == 0) || (audios >= PURE_AV && videos == 0)
                || (videos > 0 && audios > 0);
        if (!ok || queue.isEmpty()) {
            return null;
        }
        MediaMessage m = queue.poll().msg;
        if (m.isVideo()) {
            videos--;
        } else {
            audios--;
        }
        return m;
    }

    void clear() {
        queue.clear();
        videos = 0;
        audios = 0;
    }
}
