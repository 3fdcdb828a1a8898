package io.srs.app.e2e;

import io.srs.app.config.SrsConfig;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.message.RtmpCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad peers end only their own connection: a healthy stream keeps flowing to its player
 * through every case.
 */
@Tag("e2e")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileClientsE2eTest {

    @Test
    void garbageLiesAndSilenceAffectOnlyTheirOwnConnection() throws Exception {
        Path clip = Tools.clip(10);
        try (TestServer srs = TestServer.start("publish { firstpkt_timeout 1000; normal_timeout 1000; }", "")) {
            CountDownLatch live = LiveOriginE2eTest.published(srs, "/live/ok");
            try (Tools.Running pub = LiveOriginE2eTest.publish(clip, srs.url("live/ok"));
                 TestPlayer healthy = TestPlayer.play(srs.port, "live", "ok")) {
                assertTrue(live.await(20, TimeUnit.SECONDS));
                assertTrue(healthy.awaitVideoFrames(10, 20));
                Random rnd = new Random(1);

                // Garbage instead of a handshake.
                try (RawClient c = new RawClient(srs.port)) {
                    byte[] junk = new byte[4096];
                    rnd.nextBytes(junk);
                    junk[0] = 0x55;
                    c.socket.getOutputStream().write(junk);
                    assertTrue(c.closedByServer(5000), "garbage handshake closed");
                }
                // A valid handshake, then garbage chunks.
                try (RawClient c = new RawClient(srs.port)) {
                    c.session.handshake(false);
                    byte[] junk = new byte[8192];
                    rnd.nextBytes(junk);
                    c.socket.getOutputStream().write(junk);
                    assertTrue(c.closedByServer(5000), "garbage chunks closed");
                }
                // A chunk that claims a 16 MB message: refused before anything is allocated.
                try (RawClient c = new RawClient(srs.port)) {
                    c.session.handshake(false);
                    OutputStream out = c.socket.getOutputStream();
                    out.write(new byte[]{0x03, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x14, 0, 0, 0, 0});
                    out.write(new byte[128]);
                    assertTrue(c.closedByServer(5000), "lying length closed");
                }
                // Publishing an empty stream name.
                try (RawClient c = RawClient.connected(srs.port, "live")) {
                    assertThrows(SrsException.class, () -> c.session.publishFmle(""));
                }
                // An absurdly long stream name.
                try (RawClient c = RawClient.connected(srs.port, "live")) {
                    assertThrows(SrsException.class, () -> c.session.publishFmle("x".repeat(5000)));
                }
                // A publisher that never sends media is dropped after firstpkt_timeout, and the
                // stream can be published again at once.
                try (RawClient c = RawClient.connected(srs.port, "live")) {
                    c.session.publishFmle("silent");
                    assertTrue(c.closedByServer(5000), "silent publisher dropped");
                }
                try (RawClient c = RawClient.connected(srs.port, "live")) {
                    c.session.publishFmle("silent");
                }
                // One that sends media, then falls silent: dropped after normal_timeout (no
                // socket timeout then: the idle-read watchdog).
                try (RawClient c = RawClient.connected(srs.port, "live")) {
                    int sid = c.session.publishFmle("stalls");
                    c.session.sendMedia(List.of(new MediaMessage(MessageType.AUDIO, 0, sid,
                            Bytes.wrap(new byte[]{(byte) 0xaf, 1, 0x21, 0}))));
                    c.session.protocol().flush();
                    assertTrue(c.closedByServer(5000), "stalled publisher dropped");
                }
                // Play before connect: ignored (SRS waits for connect); the client just times out.
                try (RawClient c = new RawClient(srs.port)) {
                    c.session.handshake(false);
                    c.session.sendAndFlush(new RtmpCommand.Play(0, "ok"), 1);
                    assertTrue(!c.closedByServer(500), "still waiting for connect");
                }

                long before = healthy.videoFrames();
                assertTrue(healthy.awaitVideoFrames(before + 25, 10), "the healthy stream kept flowing");
            }
        }
    }

    @Test
    void maxConnectionsRefusesTheExcess() throws Exception {
        // All from 127.0.0.1: lift the per-address share (half of max_connections by default).
        try (TestServer srs = TestServer.start("", "max_connections 3; rtmp_limits { max_connections_per_ip 3; }")) {
            try (RawClient a = RawClient.connected(srs.port, "live");
                 RawClient b = RawClient.connected(srs.port, "live");
                 RawClient c = RawClient.connected(srs.port, "live");
                 RawClient d = new RawClient(srs.port)) {
                assertTrue(d.closedByServer(5000), "fourth connection refused");
                assertTrue(!a.closedByServer(200), "the first ones stay");
            }
        }
    }

    @Test
    void disabledVhostReferAndSecurityRefuseClients() throws Exception {
        try (TestServer srs = TestServer.start("""
                security { enabled on; deny play 127.0.0.1; allow publish all; }
                """, """
                vhost off.example { enabled off; }
                vhost refer.example { refer { enabled on; publish example.com; } }
                """)) {
            // Disabled vhost: the connect is refused.
            try (RawClient c = new RawClient(srs.port)) {
                c.session.handshake(false);
                assertThrows(Exception.class, () -> c.session.connect("live",
                        "rtmp://127.0.0.1:" + srs.port + "/live?vhost=off.example", "", "", java.util.Optional.empty()));
            }
            // refer: a publisher without a matching pageUrl is refused.
            try (RawClient c = new RawClient(srs.port)) {
                c.session.handshake(false);
                c.session.connect("live", "rtmp://127.0.0.1:" + srs.port + "/live?vhost=refer.example",
                        "http://evil.org/", "", java.util.Optional.empty());
                assertThrows(SrsException.class, () -> c.session.publishFmle("x"));
            }
            // security: play from 127.0.0.1 is denied on the default vhost, publish allowed.
            try (RawClient c = RawClient.connected(srs.port, "live")) {
                int sid = c.session.createStream();
                assertThrows(SrsException.class, () -> c.session.play(sid, "x", 100));
            }
            try (RawClient c = RawClient.connected(srs.port, "live")) {
                c.session.publishFmle("allowed");
            }
        }
    }

    @Test
    void reloadAppliesVhostSettingsToNewConnectionsWithoutDroppingOld() throws Exception {
        try (TestServer srs = TestServer.start("chunk_size 4096;", "")) {
            try (RawClient old = RawClient.connected(srs.port, "live")) {
                old.session.readMessage(); // let the Set Chunk Size arrive
                SrsConfig next = SrsConfig.parse("""
                        listen %d;
                        vhost __defaultVhost__ { chunk_size 8000; }
                        """.formatted(srs.port), "reload.conf", Path.of("."), Map.of());
                srs.app.config().apply(next);
                try (RawClient fresh = RawClient.connected(srs.port, "live")) {
                    assertTrue(fresh.session.protocol().inChunkSize() == 8000,
                            "new chunk size " + fresh.session.protocol().inChunkSize());
                }
                assertTrue(!old.closedByServer(200), "existing connection kept");
                assertTrue(old.session.protocol().inChunkSize() == 4096);
            }
        }
    }
}
