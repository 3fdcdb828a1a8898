package io.srs.rtmp.session;

import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.chunk.ChunkLimits;
import io.srs.rtmp.handshake.ServerHandshake;
import io.srs.rtmp.message.MessageCodec;
import io.srs.rtmp.message.RtmpCommand;
import io.srs.rtmp.message.ServerIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Our server session and client session talk over a loopback socket. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SessionLoopbackTest {
    private static final ConnectReply REPLY = new ConnectReply(2_500_000, 2_500_000, 60_000,
            ServerIdentity.of(Optional.of("127.0.0.1"), 1, "test"));

    private record Served(ConnectInfo connect, Identification id, List<MediaMessage> media) {
    }

    private static CompletableFuture<Served> serveOne(ServerSocket ss, boolean play, int mediaCount) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = ss.accept()) {
                RtmpServerSession server = new RtmpServerSession(new BufferedInputStream(s.getInputStream()),
                        s.getOutputStream(), ChunkLimits.DEFAULT);
                server.handshake(new ServerHandshake());
                ConnectInfo ci = server.readConnect();
                server.acceptConnect(ci, REPLY);
                Identification id = server.identify(1);
                java.util.ArrayList<MediaMessage> got = new java.util.ArrayList<>();
                if (id.kind() == ClientKind.PLAY) {
                    server.startPlay(1);
                    java.util.ArrayList<MediaMessage> batch = new java.util.ArrayList<>();
                    for (int i = 0; i < mediaCount; i++) {
                        batch.add(new MediaMessage(MessageType.VIDEO, i * 40L, 1, Bytes.wrap(new byte[]{0x27, 1, 0, 0, 0, (byte) i})));
                    }
                    server.sendMedia(batch);
                    server.protocol().flush();
                    // Wait for the client to close.
                    try {
                        while (true) {
                            server.readMessage();
                        }
                    } catch (RuntimeException closed) {
                        // expected
                    }
                } else {
                    if (id.kind() == ClientKind.FMLE_PUBLISH) {
                        server.startFmlePublish(1);
                    }
                    server.startPublishing(1);
                    while (got.size() < mediaCount) {
                        MediaMessage m = server.readMessage();
                        if (m.isAv()) {
                            got.add(m);
                        }
                    }
                }
                return new Served(ci, id, got);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Test
    void fmlePublishDeliversMedia() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Served> served = serveOne(ss, false, 3);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort())) {
                RtmpClientSession client = new RtmpClientSession(new BufferedInputStream(s.getInputStream()),
                        s.getOutputStream(), ChunkLimits.DEFAULT);
                client.handshake(true);
                ConnectResult r = client.connect("live", "rtmp://127.0.0.1/live", "", "", Optional.empty());
                assertInstanceOf(ConnectResult.Connected.class, r);
                client.setChunkSize(4096);
                int sid = client.publishFmle("livestream?token=1");
                byte[] big = new byte[10_000];
                big[0] = 0x17;
                client.sendMedia(List.of(
                        new MediaMessage(MessageType.VIDEO, 0, sid, Bytes.wrap(big)),
                        new MediaMessage(MessageType.AUDIO, 10, sid, Bytes.wrap(new byte[]{(byte) 0xaf, 1, 2})),
                        new MediaMessage(MessageType.VIDEO, 0x1000000L, sid, Bytes.wrap(new byte[]{0x27, 1}))));
                client.protocol().flush();
                Served result = served.get(20, TimeUnit.SECONDS);
                assertEquals(ClientKind.FMLE_PUBLISH, result.id().kind());
                assertEquals("livestream?token=1", result.id().streamName());
                assertEquals("live", result.connect().request().app());
                assertEquals(3, result.media().size());
                assertArrayEquals(big, result.media().get(0).payload().toArray());
                assertEquals(0x1000000L, result.media().get(2).timestamp(), "extended timestamp survives");
            }
        }
    }

    @Test
    void flashPublishIsIdentified() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Served> served = serveOne(ss, false, 1);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort())) {
                RtmpClientSession client = new RtmpClientSession(new BufferedInputStream(s.getInputStream()),
                        s.getOutputStream(), ChunkLimits.DEFAULT);
                client.handshake(false);
                client.connect("live", "rtmp://127.0.0.1/live", "", "", Optional.empty());
                int sid = client.createStream();
                assertEquals(1, sid);
                client.publishFlash(sid, "cam");
                client.sendMedia(List.of(new MediaMessage(MessageType.AUDIO, 0, sid, Bytes.wrap(new byte[]{(byte) 0xaf, 0, 0x12, 0x10}))));
                client.protocol().flush();
                assertEquals(ClientKind.FLASH_PUBLISH, served.get(20, TimeUnit.SECONDS).id().kind());
            }
        }
    }

    @Test
    void playReceivesMediaAfterPlayStart() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Served> served = serveOne(ss, true, 5);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort())) {
                RtmpClientSession client = new RtmpClientSession(new BufferedInputStream(s.getInputStream()),
                        s.getOutputStream(), ChunkLimits.DEFAULT);
                client.handshake(true);
                client.connect("live", "rtmp://127.0.0.1/live", "", "", Optional.empty());
                int sid = client.createStream();
                client.play(sid, "livestream", 1000);
                int video = 0;
                while (video < 5) {
                    MediaMessage m = client.readMessage();
                    if (m.isVideo()) {
                        assertEquals(video * 40L, m.timestamp());
                        video++;
                    }
                }
                s.close();
                assertEquals(ClientKind.PLAY, served.get(20, TimeUnit.SECONDS).id().kind());
            }
        }
    }

    @Test
    void unknownCallsGetANullResultWhileIdentifying() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Served> served = serveOne(ss, true, 1);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort())) {
                RtmpClientSession client = new RtmpClientSession(new BufferedInputStream(s.getInputStream()),
                        s.getOutputStream(), ChunkLimits.DEFAULT);
                client.handshake(false);
                client.connect("live", "rtmp://127.0.0.1/live", "", "", Optional.empty());
                client.sendAndFlush(new RtmpCommand.Call("_checkbw", 5, io.srs.rtmp.amf0.Amf0Null.INSTANCE, List.of()), 0);
                boolean answered = false;
                while (!answered) {
                    MediaMessage m = client.readMessage();
                    if (MessageType.isCommand(m.type()) && MessageCodec.decode(m) instanceof RtmpCommand.CallResult r) {
                        answered = r.transactionId() == 5;
                    }
                }
                int sid = client.createStream();
                client.play(sid, "x", 100);
                s.close();
                served.get(20, TimeUnit.SECONDS);
            }
        }
    }
}
