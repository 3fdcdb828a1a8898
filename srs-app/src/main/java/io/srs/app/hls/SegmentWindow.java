package io.srs.app.hls;

import java.util.ArrayList;
import java.util.List;

/**
 * The segments a playlist lists, oldest first. Port of {@code SrsFragmentWindow}
 * (srs_app_fragment.cpp): after each new segment, the oldest ones leave once the newer ones
 * alone span more than {@code hls_window}, so the window always holds at least that much.
 *
 * <p>Not thread-safe: owned by one stream's HLS thread.
 */
public final class SegmentWindow {
    private final ArrayList<Segment> segments = new ArrayList<>();

    public void append(Segment s) {
        segments.add(s);
    }

    /**
     * Removes the oldest segments that are not needed to cover {@code windowMs} counting from the
     * newest (the segment that crosses the limit stays); returns them, oldest first.
     */
    public List<Segment> shrink(long windowMs) {
        long total = 0;
        int keepFrom = 0;
        for (int i = segments.size() - 1; i >= 0; i--) {
            total += segments.get(i).durationMs();
            if (total > windowMs) {
                keepFrom = i;
                break;
            }
        }
        List<Segment> expired = new ArrayList<>(segments.subList(0, keepFrom));
        segments.subList(0, keepFrom).clear();
        return expired;
    }

    /** Removes and returns every segment (dispose). */
    public List<Segment> clear() {
        List<Segment> all = new ArrayList<>(segments);
        segments.clear();
        return all;
    }

    public List<Segment> segments() {
        return List.copyOf(segments);
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    public int size() {
        return segments.size();
    }
}
