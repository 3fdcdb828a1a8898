package io.srs.app.dvr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code dvr} section of a stream in {@code /api/v1/streams}: whether it is being recorded
 * and the file being written ({@code null} while waiting for the first keyframe).
 *
 * <p>Stateless; thread-safe.
 */
public final class DvrJson {
    private DvrJson() {
    }

    public static JsonNode of(DvrManager dvr, String url) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("enabled", dvr.isRecording(url));
        o.put("file", dvr.currentFile(url).orElse(null));
        return o;
    }
}
