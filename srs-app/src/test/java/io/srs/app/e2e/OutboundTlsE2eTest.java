package io.srs.app.e2e;

import io.srs.testing.ExternalTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.srs.app.config.ListenAddress;
import io.srs.app.config.TlsConfig;
import io.srs.app.hooks.HookReceiver;
import io.srs.app.tls.ServerTls;
import io.srs.app.tls.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Outbound TLS trusting the test's CA through {@code tls_ca_file}: every hook reaches an
 * https receiver, and a forward to an rtmps:// destination carries the stream bit for bit.
 */
class OutboundTlsE2eTest {
    @TempDir
    Path dir;

    @Test
    void hooksReachAnHttpsReceiverAndAForwardCarriesTheStreamOverRtmps() throws Exception {
        ExternalTool.OPENSSL.require();
        Path key = dir.resolve("server.key");
        Path cert = dir.resolve("server.crt");
        TestCerts.make(key, cert, "127.0.0.1");
        ServerTls receiverTls = ServerTls.load(new TlsConfig("test", true, List.of(new ListenAddress("127.0.0.1", 0)),
                key.toString(), cert.toString(), "test"));
        Path clip = Tools.clip(4);
        int tlsPort = TestServer.freePort();
        String rtmps = "rtmps { enabled on; listen " + tlsPort + "; key " + key + "; cert " + cert + "; }";
        try (HookReceiver r = new HookReceiver(c -> HookReceiver.Answer.ok("0"), receiverTls.context());
                TestServer dest = TestServer.start("", rtmps);
                TestServer srs = TestServer.start(
                        "forward { enabled on; destination rtmps://127.0.0.1:" + tlsPort + "; } http_hooks { enabled on;"
                                + " on_connect " + r.url("/h") + "; on_publish " + r.url("/h") + "; on_unpublish "
                                + r.url("/h") + "; on_play " + r.url("/h") + "; on_stop " + r.url("/h")
                                + "; on_close " + r.url("/h") + "; }",
                        "tls_ca_file " + cert + ";")) {
            try (Tools.Running player = Tools.start("ffmpeg", "-hide_banner", "-loglevel", "error", "-rw_timeout",
                    "3000000", "-i", dest.url("live/fw"), "-c", "copy", "-f", "framemd5", "-")) {
                CountDownLatch forwarded = LiveOriginE2eTest.published(dest, "/live/fw");
                CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/fw");
                try (Tools.Running pub = LiveOriginE2eTest.publish(clip, srs.url("live/fw"))) {
                    assertTrue(live.await(20, TimeUnit.SECONDS));
                    assertTrue(forwarded.await(20, TimeUnit.SECONDS), "the forward arrived over rtmps");
                    try (TestPlayer p = TestPlayer.play(srs.port, "live", "fw")) {
                        assertTrue(p.awaitFirstVideo(10));
                    }
                    assertEquals(0, pub.await(60).exit());
                }
                Tools.Result got = player.await(60);
                // The destination's player gets the forward from its start: sequence headers, then
                // the clip's packets in order; the last few may be cut when the forward unpublishes.
                List<String> expected = Tools.packetHashes(clip.toString());
                List<String> received = Tools.parseHashes(got.out());
                int start = received.indexOf(expected.getFirst());
                assertTrue(start >= 0 && start <= 8, "first clip packet at " + start);
                int n = Math.min(expected.size(), received.size() - start);
                assertTrue(n >= expected.size() * 95 / 100, n + " of " + expected.size());
                assertTrue(expected.subList(0, n).equals(received.subList(start, start + n)),
                        "forwarded packets differ from the clip's");
            }
            for (String action : List.of("on_connect", "on_publish", "on_play", "on_stop", "on_unpublish", "on_close")) {
                r.await(HookReceiver.action(action), 10);
            }
        }
    }

    @Test
    void anEdgePullsFromAnRtmpsOrigin() throws Exception {
        ExternalTool.OPENSSL.require();
        Path key = dir.resolve("server.key");
        Path cert = dir.resolve("server.crt");
        TestCerts.make(key, cert, "127.0.0.1");
        Path clip = Tools.clip(10);
        int tlsPort = TestServer.freePort();
        String rtmps = "rtmps { enabled on; listen " + tlsPort + "; key " + key + "; cert " + cert + "; }";
        try (TestServer origin = TestServer.start("", rtmps);
                TestServer edge = TestServer.start("cluster { mode remote; origin rtmps://127.0.0.1:" + tlsPort + "; }",
                        "tls_ca_file " + cert + ";")) {
            CountDownLatch live = LiveOriginE2eTest.published(origin, "/live/e");
            try (Tools.Running pub = LiveOriginE2eTest.publish(clip, origin.url("live/e"))) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                Tools.Result play = Tools.run(40, "ffmpeg", "-hide_banner", "-v", "error", "-i", edge.url("live/e"),
                        "-frames:v", "50", "-map", "0:v", "-f", "framecrc", "-");
                assertEquals(50, play.out().lines().filter(l -> !l.startsWith("#")).count(), play.err());
            }
        }
    }
}
