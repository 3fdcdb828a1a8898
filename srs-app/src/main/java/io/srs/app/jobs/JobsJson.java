package io.srs.app.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.srs.app.process.Job;
import io.srs.app.process.Supervisor;

/**
 * {@code /api/v1/jobs}: every external job with its kind, vhost, stream, engine or id, command
 * line, pid, state, restarts and uptime (SRS has no such resource). Stateless.
 */
public final class JobsJson {
    private JobsJson() {
    }

    public static ObjectNode of(Supervisor supervisor) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode list = o.putArray("jobs");
        for (Job j : supervisor.jobs()) {
            ObjectNode n = list.addObject();
            n.put("key", j.spec().key());
            n.put("kind", j.spec().kind());
            n.put("vhost", j.spec().vhost());
            n.put("stream", j.spec().stream());
            n.put("name", j.spec().name());
            n.put("cli", j.spec().commandLine());
            n.put("pid", j.pid());
            n.put("state", j.state().name().toLowerCase(java.util.Locale.ROOT));
            n.put("restarts", j.restarts());
            n.put("uptime_ms", j.uptimeMillis());
            n.put("last_error", j.lastError());
            n.put("log", j.spec().log() == null ? "" : j.spec().log().toString());
        }
        o.put("running", supervisor.running());
        o.put("restarts_total", supervisor.restartsTotal());
        return o;
    }
}
