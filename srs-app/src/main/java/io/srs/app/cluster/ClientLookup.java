package io.srs.app.cluster;

import io.srs.rtmp.request.RtmpRequest;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the cluster needs to know about connected clients, by connection id: the request a
 * client made (to forward and pull with its host, vhost and param) and its remote address (to
 * recognise our own upstream connections coming back, the forward loop guard). Declared here so
 * the cluster does not depend on the RTMP service; the wiring passes two lookups.
 *
 * <p>The functions must be thread-safe.
 */
public record ClientLookup(Function<String, Optional<RtmpRequest>> request,
                           Function<String, Optional<InetSocketAddress>> remote) {

    /** No clients known: every stream is described from its url alone. */
    public static ClientLookup none() {
        return new ClientLookup(id -> Optional.empty(), id -> Optional.empty());
    }
}
