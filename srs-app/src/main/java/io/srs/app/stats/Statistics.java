package io.srs.app.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceListener;
import io.srs.app.source.SourceRegistry;
import io.srs.core.SrsException;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.request.RtmpUrls;
import io.srs.rtmp.session.ClientKind;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Vhosts, streams and clients with their traffic, for the HTTP API, hooks and metrics. Port of
 * {@code SrsStatistic} (srs_app_statistic.cpp) without the singleton: ids are SRS-style
 * {@code vid-xxxxxxx} strings, a client is registered when it starts to play or publish, a
 * stream lives while it has a publisher or a client, and each {@link #sample()} takes every
 * connection's byte counters and adds the deltas to the client, its stream, its vhost and the
 * server (SRS's {@code kbps_add_delta}).
 *
 * <p>Thread-safe: one lock guards all records; it is never held across IO, and the publisher's
 * media path never takes it (the stream's publish state comes from the source's listener).
 */
public final class Statistics implements SourceListener {
    private final ConfigStore config;
    private final SourceRegistry sources;
    private final SecureRandom random;
    private final LongSupplier nanoClock;
    private final ReentrantLock lock = new ReentrantLock();
    // Sorted by id like SRS's std::map, so paging is stable.
    private final TreeMap<String, VhostStat> vhosts = new TreeMap<>();
    private final HashMap<String, VhostStat> vhostsByName = new HashMap<>();
    private final TreeMap<String, StreamStat> streams = new TreeMap<>();
    private final HashMap<String, StreamStat> streamsByUrl = new HashMap<>();
    private final TreeMap<String, ClientStat> clients = new TreeMap<>();
    private final Traffic server;
    private long totalClients;
    private long errors;

    /** Extra per-stream JSON from other components (e.g. the cluster), by field name. */
    private final java.util.Map<String, java.util.function.Function<String, com.fasterxml.jackson.databind.JsonNode>>
            streamSections = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Adds a field to every stream of {@code /api/v1/streams}, computed from the stream url
     * (a null result leaves the field out). Lets other packages show their state without the
     * statistics depending on them.
     */
    public void addStreamSection(String field,
            java.util.function.Function<String, com.fasterxml.jackson.databind.JsonNode> section) {
        streamSections.put(field, section);
    }

    private void sections(ObjectNode o, String url) {
        for (var e : streamSections.entrySet()) {
            var node = e.getValue().apply(url);
            if (node != null) {
                o.set(e.getKey(), node);
            }
        }
    }

    public Statistics(ConfigStore config, SourceRegistry sources, SecureRandom random, LongSupplier nanoClock) {
        this.config = config;
        this.sources = sources;
        this.random = random;
        this.nanoClock = nanoClock;
        this.server = new Traffic(nanoClock.getAsLong());
        sources.addListener(this);
    }

    public Statistics(ConfigStore config, SourceRegistry sources) {
        this(config, sources, new SecureRandom(), System::nanoTime);
    }

    /**
     * Registers (or re-registers, when the same connection plays or publishes again) a client
     * on the stream of {@code request}; SRS's {@code on_client}.
     */
    public void onClient(ClientHandle handle, RtmpRequest request, ClientKind kind) {
        lock.lock();
        try {
            long now = nanoClock.getAsLong();
            ClientStat c = clients.get(handle.id());
            StreamStat previous = null;
            if (c == null) {
                c = new ClientStat(handle, now);
                clients.put(handle.id(), c);
            } else {
                // Bytes so far belong to the previous session's stream.
                collect(c);
                previous = c.stream;
                previous.clients--;
                previous.vhost.clients--;
            }
            StreamStat stream = stream(request, now);
            c.stream = stream;
            c.request = request;
            c.kind = kind;
            stream.clients++;
            stream.vhost.clients++;
            if (previous != null && previous != stream) {
                cleanup(previous);
            }
            totalClients++;
        } finally {
            lock.unlock();
        }
    }

    /** The connection ended; SRS's {@code on_disconnect}. Ends other than a clean close count as errors. */
    public void onDisconnect(String clientId, Throwable error) {
        lock.lock();
        try {
            ClientStat c = clients.remove(clientId);
            if (c == null) {
                return;
            }
            collect(c);
            leave(c);
            if (error != null && !(error instanceof SrsException e && e.code().isGracefulClose())) {
                errors++;
            }
        } finally {
            lock.unlock();
        }
    }

    private void leave(ClientStat c) {
        StreamStat s = c.stream;
        s.clients--;
        s.vhost.clients--;
        cleanup(s);
    }

    private void cleanup(StreamStat s) {
        if (s.active || s.clients > 0) {
            return;
        }
        streams.remove(s.id);
        streamsByUrl.remove(s.url, s);
    }

    @Override
    public void onPublish(LiveSource source) {
        lock.lock();
        try {
            StreamStat s = streamsByUrl.get(source.url());
            if (s == null) {
                // Published without an RTMP client (edge ingest, forwarding target...).
                s = stream(source.url(), "", nanoClock.getAsLong());
            }
            if (!s.active) {
                s.active = true;
                s.vhost.streams++;
            }
            s.publisherId = source.publisherId();
            // The publisher the source accepted: a refused one ("stream busy") never gets here.
            ClientStat c = source.publisherId() == null ? null : clients.get(source.publisherId());
            if (c != null) {
                s.lastPublisher = new ClientSnapshot(c.handle.id(), c.handle.ip(), c.request);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onUnpublish(LiveSource source) {
        lock.lock();
        try {
            StreamStat s = streamsByUrl.get(source.url());
            if (s == null || !s.active) {
                return;
            }
            s.active = false;
            s.vhost.streams--;
            cleanup(s);
        } finally {
            lock.unlock();
        }
    }

    private StreamStat stream(RtmpRequest r, long now) {
        StreamStat s = streamsByUrl.get(r.streamUrl());
        return s != null ? s : newStream(vhost(r.vhost(), now), r.app(), r.stream(), r.streamUrl(), r.tcUrl(), now);
    }

    private StreamStat stream(String url, String tcUrl, long now) {
        // url is vhost/app/stream with the default vhost left out: "/live/livestream".
        int first = url.indexOf('/');
        int last = url.lastIndexOf('/');
        String vhost = first <= 0 ? RtmpUrls.DEFAULT_VHOST : url.substring(0, first);
        String app = last > first ? url.substring(first + 1, last) : "";
        return newStream(vhost(vhost, now), app, url.substring(last + 1), url, tcUrl, now);
    }

    private StreamStat newStream(VhostStat v, String app, String name, String url, String tcUrl, long now) {
        StreamStat s = new StreamStat(uniqueId(streams), v, app, name, url, tcUrl, now);
        streams.put(s.id, s);
        streamsByUrl.put(url, s);
        return s;
    }

    private VhostStat vhost(String name, long now) {
        VhostStat v = vhostsByName.get(name);
        if (v == null) {
            v = new VhostStat(uniqueId(vhosts), name, now);
            vhosts.put(v.id, v);
            vhostsByName.put(name, v);
        }
        return v;
    }

    private String uniqueId(Map<String, ?> taken) {
        String id;
        do {
            id = Identity.newId("vid-", 7, random);
        } while (taken.containsKey(id));
        return id;
    }

    /** Takes every client's new bytes and refreshes all 30 s rates. Called by the sampler. */
    public void sample() {
        lock.lock();
        try {
            long now = nanoClock.getAsLong();
            for (ClientStat c : clients.values()) {
                collect(c);
                c.traffic.sample(now);
            }
            for (StreamStat s : streams.values()) {
                s.traffic.sample(now);
            }
            for (VhostStat v : vhosts.values()) {
                v.traffic.sample(now);
            }
            server.sample(now);
        } finally {
            lock.unlock();
        }
    }

    private void collectAll() {
        for (ClientStat c : clients.values()) {
            collect(c);
        }
    }

    private void collect(ClientStat c) {
        long recv = c.handle.bytesReceived();
        long send = c.handle.bytesSent();
        long dr = Math.max(0, recv - c.lastRecv);
        long ds = Math.max(0, send - c.lastSend);
        c.lastRecv = recv;
        c.lastSend = send;
        if (dr == 0 && ds == 0) {
            return;
        }
        c.traffic.add(dr, ds);
        c.stream.traffic.add(dr, ds);
        c.stream.vhost.traffic.add(dr, ds);
        server.add(dr, ds);
    }

    // ---- Queries for hooks, API and metrics ----

    /** The statistic id of the stream at {@code url} (SRS's {@code stream_id} hook field). */
    public Optional<String> streamId(String url) {
        lock.lock();
        try {
            StreamStat s = streamsByUrl.get(url);
            return s == null ? Optional.empty() : Optional.of(s.id);
        } finally {
            lock.unlock();
        }
    }

    /** The latest publisher of the stream at {@code url}, while the stream is known. */
    public Optional<ClientSnapshot> publisher(String url) {
        lock.lock();
        try {
            StreamStat s = streamsByUrl.get(url);
            return s == null ? Optional.empty() : Optional.ofNullable(s.lastPublisher);
        } finally {
            lock.unlock();
        }
    }

    /** The live connection of a registered client, for kicking it. */
    public Optional<ClientHandle> client(String id) {
        lock.lock();
        try {
            ClientStat c = clients.get(id);
            return c == null ? Optional.empty() : Optional.of(c.handle);
        } finally {
            lock.unlock();
        }
    }

    /** Server totals, SRS's {@code dumps_metrics}. Immutable. */
    public record Totals(long sendBytes, long recvBytes, int streams, int clients, long totalClients, long errors,
            int recvKbps30s, int sendKbps30s) {
    }

    public Totals totals() {
        lock.lock();
        try {
            collectAll();
            return new Totals(server.sendBytes(), server.recvBytes(), streams.size(), clients.size(), totalClients,
                    errors, server.recvKbps30s(), server.sendKbps30s());
        } finally {
            lock.unlock();
        }
    }

    /** Per-stream figures for the metrics. Immutable. */
    public record StreamTotals(String url, String vhost, String app, String name, long sendBytes, long recvBytes,
            int clients, boolean active) {
    }

    public List<StreamTotals> streamTotals() {
        lock.lock();
        try {
            collectAll();
            List<StreamTotals> out = new ArrayList<>(streams.size());
            for (StreamStat s : streams.values()) {
                out.add(new StreamTotals(s.url, s.vhost.name, s.app, s.name, s.traffic.sendBytes(),
                        s.traffic.recvBytes(), s.clients, s.active));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    // ---- JSON dumps, with SRS's field names ----

    /** All vhosts ever seen. */
    public ArrayNode dumpVhosts() {
        SrsConfig cfg = config.current();
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        lock.lock();
        try {
            collectAll();
            for (VhostStat v : vhosts.values()) {
                v.dump(arr.addObject(), cfg.exactVhost(v.name));
            }
        } finally {
            lock.unlock();
        }
        return arr;
    }

    public Optional<ObjectNode> dumpVhost(String id) {
        SrsConfig cfg = config.current();
        lock.lock();
        try {
            VhostStat v = vhosts.get(id);
            if (v == null) {
                return Optional.empty();
            }
            collectAll();
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            v.dump(o, cfg.exactVhost(v.name));
            return Optional.of(o);
        } finally {
            lock.unlock();
        }
    }

    /** Streams {@code start .. start+count-1} in id order. */
    public ArrayNode dumpStreams(int start, int count) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        lock.lock();
        try {
            collectAll();
            int i = 0;
            for (StreamStat s : streams.values()) {
                if (i >= start + count) {
                    break;
                }
                if (i++ >= start) {
                    ObjectNode o = arr.addObject();
                    s.dump(o, sources.find(s.url).orElse(null));
                    sections(o, s.url);
                }
            }
            return arr;
        } finally {
            lock.unlock();
        }
    }

    public Optional<ObjectNode> dumpStream(String id) {
        lock.lock();
        try {
            StreamStat s = streams.get(id);
            if (s == null) {
                return Optional.empty();
            }
            collectAll();
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            s.dump(o, sources.find(s.url).orElse(null));
            sections(o, s.url);
            return Optional.of(o);
        } finally {
            lock.unlock();
        }
    }

    public ArrayNode dumpClients(int start, int count) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        lock.lock();
        try {
            collectAll();
            long now = nanoClock.getAsLong();
            int i = 0;
            for (ClientStat c : clients.values()) {
                if (i >= start + count) {
                    break;
                }
                if (i++ >= start) {
                    c.dump(arr.addObject(), now);
                }
            }
            return arr;
        } finally {
            lock.unlock();
        }
    }

    public Optional<ObjectNode> dumpClient(String id) {
        lock.lock();
        try {
            ClientStat c = clients.get(id);
            if (c == null) {
                return Optional.empty();
            }
            collectAll();
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            c.dump(o, nanoClock.getAsLong());
            return Optional.of(o);
        } finally {
            lock.unlock();
        }
    }
}
