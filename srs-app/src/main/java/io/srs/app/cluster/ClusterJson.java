package io.srs.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code cluster} field of a stream in {@code /api/v1/streams}: forwards and the edge pull. */
public final class ClusterJson {
    private ClusterJson() {
    }

    /** Null when the stream has neither forwards nor an edge pull nor a relay. */
    public static JsonNode of(ClusterStats s) {
        if (s.forwards().isEmpty() && s.edge().isEmpty() && s.relayedTo().isEmpty()) {
            return null;
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        var forwards = o.putArray("forwards");
        for (ForwardStats f : s.forwards()) {
            forwards.addObject()
                    .put("destination", f.destination())
                    .put("state", f.state().name().toLowerCase(java.util.Locale.ROOT))
                    .put("connections", f.connections())
                    .put("reconnects", f.reconnects())
                    .put("failures", f.failures())
                    .put("messages", f.messages())
                    .put("last_error", f.lastError());
        }
        s.edge().ifPresent(e -> o.putObject("edge")
                .put("state", e.state().name().toLowerCase(java.util.Locale.ROOT))
                .put("origin", e.origin())
                .put("attempts", e.attempts())
                .put("connections", e.connections())
                .put("reconnects", e.reconnects())
                .put("failovers", e.failovers())
                .put("failures", e.failures())
                .put("redirects", e.redirects())
                .put("messages", e.messages())
                .put("last_error", e.lastError()));
        s.relayedTo().ifPresent(r -> o.put("relayed_to", r));
        return o;
    }
}
