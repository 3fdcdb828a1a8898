package io.srs.app.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.srs.app.config.VhostConfig;

/**
 * One vhost in the statistics (port of {@code SrsStatisticVhost}). Created on first use and
 * kept for the life of the process, as in SRS (vhost names come from the config, so they are
 * few). Not thread-safe: guarded by the {@link Statistics} lock.
 */
final class VhostStat {
    final String id;
    final String name;
    final Traffic traffic;
    int clients;
    int streams;

    VhostStat(String id, String name, long nowNanos) {
        this.id = id;
        this.name = name;
        this.traffic = new Traffic(nowNanos);
    }

    /** SRS's fields: {@code id, name, enabled, clients, streams, send_bytes, recv_bytes, kbps, hls}. */
    void dump(ObjectNode o, VhostConfig config) {
        o.put("id", id);
        o.put("name", name);
        o.put("enabled", config != null && config.enabled());
        o.put("clients", clients);
        o.put("streams", streams);
        o.put("send_bytes", traffic.sendBytes());
        o.put("recv_bytes", traffic.recvBytes());
        ObjectNode kbps = o.putObject("kbps");
        kbps.put("recv_30s", traffic.recvKbps30s());
        kbps.put("send_30s", traffic.sendKbps30s());
        ObjectNode hls = o.putObject("hls");
        boolean hlsOn = config != null && config.hls().enabled();
        hls.put("enabled", hlsOn);
        if (hlsOn) {
            hls.put("fragment", config.hls().fragment().toMillis() / 1000.0);
        }
    }
}
