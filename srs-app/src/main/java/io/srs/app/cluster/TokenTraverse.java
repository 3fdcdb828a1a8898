package io.srs.app.cluster;

import io.srs.app.config.VhostConfig;
import io.srs.app.tls.ClientTls;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.session.ConnectResult;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * {@code cluster.token_traverse}: before an edge serves a client, it repeats the client's
 * connect (tcUrl, pageUrl, swfUrl and its extra args, which usually carry the token) at an
 * origin, and rejects the client unless the origin accepts. Port of
 * {@code SrsRtmpConn::check_edge_token_traverse_auth}: origins are tried in order until one
 * accepts the TCP connection (3 s each), and that one's answer decides.
 *
 * <p>Stateless; runs on the client's connection thread.
 */
final class TokenTraverse {
    private static final System.Logger LOG = System.getLogger(TokenTraverse.class.getName());
    /** SRS_EDGE_TOKEN_TRAVERSE_TIMEOUT. */
    static final int CONNECT_TIMEOUT_MILLIS = 3000;
    /** SRS_CONSTS_RTMP_TIMEOUT. */
    static final int DIALOGUE_TIMEOUT_MILLIS = 30_000;

    private TokenTraverse() {
    }

    static void check(VhostConfig vhost, RtmpRequest req, Optional<Amf0Object> args, ClientTls tls) {
        for (String origin : vhost.cluster().origins()) {
            UpstreamClient c;
            try {
                c = UpstreamClient.open(Endpoint.parse(origin), CONNECT_TIMEOUT_MILLIS, DIALOGUE_TIMEOUT_MILLIS, tls);
            } catch (SrsException e) {
                LOG.log(Level.WARNING, "edge token: origin {0} unreachable, tcUrl={1}: {2}", origin, req.tcUrl(),
                        e.describe());
                continue;
            }
            try (c) {
                ConnectResult r = c.connect(req.app(), req.tcUrl(), req.pageUrl(), req.swfUrl(),
                        args.filter(a -> !a.isEmpty()));
                if (r instanceof ConnectResult.Connected) {
                    LOG.log(Level.INFO, "edge token auth ok, tcUrl={0}, origin={1}", req.tcUrl(), origin);
                    return;
                }
                throw new SrsException(ErrorCode.RTMP_ACCESS_DENIED, "edge token rejected by origin " + origin
                        + ", tcUrl=" + req.tcUrl() + ": " + r);
            } catch (SrsException e) {
                if (e.code() == ErrorCode.RTMP_ACCESS_DENIED) {
                    throw e;
                }
                throw SrsException.wrap(e, "edge token check at origin " + origin);
            }
        }
        throw new SrsException(ErrorCode.EDGE_PORT_INVALID, "illegal edge token, no origin of "
                + vhost.cluster().origins().size() + " reachable, tcUrl=" + req.tcUrl());
    }
}
