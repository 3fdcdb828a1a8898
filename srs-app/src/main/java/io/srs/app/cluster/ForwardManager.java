package io.srs.app.cluster;

import io.srs.app.config.ConfigDiff;
import io.srs.app.config.ForwardConfig;
import io.srs.app.config.ListenAddress;
import io.srs.app.config.SrsConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.source.LiveSource;
import io.srs.app.source.SourceListener;
import io.srs.core.SrsException;
import io.srs.core.log.Context;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.request.RtmpUrls;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Starts forwarders when a stream is published on a vhost with {@code forward} enabled and stops
 * them on unpublish; applies reloaded destinations to live streams. Port of the forward part of
 * {@code SrsOriginHub} ({@code create_forwarders}, {@code create_backend_forwarders},
 * {@code on_reload_vhost_forward}), except that a reload only starts and stops the destinations
 * that changed instead of restarting all of them.
 *
 * <p>Loop guard: a destination that is the very endpoint the publisher reached us on (SRS 1's
 * check, with {@code 127.0.0.1} standing for that host) or one of our own listen ports on
 * loopback is skipped, and a stream whose publisher is one of our own upstream connections is
 * not forwarded again.
 *
 * <p>Thread-safe. Source events come on publisher threads and only start threads; they and a
 * reload's start of a stream's forwarders run under that stream's lifecycle lock
 * ({@link io.srs.app.source.SourceRegistry#forEachPublishing}), and a group stopped by an
 * unpublish ignores every later reconcile, so no forwarder outlives its stream.
 */
public final class ForwardManager implements SourceListener, ConfigStore.ReloadListener {
    private static final System.Logger LOG = System.getLogger(ForwardManager.class.getName());

    private final ClusterContext ctx;
    private final ForwardBackend backend;
    private final String serviceId;
    private final ConcurrentHashMap<String, Group> groups = new ConcurrentHashMap<>();

    ForwardManager(ClusterContext ctx, String serviceId) {
        this.ctx = ctx;
        this.backend = new ForwardBackend(ctx.tls::context);
        this.serviceId = serviceId;
    }

    @Override
    public void onPublish(LiveSource source) {
        attach(source);
    }

    /** Starts the forwarders of a published stream, if its vhost forwards. */
    private void attach(LiveSource source) {
        String cid = source.publisherId();
        RtmpRequest req = ctx.request(cid, source.url());
        VhostConfig v = ctx.vhost(req.vhost());
        if (v == null || !v.forward().enabled()) {
            return;
        }
        if (ctx.isOwnUpstream(cid)) {
            LOG.log(Level.WARNING, "forward: {0} comes from our own upstream connection, not forwarding it again"
                    + " (loop)", source.url());
            return;
        }
        String ip = ctx.clients.remote().apply(cid).map(a -> a.getAddress().getHostAddress()).orElse("");
        Group g = new Group(source.url(), v.name(), req, cid == null ? "" : cid, ip);
        Group old = groups.put(source.url(), g);
        if (old != null) {
            old.close();
        }
        g.apply(v.forward());
    }

    @Override
    public void onUnpublish(LiveSource source) {
        Group g = groups.remove(source.url());
        if (g != null) {
            g.close();
        }
    }

    @Override
    public void onReload(SrsConfig previous, SrsConfig next, ConfigDiff diff) {
        // Streams live before their vhost started forwarding (SRS recreates all of a vhost's),
        // each under its lifecycle lock so that its unpublish cannot slip in between and leave
        // forwarders running for a stream that is gone.
        ctx.sources.forEachPublishing(s -> {
            if (!groups.containsKey(s.url())) {
                attach(s);
            }
        });
        for (Group g : groups.values()) {
            VhostConfig before = previous.vhost(g.vhost);
            VhostConfig after = next.vhost(g.vhost);
            ForwardConfig a = before == null ? null : before.forward();
            ForwardConfig b = after == null ? null : after.forward();
            if (b == null || !b.equals(a)) {
                LOG.log(Level.INFO, "forward: reload {0} of vhost {1}", g.url, g.vhost);
                g.apply(b == null ? new ForwardConfig(false, List.of(), "") : b);
            }
        }
    }

    /** Forwarders of {@code url}, in start order. */
    public List<Forwarder> forwarders(String url) {
        Group g = groups.get(url);
        return g == null ? List.of() : g.forwarders();
    }

    /** Every live forwarder. */
    public List<Forwarder> all() {
        List<Forwarder> out = new ArrayList<>();
        groups.values().forEach(g -> out.addAll(g.forwarders()));
        return out;
    }

    void close() {
        groups.values().forEach(Group::close);
        groups.clear();
    }

    /** Whether forwarding {@code url}'s publisher (who reached us on its req) to {@code dest} loops. */
    static boolean loops(Endpoint dest, RtmpRequest req, Collection<Integer> ownPorts) {
        boolean local = isLoopback(dest.host());
        String host = local ? req.host() : dest.host();
        if (host.equals(req.host()) && dest.port() == req.port()) {
            return true;
        }
        return local && ownPorts.contains(dest.port());
    }

    private static boolean isLoopback(String host) {
        return host.startsWith("127.") || host.equals("localhost") || host.equals("::1");
    }

    /** The forwarders of one published stream. */
    private final class Group {
        final String url;
        final String vhost;
        final RtmpRequest req;
        final String clientId;
        final String ip;
        private final Map<String, Forwarder> byKey = new LinkedHashMap<>();
        private boolean closed;
        private int generation;

        Group(String url, String vhost, RtmpRequest req, String clientId, String ip) {
            this.url = url;
            this.vhost = vhost;
            this.req = req;
            this.clientId = clientId;
            this.ip = ip;
        }

        synchronized List<Forwarder> forwarders() {
            return List.copyOf(byKey.values());
        }

        /** Brings the forwarders in line with {@code fc}; the backend is asked on a thread of its own. */
        void apply(ForwardConfig fc) {
            int gen;
            synchronized (this) {
                gen = ++generation;
            }
            if (!fc.enabled()) {
                reconcile(gen, Map.of());
                return;
            }
            if (fc.backend().isEmpty()) {
                reconcile(gen, statics(fc.destinations()));
                return;
            }
            String body = ForwardBackend.body(ctx.config.current().serverId(), serviceId, clientId, ip, req);
            String parent = Context.current();
            Thread.ofVirtual().name("forward-backend").start(() -> ScopedValue.where(Context.CID, parent).run(() -> {
                try {
                    List<String> urls = backend.urls(fc.backend(), body);
                    LOG.log(Level.INFO, "forward: backend {0} gives {1} for {2}", fc.backend(), urls, url);
                    Map<String, Target> targets = new LinkedHashMap<>();
                    for (String u : urls) {
                        target(u).ifPresent(t -> targets.put(u, t));
                    }
                    reconcile(gen, targets);
                } catch (SrsException e) {
                    LOG.log(Level.WARNING, "forward: backend {0} failed for {1}: {2}", fc.backend(), url, e.describe());
                }
            }));
        }

        private Map<String, Target> statics(List<String> destinations) {
            Set<Integer> own = ctx.config.current().listen().stream().map(ListenAddress::port)
                    .collect(Collectors.toSet());
            Map<String, Target> out = new LinkedHashMap<>();
            for (String d : destinations) {
                if (d.startsWith("rtmp://") || (d.startsWith("rtmps://") && d.indexOf('/', 8) > 0)) {
                    target(d).ifPresent(t -> out.put(d, t));
                    continue;
                }
                Endpoint ep;
                try {
                    ep = Endpoint.parse(d);
                } catch (SrsException e) {
                    LOG.log(Level.WARNING, "forward: ignore destination {0}: {1}", d, e.describe());
                    continue;
                }
                if (loops(ep, req, own)) {
                    LOG.log(Level.WARNING, "forward: ignore destination {0} for {1}: forward loop, it is this server",
                            d, url);
                    continue;
                }
                out.put(d, new Target(ep, req));
            }
            return out;
        }

        private Optional<Target> target(String rtmpUrl) {
            try {
                // rtmps://host[:port]/app/stream: the same request, over TLS (port 443 unless given).
                boolean tls = rtmpUrl.startsWith("rtmps://");
                String plain = tls ? "rtmp://" + rtmpUrl.substring(8) : rtmpUrl;
                RtmpUrls.TcUrlAndStream split = RtmpUrls.splitRtmpUrl(plain);
                RtmpRequest t = RtmpRequest.ofConnect(split.tcUrl(), "", "", 0).withStream(split.stream(), -1);
                int slash = plain.indexOf('/', 7);
                String authority = plain.substring(7, slash < 0 ? plain.length() : slash);
                boolean portGiven = authority.lastIndexOf(':') > authority.lastIndexOf(']');
                int port = tls && !portGiven ? Endpoint.RTMPS_DEFAULT_PORT : t.port();
                return Optional.of(new Target(new Endpoint(t.host(), port, tls), t));
            } catch (SrsException e) {
                LOG.log(Level.WARNING, "forward: ignore destination {0}: {1}", rtmpUrl, e.describe());
                return Optional.empty();
            }
        }

        private void reconcile(int gen, Map<String, Target> wanted) {
            List<Forwarder> stop = new ArrayList<>();
            synchronized (this) {
                if (closed || gen != generation) {
                    return;
                }
                for (var it = byKey.entrySet().iterator(); it.hasNext(); ) {
                    var e = it.next();
                    if (!wanted.containsKey(e.getKey())) {
                        stop.add(e.getValue());
                        it.remove();
                    }
                }
                for (var e : wanted.entrySet()) {
                    if (!byKey.containsKey(e.getKey())) {
                        Target t = e.getValue();
                        Forwarder f = new Forwarder(ctx, url, vhost, t.endpoint(), t.request(), clientId);
                        byKey.put(e.getKey(), f);
                        f.start();
                    }
                }
            }
            stop.forEach(Forwarder::stop);
        }

        void close() {
            List<Forwarder> stop;
            synchronized (this) {
                closed = true;
                stop = new ArrayList<>(byKey.values());
                byKey.clear();
            }
            stop.forEach(Forwarder::stop);
        }
    }

    /** Where to push and what to publish there. */
    private record Target(Endpoint endpoint, RtmpRequest request) {
    }
}
