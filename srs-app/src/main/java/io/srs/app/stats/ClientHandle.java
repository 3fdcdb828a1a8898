package io.srs.app.stats;

/**
 * What the statistics need from a live client connection: its id, its address, its byte
 * counters (sampled for kbps) and a way to kick it ({@code DELETE /api/v1/clients/{id}}).
 *
 * <p>Implementations are thread-safe: the sampler and the API call these from their own threads.
 */
public interface ClientHandle {
    /** The connection's context id ({@code [cid]} in logs, {@code client_id} in hooks). */
    String id();

    /** The peer's IP as text. */
    String ip();

    long bytesSent();

    long bytesReceived();

    /** Ends the connection; its own thread notices and cleans up. Idempotent. */
    void close();
}
