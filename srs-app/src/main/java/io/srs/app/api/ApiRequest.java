package io.srs.app.api;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.util.Map;

/**
 * One API call as the endpoints see it: the effective method (JSONP may override it with
 * {@code ?method=}), the path, the first value of each query parameter and the request
 * headers of interest. Immutable.
 *
 * @param uri the path with its query, as received
 */
record ApiRequest(String method, String path, String uri, Map<String, String> query, Map<String, String> headers,
                  String mutationRefusal) {
    ApiRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /**
     * Throws unless this request may change state ({@link MutationGuard}): 405 for a GET or
     * JSONP, 403 for a foreign origin or a simple POST. Endpoints call it before any mutation.
     */
    void requireMutation() {
        if (mutationRefusal != null) {
            int status = isGet() || method.equals("HEAD") ? 405 : 403;
            throw new ApiEndpoints.ApiFailure(status, status, mutationRefusal);
        }
    }

    String query(String name) {
        return query.getOrDefault(name, "");
    }

    boolean isGet() {
        return method.equals("GET");
    }

    /**
     * A non-negative integer query parameter no larger than {@code max}, or {@code def} when
     * absent or empty.
     *
     * @throws SrsException {@link ErrorCode#REQUEST_DATA} for anything else
     */
    int intParam(String name, int def, int min, int max) {
        String v = query(name);
        if (v.isEmpty()) {
            return def;
        }
        long n;
        try {
            n = v.length() > 10 ? Long.MAX_VALUE : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new SrsException(ErrorCode.REQUEST_DATA, name + "=" + brief(v) + " is not a number");
        }
        if (n < min || n > max) {
            throw new SrsException(ErrorCode.REQUEST_DATA, name + "=" + brief(v) + " is out of range " + min + ".."
                    + max);
        }
        return (int) n;
    }

    static String brief(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
