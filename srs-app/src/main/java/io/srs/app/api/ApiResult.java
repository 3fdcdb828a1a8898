package io.srs.app.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an endpoint answers. Immutable.
 */
sealed interface ApiResult {
    /**
     * A JSON body; the envelope ({@code code, server, service, pid}) is added by the handler
     * unless already present.
     */
    record Json(int status, ObjectNode body) implements ApiResult {
    }

    /** A non-JSON body (Prometheus text). */
    record Text(int status, String contentType, String body) implements ApiResult {
    }

    /**
     * An error: HTTP {@code status}, SRS-style {@code code} (an SRS error number, or the HTTP
     * status where SRS uses one) and a human-readable message.
     */
    record Error(int status, int code, String message) implements ApiResult {
    }

    static Json ok(ObjectNode body) {
        return new Json(200, body);
    }
}
