package io.srs.app.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.session.ClientKind;

/**
 * One client in the statistics (port of {@code SrsStatisticClient}), registered when it starts
 * to play or publish. Its bytes are taken from the connection's counters at each sample and
 * added to its stream, vhost and the server. Not thread-safe: guarded by the
 * {@link Statistics} lock.
 */
final class ClientStat {
    final ClientHandle handle;
    final long createdNanos;
    final Traffic traffic;
    StreamStat stream;
    RtmpRequest request;
    ClientKind kind;
    // Connection counters at the previous sample.
    long lastRecv;
    long lastSend;

    ClientStat(ClientHandle handle, long nowNanos) {
        this.handle = handle;
        this.createdNanos = nowNanos;
        this.traffic = new Traffic(nowNanos);
        this.lastRecv = handle.bytesReceived();
        this.lastSend = handle.bytesSent();
    }

    /** SRS's fields, {@code type} being e.g. {@code rtmp-play} or {@code fmle-publish}. */
    void dump(ObjectNode o, long nowNanos) {
        o.put("id", handle.id());
        o.put("vhost", stream.vhost.id);
        o.put("stream", stream.id);
        o.put("ip", handle.ip());
        o.put("pageUrl", request.pageUrl());
        o.put("swfUrl", request.swfUrl());
        o.put("tcUrl", request.tcUrl());
        o.put("url", request.streamUrl());
        o.put("name", request.stream());
        o.put("type", kind.apiName());
        o.put("publish", kind.isPublish());
        o.put("alive", (nowNanos - createdNanos) / 1_000_000 / 1000.0);
        o.put("send_bytes", traffic.sendBytes());
        o.put("recv_bytes", traffic.recvBytes());
        ObjectNode kbps = o.putObject("kbps");
        kbps.put("recv_30s", traffic.recvKbps30s());
        kbps.put("send_30s", traffic.sendKbps30s());
    }
}
