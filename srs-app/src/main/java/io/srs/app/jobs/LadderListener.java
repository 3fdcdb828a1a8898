package io.srs.app.jobs;

import java.util.List;

/**
 * Told which published streams head an ABR ladder ({@code transcode { abr { enabled on; } }}, not
 * in SRS). Calls come from publisher and reload threads, always before the stream's transcoders
 * are started, and must not block.
 */
public interface LadderListener {
    /**
     * A published stream and the streams its ladder engines publish form one ladder (again on
     * every reload, possibly changed).
     *
     * @param sourceUrl  the transcoded stream
     * @param master     the master playlist's path template ({@code abr.master})
     * @param renditions the engines' output streams, in config order
     */
    void onLadder(String sourceUrl, String master, List<Rendition> renditions);

    /** The stream is no ladder any more (unpublished, or its abr blocks were disabled). */
    void onLadderEnd(String sourceUrl);

    /** @param engine the engine's name; @param url the stream its output publishes to */
    record Rendition(String engine, String url) {
    }
}
