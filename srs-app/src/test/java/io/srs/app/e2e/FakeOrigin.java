package io.srs.app.e2e;

import io.srs.rtmp.chunk.ChunkLimits;
import io.srs.rtmp.handshake.ServerHandshake;
import io.srs.rtmp.message.ServerIdentity;
import io.srs.rtmp.session.ConnectInfo;
import io.srs.rtmp.session.ConnectReply;
import io.srs.rtmp.session.RtmpServerSession;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An RTMP server that only answers connect: with an RTMP 302, a refusal or a success (then it
 * holds the connection until the client leaves). Records every connect it saw.
 */
final class FakeOrigin implements AutoCloseable {
    private final ServerSocket server;
    private final List<ConnectInfo> connects = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final Answer answer;

    /** How connect is answered. */
    sealed interface Answer {
        record Redirect(String tcUrl, String url) implements Answer {
        }

        record Reject() implements Answer {
        }

        record Accept() implements Answer {
        }
    }

    private FakeOrigin(Answer answer) throws IOException {
        this.answer = answer;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    static FakeOrigin answering(Answer answer) throws IOException {
        return new FakeOrigin(answer);
    }

    int port() {
        return server.getLocalPort();
    }

    synchronized List<ConnectInfo> connects() {
        return new ArrayList<>(connects);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                synchronized (this) {
                    sockets.add(s);
                }
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            RtmpServerSession session = new RtmpServerSession(new BufferedInputStream(s.getInputStream()),
                    s.getOutputStream(), ChunkLimits.DEFAULT);
            session.handshake(new ServerHandshake());
            ConnectInfo c = session.readConnect();
            synchronized (this) {
                connects.add(c);
            }
            switch (answer) {
                case Answer.Redirect r -> session.redirect(r.tcUrl(), r.url());
                case Answer.Reject r -> session.rejectConnect("go away");
                case Answer.Accept a -> {
                    session.acceptConnect(c, new ConnectReply(2_500_000, 2_500_000, 60000,
                            ServerIdentity.of(Optional.empty(), 1, "fake")));
                    while (true) {
                        session.readMessage();
                    }
                }
            }
            // Let the client read the answer and leave first.
            while (true) {
                session.readMessage();
            }
        } catch (IOException | RuntimeException e) {
            // The client left.
        }
    }

    @Override
    public synchronized void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
