package io.srs.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompatTransformTest {
    private static Directive transform(String text) {
        return CompatTransform.apply(new ConfigParser(Path.of("/nonexistent")).parse(text, "old.conf"));
    }

    private static List<String> names(Directive d) {
        return d.children().stream().map(Directive::name).toList();
    }

    @Test
    void httpStreamBecomesHttpServer() {
        Directive r = transform("http_stream { enabled on; listen 8080; }");
        assertNull(r.get("http_stream"));
        assertEquals("8080", r.get("http_server").get("listen").arg0());
    }

    @Test
    void v1PithyPrintBlockIsDropped() {
        assertEquals(List.of("listen"), names(transform("listen 1; pithy_print { publish 10000; }")));
    }

    @Test
    void vhostHttpBecomesHttpStatic() {
        Directive v = transform("vhost a { http { enabled on; mount /hls; } }").get("vhost");
        assertEquals(List.of("http_static"), names(v));
        assertEquals("/hls", v.get("http_static").get("mount").arg0());
    }

    @Test
    void playSettingsMoveIntoPlay() {
        Directive v = transform("vhost a {\n time_jitter zero;\n mix_correct on;\n atc on;\n atc_auto on;\n"
                + " mw_latency 500;\n gop_cache off;\n gop_cache_max_frames 100;\n queue_length 10;\n"
                + " send_min_interval 5;\n reduce_sequence_header on;\n enabled on;\n}").get("vhost");
        assertEquals(List.of("enabled", "play"), names(v));
        Directive play = v.get("play");
        assertEquals(List.of("time_jitter", "mix_correct", "atc", "atc_auto", "mw_latency", "gop_cache",
                "gop_cache_max_frames", "queue_length", "send_min_interval", "reduce_sequence_header"), names(play));
        assertEquals("zero", play.get("time_jitter").arg0());
        assertEquals("10", play.get("queue_length").arg0());
        assertEquals(4, play.get("atc").line());
        assertEquals(2, play.line());
        assertEquals("old.conf", play.get("atc").file());
    }

    @Test
    void legacyValueOverwritesTheNewBlockLikeSrs() {
        Directive play = transform("vhost a { play { gop_cache on; } gop_cache off; }").get("vhost").get("play");
        assertEquals(1, play.getAll("gop_cache").size());
        assertEquals("off", play.get("gop_cache").arg0());
    }

    @Test
    void clusterSettingsMoveIntoCluster() {
        Directive v = transform("vhost a { mode remote; origin 1.2.3.4:1935 b; token_traverse on; vhost up;"
                + " debug_srs_upnode off; }").get("vhost");
        assertEquals(List.of("cluster"), names(v));
        Directive c = v.get("cluster");
        assertEquals("remote", c.get("mode").arg0());
        assertEquals(List.of("1.2.3.4:1935", "b"), c.get("origin").args());
        assertEquals("on", c.get("token_traverse").arg0());
        assertEquals("up", c.get("vhost").arg0());
        assertEquals("off", c.get("debug_srs_upnode").arg0());
    }

    @Test
    void forwardWithArgsBecomesBlock() {
        Directive f = transform("vhost a { forward a:1935 b:1936; }").get("vhost").get("forward");
        assertTrue(f.isBlock());
        assertEquals(List.of(), f.args());
        assertEquals("on", f.get("enabled").arg0());
        assertEquals(List.of("a:1935", "b:1936"), f.get("destination").args());
    }

    @Test
    void modernForwardBlockIsKept() {
        Directive f = transform("vhost a { forward { enabled off; destination x; } }").get("vhost").get("forward");
        assertEquals("off", f.get("enabled").arg0());
        assertEquals(2, f.children().size());
    }

    @Test
    void referLinesBecomeReferBlock() {
        Directive v = transform("vhost a { refer github.com github.io; refer_play p.com; refer_publish q.com; }")
                .get("vhost");
        assertEquals(List.of("refer"), names(v));
        Directive r = v.get("refer");
        assertEquals("on", r.get("enabled").arg0());
        assertEquals(List.of("github.com", "github.io"), r.get("all").args());
        assertEquals(List.of("p.com"), r.get("play").args());
        assertEquals(List.of("q.com"), r.get("publish").args());
    }

    @Test
    void emptyModernReferBlockIsNotEnabled() {
        // SRS cannot tell "refer;" from "refer {}" and would enable the latter; we can.
        Directive r = transform("vhost a { refer { } }").get("vhost").get("refer");
        assertTrue(r.children().isEmpty());
    }

    @Test
    void mrBlockMovesIntoPublish() {
        Directive v = transform("vhost a { mr { enabled on; latency 300; } }").get("vhost");
        assertEquals(List.of("publish"), names(v));
        assertEquals("on", v.get("publish").get("mr").arg0());
        assertEquals("300", v.get("publish").get("mr_latency").arg0());
    }

    @Test
    void publishTimeoutsMoveIntoPublish() {
        Directive p = transform("vhost a { publish { parse_sps off; } publish_1stpkt_timeout 25000;"
                + " publish_normal_timeout 8000; }").get("vhost").get("publish");
        assertEquals(List.of("parse_sps", "firstpkt_timeout", "normal_timeout"), names(p));
        assertEquals("25000", p.get("firstpkt_timeout").arg0());
        assertEquals("8000", p.get("normal_timeout").arg0());
    }

    @Test
    void hstrsIsDroppedFromHttpRemux() {
        Directive h = transform("vhost a { http_remux { enabled on; hstrs on; mount x.flv; } }").get("vhost")
                .get("http_remux");
        assertEquals(List.of("enabled", "mount"), names(h));
    }

    @Test
    void nackAndTwccMoveIntoRtc() {
        Directive rtc = transform("vhost a { nack { enabled on; no_copy off; } twcc { enabled on; } }").get("vhost")
                .get("rtc");
        assertEquals("on", rtc.get("nack").arg0());
        assertEquals("off", rtc.get("nack_no_copy").arg0());
        assertEquals("on", rtc.get("twcc").arg0());
    }

    @Test
    void transformDoesNotChangeItsInput() {
        Directive parsed = new ConfigParser(Path.of("/x")).parse("vhost a { gop_cache off; }", "a.conf");
        Directive copy = new ConfigParser(Path.of("/x")).parse("vhost a { gop_cache off; }", "a.conf");
        CompatTransform.apply(parsed);
        assertEquals(copy, parsed);
    }

    @Test
    void v1ConfigLoadsWithEverySettingInItsModernPlace() {
        SrsConfig c = SrsConfigTest.resource("v1-2014.conf");
        assertTrue(c.httpServer().enabled());
        assertEquals(8080, c.httpServer().listen().port());
        assertTrue(c.httpApi().enabled());
        assertEquals(Duration.ofSeconds(9), c.heartbeat().interval());
        assertEquals("device-2014", c.heartbeat().deviceId());
        assertEquals(List.of("sda", "sdb", "xvda", "xvdb"), c.stats().disks());
        assertTrue(c.daemon());

        VhostConfig d = c.vhost("__defaultVhost__");
        PlayConfig play = d.play();
        assertTrue(play.gopCache());
        assertEquals(Duration.ofSeconds(10), play.queueLength());
        assertEquals(TimeJitter.ZERO, play.timeJitter());
        assertTrue(play.atc());
        assertFalse(play.atcAuto());
        assertTrue(play.mixCorrect());
        assertEquals(Duration.ofMillis(500), play.mwLatency());
        assertEquals(Duration.ofMillis(10).plusNanos(500_000), play.sendMinInterval());
        assertTrue(play.reduceSequenceHeader());
        assertEquals(Duration.ofMillis(25000), d.publish().firstpktTimeout());
        assertEquals(Duration.ofMillis(8000), d.publish().normalTimeout());
        assertTrue(d.publish().mr());
        assertEquals(Duration.ofMillis(300), d.publish().mrLatency());
        assertEquals(new HttpStaticConfig(true, "/hls", "./objs/nginx/html/hls"), d.httpStatic());
        assertTrue(d.httpRemux().enabled());
        assertTrue(d.hls().enabled());

        ClusterConfig edge = c.vhost("edge.srs.com").cluster();
        assertTrue(edge.isEdge());
        assertEquals(List.of("127.0.0.1:1935", "localhost:1935"), edge.origins());
        assertTrue(edge.tokenTraverse());
        assertEquals("origin.srs.com", edge.vhost());
        assertFalse(edge.debugSrsUpnode());

        assertEquals(new ReferConfig(true, List.of("github.com", "github.io"), List.of("github.io"),
                List.of("github.com")), c.vhost("refer.anti_suck.com").refer());
        assertEquals(new ForwardConfig(true, List.of("127.0.0.1:1936", "127.0.0.1:1937"), ""),
                c.vhost("same.vhost.forward.srs.com").forward());
        assertEquals(65000, c.vhost("bandcheck.srs.com").chunkSize());
        DvrConfig dvr = c.vhost("dvr.srs.com").dvr();
        assertTrue(dvr.enabled());
        assertEquals("./objs/nginx/html", dvr.path());
        assertEquals(TimeJitter.FULL, dvr.timeJitter());
    }
}
