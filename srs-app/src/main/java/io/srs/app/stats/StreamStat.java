package io.srs.app.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.srs.app.source.LiveSource;
import io.srs.kernel.codec.AudioInfo;
import io.srs.kernel.codec.VideoInfo;

/**
 * One stream in the statistics (port of {@code SrsStatisticStream}): exists while it has a
 * publisher or any client, like SRS's {@code cleanup_stream}. Codecs and frame counts are read
 * from the live source when dumped. Not thread-safe: guarded by the {@link Statistics} lock.
 */
final class StreamStat {
    final String id;
    final VhostStat vhost;
    final String app;
    final String name;
    final String url;
    final String tcUrl;
    final Traffic traffic;
    int clients;
    boolean active;
    String publisherId;
    /** The latest publisher, kept after it left so late HLS/DVR events can still name it. */
    ClientSnapshot lastPublisher;

    StreamStat(String id, VhostStat vhost, String app, String name, String url, String tcUrl, long nowNanos) {
        this.id = id;
        this.vhost = vhost;
        this.app = app;
        this.name = name;
        this.url = url;
        this.tcUrl = tcUrl;
        this.traffic = new Traffic(nowNanos);
    }

    /**
     * SRS's fields. {@code live_ms} is the current time, as SRS has it. Codecs are shown only
     * while a publisher is live (SRS forgets them when the stream closes).
     */
    void dump(ObjectNode o, LiveSource source) {
        o.put("id", id);
        o.put("name", name);
        o.put("vhost", vhost.id);
        o.put("app", app);
        o.put("tcUrl", tcUrl);
        o.put("url", url);
        o.put("live_ms", System.currentTimeMillis());
        o.put("clients", clients);
        o.put("frames", source == null ? 0 : source.videoFrames());
        o.put("send_bytes", traffic.sendBytes());
        o.put("recv_bytes", traffic.recvBytes());
        ObjectNode kbps = o.putObject("kbps");
        kbps.put("recv_30s", traffic.recvKbps30s());
        kbps.put("send_30s", traffic.sendKbps30s());
        ObjectNode publish = o.putObject("publish");
        publish.put("active", active);
        if (publisherId != null) {
            publish.put("cid", publisherId);
        }
        VideoInfo v = active && source != null ? source.videoInfo() : null;
        if (v == null) {
            o.putNull("video");
        } else {
            ObjectNode video = o.putObject("video");
            video.put("codec", v.codec());
            video.put("profile", v.profile());
            video.put("level", v.level());
            video.put("width", v.width());
            video.put("height", v.height());
        }
        AudioInfo a = active && source != null ? source.audioInfo() : null;
        if (a == null) {
            o.putNull("audio");
        } else {
            ObjectNode audio = o.putObject("audio");
            audio.put("codec", a.codec());
            audio.put("sample_rate", a.sampleRate());
            audio.put("channel", a.channels());
            audio.put("profile", a.profile());
        }
    }
}
