package io.srs.app.e2e;

import com.sun.net.httpserver.HttpServer;
import io.srs.app.cluster.EdgeStats;
import io.srs.app.cluster.Forwarder;
import io.srs.core.Version;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.chunk.ChunkLimits;
import io.srs.rtmp.session.ConnectInfo;
import io.srs.rtmp.session.ConnectResult;
import io.srs.rtmp.session.RtmpClientSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.srs.app.e2e.ClusterE2eTest.await;
import static io.srs.app.e2e.ClusterE2eTest.players;
import static io.srs.app.e2e.ClusterE2eTest.publishLoop;
import static io.srs.app.e2e.ClusterE2eTest.publishers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cluster control paths: RTMP 302, upnode identity, token traverse, forward backend, reload. */
@Tag("e2e")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterControlE2eTest {

    /** Handshake and connect as a client with a page URL and extra args; the server's answer. */
    static ConnectResult connect(int port, String pageUrl, Optional<Amf0Object> args) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(20_000);
            RtmpClientSession c = new RtmpClientSession(new BufferedInputStream(s.getInputStream()),
                    s.getOutputStream(), ChunkLimits.DEFAULT);
            c.handshake(false);
            return c.connect("live", "rtmp://127.0.0.1:" + port + "/live", pageUrl, "", args);
        }
    }

    @Test
    void theEdgeFollowsA302AndSendsItsIdentityAndTheClusterVhost() throws Exception {
        Path clip = Tools.clip(6);
        try (TestServer origin = TestServer.start();
             Tools.Running pub = publishLoop(clip, origin.url("live/rd"));
             FakeOrigin redirector = FakeOrigin.answering(new FakeOrigin.Answer.Redirect(
                     "rtmp://127.0.0.1:" + origin.port + "/live", "rtmp://127.0.0.1:" + origin.port + "/live/rd"));
             TestServer edge = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + redirector.port()
                     + "; vhost up.example.com; }", "");
             TestPlayer player = TestPlayer.play(edge.port, "live", "rd")) {
            assertTrue(player.awaitVideoFrames(25, 30), "player: " + player.error());
            EdgeStats s = edge.app.cluster().stats("/live/rd").edge().orElseThrow();
            assertEquals(1, s.redirects(), s.toString());
            assertEquals("127.0.0.1:" + origin.port, s.origin());

            ConnectInfo seen = redirector.connects().getFirst();
            assertEquals("up.example.com", seen.request().vhost(), "cluster.vhost travels in the tcUrl");
            assertEquals("rtmp://up.example.com:" + redirector.port() + "/live", seen.request().tcUrl());
            Amf0Object args = seen.command().arguments().orElseThrow();
            assertEquals(Version.VERSION, args.getString("srs_version", ""));
            assertEquals(ProcessHandle.current().pid(), (long) args.getNumber("srs_pid", 0));
            assertEquals("127.0.0.1", args.getString("srs_server_ip", ""));
            assertFalse(args.getString("srs_id", "").isEmpty());
        }
    }

    @Test
    void withoutDebugSrsUpnodeTheConnectCarriesNoIdentity() throws Exception {
        try (FakeOrigin refusing = FakeOrigin.answering(new FakeOrigin.Answer.Reject());
             TestServer edge = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + refusing.port()
                     + "; debug_srs_upnode off; }", "");
             TestPlayer player = TestPlayer.play(edge.port, "live", "quiet")) {
            await(() -> !refusing.connects().isEmpty(), 10, "the edge to connect");
            assertTrue(refusing.connects().getFirst().command().arguments().isEmpty());
            EdgeStats s = edge.app.cluster().stats("/live/quiet").edge().orElseThrow();
            await(() -> edge.app.cluster().stats("/live/quiet").edge().orElseThrow().failures() >= 1, 10, "failure");
            assertEquals(0, s.connections());
            assertNull(player.error(), "the player waits");
        }
    }

    @Test
    void deadAndGarbageOriginsAreLoggedOncePerStateWhilePlayersWait() throws Exception {
        int dead = TestServer.freePort();
        java.net.ServerSocket garbage = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            byte[] junk = new byte[4096];
            new java.util.Random(1).nextBytes(junk);
            while (!garbage.isClosed()) {
                try (Socket s = garbage.accept()) {
                    s.getOutputStream().write(junk);
                    s.getInputStream().read(new byte[8192]);
                } catch (IOException e) {
                    // next
                }
            }
        });
        ClusterE2eTest.Capture log = ClusterE2eTest.Capture.of(io.srs.app.cluster.EdgeIngester.class);
        try (garbage; log;
             TestServer edge = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + garbage.getLocalPort()
                     + " 127.0.0.1:" + dead + "; }", "");
             TestPlayer player = TestPlayer.play(edge.port, "live", "junk")) {
            // Two rounds over both origins, with the 3 s wait between them.
            await(() -> edge.app.cluster().stats("/live/junk").edge().map(e -> e.failures() >= 4).orElse(false), 15,
                    "retries");
            assertEquals(1, log.count("from 127.0.0.1:" + garbage.getLocalPort() + " failed"), log.toString());
            assertEquals(1, log.count("from 127.0.0.1:" + dead + " failed"), log.toString());
            assertEquals(1, log.count("no origin serves"), log.toString());
            assertNull(player.error(), "the player is still connected, waiting");
            assertEquals(1, edge.app.rtmp().clients().size());
        }
    }

    @Test
    void tokenTraverseAsksTheOriginWithTheClientsConnect() throws Exception {
        try (FakeOrigin accepting = FakeOrigin.answering(new FakeOrigin.Answer.Accept());
             FakeOrigin refusing = FakeOrigin.answering(new FakeOrigin.Answer.Reject());
             TestServer okEdge = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + accepting.port()
                     + "; token_traverse on; }", "");
             TestServer noEdge = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + refusing.port()
                     + "; token_traverse on; }", "")) {
            Amf0Object token = Amf0Object.of().put("token", "s3cret");
            ConnectResult ok = connect(okEdge.port, "http://page.example.com/", Optional.of(token));
            assertInstanceOf(ConnectResult.Connected.class, ok);
            ConnectInfo seen = accepting.connects().getFirst();
            assertEquals("rtmp://127.0.0.1:" + okEdge.port + "/live", seen.request().tcUrl(), "the client's tcUrl");
            assertEquals("http://page.example.com/", seen.request().pageUrl());
            assertEquals("s3cret", seen.command().arguments().orElseThrow().getString("token", ""));

            assertThrows(RuntimeException.class, () -> connect(noEdge.port, "", Optional.of(token)),
                    "the origin refused, so the edge closes the client");
            assertEquals(1, refusing.connects().size());
        }
    }

    @Test
    void tokenTraverseWithEveryOriginDownRejects() throws Exception {
        int dead = TestServer.freePort();
        try (TestServer edge = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + dead
                + "; token_traverse on; }", "")) {
            assertThrows(RuntimeException.class, () -> connect(edge.port, "", Optional.empty()));
        }
    }

    @Test
    void forwardBackendNamesTheDestinations() throws Exception {
        Path clip = Tools.clip(6);
        CompletableFuture<String> request = new CompletableFuture<>();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try (TestServer b = TestServer.start()) {
            http.createContext("/api/forward", ex -> {
                request.complete(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] body = ("{\"code\":0,\"data\":{\"urls\":[\"rtmp://127.0.0.1:" + b.port
                        + "/backup/renamed?k=v\",\"\"]}}").getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            http.start();
            String backend = "http://127.0.0.1:" + http.getAddress().getPort() + "/api/forward";
            try (TestServer a = TestServer.start("forward { enabled on; backend " + backend + "; }", "");
                 TestPlayer onB = TestPlayer.play(b.port, "backup", "renamed");
                 Tools.Running pub = LiveOriginE2eTest.publish(clip, a.url("live/be?token=t1"))) {
                assertTrue(onB.awaitVideoFrames(75, 30), "player on B: " + onB.error());
                String body = request.get(10, TimeUnit.SECONDS);
                for (String field : List.of("\"action\":\"on_forward\"", "\"app\":\"live\"", "\"stream\":\"be\"",
                        "\"param\":\"?token=t1\"", "\"vhost\":\"__defaultVhost__\"", "\"ip\":\"127.0.0.1\"",
                        "\"tcUrl\":\"rtmp://127.0.0.1:" + a.port + "/live\"")) {
                    assertTrue(body.contains(field), field + " in " + body);
                }
                List<Forwarder> f = a.app.cluster().forwards().forwarders("/live/be");
                assertEquals(1, f.size());
                assertEquals("rtmp://127.0.0.1:" + b.port + "/backup/renamed", f.getFirst().destinationUrl());
            }
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aBackendSendingAStreamBackToUsDoesNotLoop() throws Exception {
        Path clip = Tools.clip(6);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int port = TestServer.freePort();
        // Each stream is forwarded to ourselves under a new name: without the guard, forever.
        http.createContext("/api/forward", ex -> {
            calls.incrementAndGet();
            String req = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String stream = req.replaceAll(".*\"stream\":\"([^\"]*)\".*", "$1");
            byte[] body = ("{\"code\":0,\"data\":{\"urls\":[\"rtmp://127.0.0.1:" + port + "/live/" + stream
                    + "x\"]}}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
        String backend = "http://127.0.0.1:" + http.getAddress().getPort() + "/api/forward";
        try (TestServer a = TestServer.startOn(port, "forward { enabled on; backend " + backend + "; }", "");
             Tools.Running pub = publishLoop(clip, a.url("live/me"))) {
            await(() -> a.app.sources().find("/live/mex").map(s -> s.isPublishing()).orElse(false), 20,
                    "the stream to come back to us renamed");
            assertTrue(a.app.cluster().forwards().forwarders("/live/mex").isEmpty(), "not forwarded again");
            assertEquals(1, a.app.cluster().forwards().forwarders("/live/me").size());
            assertEquals(1, calls.get(), "the backend is asked for the first stream only");
            assertTrue(a.app.sources().find("/live/mexx").isEmpty());
        } finally {
            http.stop(0);
        }
    }

    @Test
    void reloadMovesForwardsWithoutDroppingThePublisher() throws Exception {
        Path clip = Tools.clip(6);
        try (TestServer b = TestServer.start();
             TestServer c = TestServer.start();
             TestServer a = TestServer.start("forward { enabled on; destination 127.0.0.1:" + b.port + "; }", "");
             TestPlayer onB = TestPlayer.play(b.port, "live", "rl");
             TestPlayer onC = TestPlayer.play(c.port, "live", "rl");
             Tools.Running pub = publishLoop(clip, a.url("live/rl"))) {
            assertTrue(onB.awaitVideoFrames(25, 30), "player on B: " + onB.error());
            String publisher = a.app.sources().find("/live/rl").orElseThrow().publisherId();
            Forwarder toB = a.app.cluster().forwards().forwarders("/live/rl").getFirst();

            a.reload("forward { enabled on; destination 127.0.0.1:" + c.port + "; }", "");
            assertTrue(onC.awaitVideoFrames(25, 30), "player on C: " + onC.error());
            await(() -> publishers(b) == 0, 10, "the forward to B to stop");
            assertTrue(toB.join(5000));
            assertEquals(Forwarder.State.STOPPED, toB.state());
            assertEquals(publisher, a.app.sources().find("/live/rl").orElseThrow().publisherId(),
                    "the same publisher goes on");
            List<Forwarder> now = a.app.cluster().forwards().forwarders("/live/rl");
            assertEquals(1, now.size());
            assertEquals("127.0.0.1:" + c.port, now.getFirst().endpoint().toString());

            a.reload("", "");
            await(() -> publishers(c) == 0, 10, "forward disabled");
            assertTrue(pub.process().isAlive(), "the encoder is still publishing");
        }
    }

    @Test
    void reloadedOriginListsApplyToLivePulls() throws Exception {
        Path clip = Tools.clip(6);
        try (TestServer o1 = TestServer.start();
             TestServer o2 = TestServer.start();
             Tools.Running pub1 = publishLoop(clip, o1.url("live/ro"));
             Tools.Running pub2 = publishLoop(clip, o2.url("live/ro"));
             TestServer edge = TestServer.start("cluster { mode remote; origin 127.0.0.1:" + o1.port + "; }", "")) {
            await(() -> publishers(o1) == 1 && publishers(o2) == 1, 20, "publishers");
            try (TestPlayer player = TestPlayer.play(edge.port, "live", "ro")) {
                assertTrue(player.awaitVideoFrames(25, 20), "before reload: " + player.error());
                assertEquals(1, players(o1));
                edge.reload("cluster { mode remote; origin 127.0.0.1:" + o2.port + "; }", "");
                await(() -> players(o2) == 1 && players(o1) == 0, 15, "the pull to move to o2");
                long before = player.videoFrames();
                assertTrue(player.awaitVideoFrames(before + 25, 20), "after reload: " + player.error());
                assertNull(player.error());
            }
        }
    }
}
