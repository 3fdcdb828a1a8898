package io.srs.app.hooks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.srs.app.config.HeartbeatConfig;
import io.srs.app.config.SrsConfig;
import io.srs.app.server.ConfigStore;
import io.srs.app.stats.Identity;
import io.srs.app.stats.Summaries;
import io.srs.core.time.StopSignal;
import io.srs.core.SrsException;

import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SRS's heartbeat ({@code SrsHttpHeartbeat}): every {@code heartbeat.interval} POST
 * {@code {device_id, ip, server, service, pid[, summaries][, rtmp, http, api]}} to
 * {@code heartbeat.url}. The answer is read and ignored; failures are logged. The settings are
 * read at each beat, so a reload (enable, disable, new url or interval) applies to the next one.
 *
 * <p>Thread-safe; runs on its own virtual thread.
 */
public final class Heartbeat implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Heartbeat.class.getName());

    private final ConfigStore config;
    private final Identity identity;
    private final Summaries summaries;
    private final HookClient client;
    private final Map<String, String> env;
    private final StopSignal stop = new StopSignal();
    private Thread thread;

    public Heartbeat(ConfigStore config, Identity identity, Summaries summaries, HookClient client,
            Map<String, String> env) {
        this.config = config;
        this.identity = identity;
        this.summaries = summaries;
        this.client = client;
        this.env = env;
    }

    public synchronized void start() {
        if (thread == null && !stop.isStopped()) {
            thread = Thread.ofVirtual().name("heartbeat").start(this::loop);
        }
    }

    private void loop() {
        while (stop.sleep(config.current().heartbeat().interval())) {
            SrsConfig cfg = config.current();
            if (!cfg.heartbeat().enabled()) {
                continue;
            }
            try {
                beat(cfg);
            } catch (SrsException e) {
                LOG.log(Level.WARNING, "heartbeat to {0} failed: {1}", cfg.heartbeat().url(), e.describe());
            }
        }
    }

    /** One heartbeat now. */
    void beat(SrsConfig cfg) {
        String body = body(cfg).toString();
        try {
            client.post(cfg.heartbeat().url(), body, Duration.ofSeconds(30));
        } catch (SrsException e) {
            // SRS does not judge the answer, only that the POST went through.
            if (e.code() == io.srs.core.ErrorCode.SOCKET_CONNECT || e.code() == io.srs.core.ErrorCode.SOCKET_TIMEOUT
                    || e.code() == io.srs.core.ErrorCode.HTTP_PARSE_URI) {
                throw e;
            }
        }
    }

    /** The heartbeat's JSON. */
    ObjectNode body(SrsConfig cfg) {
        HeartbeatConfig h = cfg.heartbeat();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("device_id", h.deviceId());
        o.put("ip", ip(cfg));
        o.put("server", identity.serverId());
        o.put("service", identity.serviceId());
        o.put("pid", identity.pid());
        if (h.summaries()) {
            o.set("summaries", JsonNodeFactory.instance.objectNode().set("data", summaries.dump()));
        }
        if (h.ports()) {
            var rtmp = o.putArray("rtmp");
            cfg.listen().forEach(a -> rtmp.add(a.toString()));
            if (cfg.httpServer().enabled()) {
                o.putArray("http").add(cfg.httpServer().listen().toString());
            }
            if (cfg.httpApi().enabled()) {
                o.putArray("api").add(cfg.httpApi().listen().toString());
            }
        }
        return o;
    }

    /** {@code SRS_DEVICE_IP}, else the {@code stats.network}-th local IPv4 address, as SRS picks it. */
    private String ip(SrsConfig cfg) {
        String fromEnv = env.get("SRS_DEVICE_IP");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        List<String> ips = new ArrayList<>();
        try {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : nic.inetAddresses().toList()) {
                    if (a instanceof Inet4Address) {
                        ips.add(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // No interfaces to report.
        }
        return ips.isEmpty() ? "" : ips.get(cfg.stats().network() % ips.size());
    }

    @Override
    public void close() {
        stop.stop();
    }
}
