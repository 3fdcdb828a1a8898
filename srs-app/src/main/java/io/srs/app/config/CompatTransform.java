package io.srs.app.config;

import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Rewrites configuration syntax of older SRS versions to the current one, so that a 2014 (v1)
 * or v2 config loads unchanged. Port of {@code srs_config_transform_vhost}; applied after
 * parsing and before environment overrides and validation.
 *
 * <table>
 * <caption>Rewrites</caption>
 * <tr><td>top-level {@code http_stream {}}</td><td>{@code http_server {}}</td></tr>
 * <tr><td>top-level v1 {@code pithy_print {}}</td><td>dropped (replaced by {@code pithy_print_ms})</td></tr>
 * <tr><td>SRS 7 {@code rtmp { listen; chunk_size; }}</td><td>top-level {@code listen}, {@code chunk_size}</td></tr>
 * <tr><td>vhost {@code http {}}</td><td>{@code http_static {}}</td></tr>
 * <tr><td>vhost {@code time_jitter, mix_correct, atc, atc_auto, mw_latency, gop_cache, …}</td><td>same in {@code play {}}</td></tr>
 * <tr><td>vhost {@code mode, origin, token_traverse, vhost, debug_srs_upnode}</td><td>same in {@code cluster {}}</td></tr>
 * <tr><td>vhost {@code forward a b;}</td><td>{@code forward { enabled on; destination a b; }}</td></tr>
 * <tr><td>vhost {@code refer; refer_play; refer_publish;}</td><td>{@code refer { enabled on; all; play; publish; }}</td></tr>
 * <tr><td>vhost {@code mr { enabled; latency; }}</td><td>{@code publish { mr; mr_latency; }}</td></tr>
 * <tr><td>vhost {@code publish_1stpkt_timeout, publish_normal_timeout}</td><td>{@code publish { firstpkt_timeout; normal_timeout; }}</td></tr>
 * <tr><td>vhost {@code nack {}, twcc {}}</td><td>{@code rtc { nack; nack_no_copy; twcc; }}</td></tr>
 * <tr><td>{@code http_remux { hstrs; }}</td><td>{@code hstrs} dropped</td></tr>
 * </table>
 *
 * <p>As in SRS, a legacy vhost-level value overwrites the same directive already written in the
 * new block (e.g. vhost {@code gop_cache off;} wins over {@code play { gop_cache on; }}).
 * Stateless and thread-safe.
 */
public final class CompatTransform {
    private static final Set<String> PLAY = Set.of("time_jitter", "mix_correct", "atc", "atc_auto",
            "mw_latency", "gop_cache", "gop_cache_max_frames", "queue_length", "send_min_interval",
            "reduce_sequence_header");
    private static final Set<String> CLUSTER = Set.of("mode", "origin", "token_traverse", "vhost",
            "debug_srs_upnode");

    private CompatTransform() {
    }

    public static Directive apply(Directive root) {
        MutableDirective r = MutableDirective.of(root);
        Iterator<MutableDirective> it = r.children.iterator();
        MutableDirective rtmp = null;
        while (it.hasNext()) {
            MutableDirective d = it.next();
            switch (d.name) {
                case "http_stream" -> d.name = "http_server";
                case "pithy_print" -> it.remove();
                case "rtmp" -> {
                    rtmp = d;
                    it.remove();
                }
                case "rtc_server" -> d.children.removeIf(c -> c.name.equals("perf_stat") || c.name.equals("queue_length"));
                case "srt_server" -> d.children.stream().filter(c -> c.name.equals("tlpkdrop")).forEach(c -> c.name = "tlpktdrop");
                case "vhost" -> transformVhost(d);
                default -> {
                }
            }
        }
        if (rtmp != null) {
            hoistRtmp(r, rtmp);
        }
        return r.freeze();
    }

    /** SRS 7 moved {@code listen} and {@code chunk_size} into {@code rtmp {}}; we read both forms. */
    private static void hoistRtmp(MutableDirective root, MutableDirective rtmp) {
        int at = 0;
        for (MutableDirective c : rtmp.children) {
            if ((c.name.equals("listen") || c.name.equals("chunk_size")) && root.get(c.name) == null) {
                root.children.add(at++, c);
            }
        }
    }

    private static void transformVhost(MutableDirective vhost) {
        List<MutableDirective> kids = List.copyOf(vhost.children);
        for (MutableDirective c : kids) {
            String n = c.name;
            if (n.equals("http")) {
                c.name = "http_static";
            } else if (n.equals("http_remux")) {
                MutableDirective hstrs = c.get("hstrs");
                c.children.remove(hstrs);
            } else if ((n.equals("refer") && !c.block) || n.equals("refer_play") || n.equals("refer_publish")) {
                vhost.children.remove(c);
                MutableDirective refer = vhost.getOrCreate("refer", true, c);
                if (refer.children.stream().noneMatch(e -> e.name.equals("enabled") && e.arg0().equals("on"))) {
                    leaf(refer, "enabled", c).args = new java.util.ArrayList<>(List.of("on"));
                }
                String target = switch (n) {
                    case "refer" -> "all";
                    case "refer_play" -> "play";
                    default -> "publish";
                };
                refer.getOrCreate(target, false, c).args = c.args;
            } else if (n.equals("mr")) {
                vhost.children.remove(c);
                MutableDirective publish = vhost.getOrCreate("publish", true, c);
                copyArgs(c.get("enabled"), publish, "mr");
                copyArgs(c.get("latency"), publish, "mr_latency");
            } else if (n.equals("publish_1stpkt_timeout") || n.equals("publish_normal_timeout")) {
                vhost.children.remove(c);
                MutableDirective publish = vhost.getOrCreate("publish", true, c);
                copyArgs(c, publish, n.equals("publish_1stpkt_timeout") ? "firstpkt_timeout" : "normal_timeout");
            } else if (PLAY.contains(n)) {
                vhost.children.remove(c);
                copyArgs(c, vhost.getOrCreate("play", true, c), n);
            } else if (CLUSTER.contains(n)) {
                vhost.children.remove(c);
                copyArgs(c, vhost.getOrCreate("cluster", true, c), n);
            } else if (n.equals("forward") && !c.block && !c.args.isEmpty()) {
                MutableDirective destination = new MutableDirective("destination", c.args, false, c.file, c.line);
                c.args = new java.util.ArrayList<>();
                c.block = true;
                c.children.add(new MutableDirective("enabled", List.of("on"), false, c.file, c.line));
                c.children.add(destination);
            } else if (n.equals("nack") || n.equals("twcc")) {
                vhost.children.remove(c);
                MutableDirective rtc = vhost.getOrCreate("rtc", true, c);
                copyArgs(c.get("enabled"), rtc, n);
                if (n.equals("nack")) {
                    copyArgs(c.get("no_copy"), rtc, "nack_no_copy");
                }
            }
        }
    }

    private static MutableDirective leaf(MutableDirective parent, String name, MutableDirective origin) {
        MutableDirective d = new MutableDirective(name, List.of(), false, origin.file, origin.line);
        parent.children.add(d);
        return d;
    }

    /** Sets {@code parent.name} to the args of {@code from} (creating it), when {@code from} exists. */
    private static void copyArgs(MutableDirective from, MutableDirective parent, String name) {
        if (from != null) {
            parent.getOrCreate(name, false, from).args = new java.util.ArrayList<>(from.args);
        }
    }
}
