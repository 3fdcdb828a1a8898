package io.srs.app.hooks;

import io.srs.app.stats.ClientEvents;
import io.srs.app.stats.ClientHandle;
import io.srs.app.stats.ClientSnapshot;
import io.srs.app.stats.Statistics;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.session.ClientKind;

/**
 * The server's {@link ClientEvents}: records each client in the statistics, then calls the
 * vhost's HTTP hooks, in SRS's order (stat before hook, because the hook sends the stream's
 * statistic id).
 *
 * <p>Thread-safe; see {@link ClientEvents} for which calls block.
 */
public final class ClientCallbacks implements ClientEvents {
    private final Statistics stats;
    private final HttpHooks hooks;

    public ClientCallbacks(Statistics stats, HttpHooks hooks) {
        this.stats = stats;
        this.hooks = hooks;
    }

    private static ClientSnapshot snapshot(ClientHandle c, RtmpRequest r) {
        return new ClientSnapshot(c.id(), c.ip(), r);
    }

    @Override
    public void onConnect(ClientHandle client, RtmpRequest request) {
        hooks.onConnect(snapshot(client, request));
    }

    @Override
    public void onPublish(ClientHandle client, RtmpRequest request, ClientKind kind) {
        stats.onClient(client, request, kind);
        hooks.onPublish(snapshot(client, request));
    }

    @Override
    public void onUnpublish(ClientHandle client, RtmpRequest request) {
        hooks.onUnpublish(snapshot(client, request));
    }

    @Override
    public void onPlay(ClientHandle client, RtmpRequest request) {
        onPlay(client, request, ClientKind.PLAY);
    }

    @Override
    public void onPlay(ClientHandle client, RtmpRequest request, ClientKind kind) {
        stats.onClient(client, request, kind);
        hooks.onPlay(snapshot(client, request));
    }

    @Override
    public void onStop(ClientHandle client, RtmpRequest request) {
        hooks.onStop(snapshot(client, request));
    }

    @Override
    public void onClose(ClientHandle client, RtmpRequest request, Throwable error) {
        stats.onDisconnect(client.id(), error);
        if (request != null) {
            hooks.onClose(snapshot(client, request), client.bytesSent(), client.bytesReceived());
        }
    }
}
