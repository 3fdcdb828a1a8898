package io.srs.rtmp.request;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

/**
 * Who a client is and what it asks for: the values of its {@code connect} command and what SRS
 * reads out of them and the play/publish name. Port of {@code SrsRequest}
 * (srs_protocol_rtmp_stack.hpp) minus the connection's own state (client ip, AMF0 extra args),
 * which the caller keeps next to it. Immutable; each step returns a new value.
 *
 * <p>Lifecycle, as SRS does it (reference §f.1): {@link #ofConnect} when {@code connect} arrives
 * (stream still empty), {@link #withStream} once the client said play/publish and which stream,
 * then the application resolves the vhost against its configuration and calls {@link #withVhost}
 * with the configured name (possibly {@link RtmpUrls#DEFAULT_VHOST}).
 *
 * @param objectEncoding AMF version asked for in connect (0 = AMF0, SRS's default)
 * @param param          query string with its leading {@code ?}, or empty
 * @param durationMillis play duration from the play command, or -1 when not given
 */
public record RtmpRequest(String tcUrl, String pageUrl, String swfUrl, double objectEncoding,
                          String schema, String host, String vhost, String app, String stream,
                          int port, String param, long durationMillis) {

    /**
     * Reads a {@code connect} command's tcUrl (steps 1–7 of §f.1 with an empty stream name).
     *
     * @throws SrsException {@code RTMP_REQ_TCURL} when the tcUrl does not parse or leaves no
     *         schema, vhost or app
     */
    public static RtmpRequest ofConnect(String tcUrl, String pageUrl, String swfUrl, double objectEncoding) {
        UrlParts p = RtmpUrls.discover(tcUrl, "", "").strip();
        checkParts(tcUrl, p);
        return new RtmpRequest(tcUrl, pageUrl, swfUrl, objectEncoding, p.schema(), p.host(), p.vhost(), p.app(),
                p.stream(), p.port(), p.param(), -1);
    }

    /**
     * Adds the play/publish name, re-reading everything from the tcUrl and that name (steps 1–8):
     * a query on the name ({@code livestream?vhost=v&token=t}) becomes the param and may set the
     * vhost; an empty name is guessed from the app or param.
     *
     * <p>SRS re-runs its discovery with the param found at connect time, so a tcUrl query shows
     * up twice in its param ({@code ?vhost=v?vhost=v}); here the tcUrl is read once.
     *
     * @param streamName     the name as the client sent it, query included
     * @param durationMillis the play duration, or -1
     * <p>If tcUrl and name together do not parse (a space in the name), the connect-time values
     * stay and the raw name, stripped, becomes the stream, as in SRS.
     *
     * @throws SrsException {@code RTMP_STREAM_NAME_EMPTY} when no stream name can be found (SRS #834:
     *         HLS would write a file without a name), {@code RTMP_REQ_TCURL} when the result has no
     *         schema, vhost or app
     */
    public RtmpRequest withStream(String streamName, long durationMillis) {
        UrlParts p;
        try {
            p = RtmpUrls.discover(tcUrl, streamName, "").guessStreamIfEmpty();
        } catch (SrsException e) {
            if (e.code() != ErrorCode.RTMP_REQ_TCURL) {
                throw e;
            }
            // SRS ignores a parse failure here and keeps the connect-time values with the raw
            // name, which is how a name such as "my stream" still plays as "mystream".
            p = new UrlParts(schema, host, vhost, app, streamName, port, param);
        }
        p = p.strip();
        checkParts(tcUrl, p);
        if (p.stream().isEmpty()) {
            throw new SrsException(ErrorCode.RTMP_STREAM_NAME_EMPTY,
                    "empty stream name, tcUrl=" + tcUrl + ", name=" + streamName);
        }
        return new RtmpRequest(tcUrl, pageUrl, swfUrl, objectEncoding, p.schema(), p.host(), p.vhost(), p.app(),
                p.stream(), p.port(), p.param(), durationMillis);
    }

    /** The same request under another vhost, e.g. the configured one it resolved to. */
    public RtmpRequest withVhost(String newVhost) {
        return new RtmpRequest(tcUrl, pageUrl, swfUrl, objectEncoding, schema, host, newVhost, app, stream,
                port, param, durationMillis);
    }

    /** The stream key: {@code vhost/app/stream}, default vhost omitted; see {@link RtmpUrls#streamUrl}. */
    public String streamUrl() {
        return RtmpUrls.streamUrl(vhost, app, stream);
    }

    /**
     * What SRS's upstream client (forwarder, edge) makes of this request when it goes to
     * {@code server:serverPort}: it builds {@link RtmpUrls#rtmpUrl} (carrying the vhost as
     * {@code vhost=} unless it is the default one on an IP address), splits it and discovers it
     * again, as {@code SrsBasicRtmpClient} does.
     */
    public UrlParts upstreamParts(String server, int serverPort) {
        RtmpUrls.TcUrlAndStream split = RtmpUrls.splitRtmpUrl(
                RtmpUrls.rtmpUrl(server, serverPort, host, vhost, app, stream, param));
        return RtmpUrls.discover(split.tcUrl(), split.stream(), "");
    }

    /** The tcUrl of the upstream {@code connect}: {@code rtmp://vhost-or-server[:port]/app}. */
    public String upstreamTcUrl(String server, int serverPort) {
        UrlParts p = upstreamParts(server, serverPort);
        return RtmpUrls.tcUrl("rtmp", p.host(), p.vhost(), p.app(), p.port());
    }

    /**
     * The name to play/publish upstream: stream and param, without {@code vhost=} since the vhost
     * travels in the tcUrl (forward and edge pass {@code with_vhost=false}).
     */
    public String upstreamStream(String server, int serverPort) {
        UrlParts p = upstreamParts(server, serverPort);
        return RtmpUrls.streamWithQuery(p.host(), p.vhost(), p.stream(), p.param(), false);
    }

    private static void checkParts(String tcUrl, UrlParts p) {
        if (p.schema().isEmpty() || p.vhost().isEmpty() || p.port() == 0 || p.app().isEmpty()) {
            throw new SrsException(ErrorCode.RTMP_REQ_TCURL, "discovery tcUrl failed, tcUrl=" + tcUrl
                    + ", schema=" + p.schema() + ", vhost=" + p.vhost() + ", port=" + p.port() + ", app=" + p.app());
        }
    }
}
