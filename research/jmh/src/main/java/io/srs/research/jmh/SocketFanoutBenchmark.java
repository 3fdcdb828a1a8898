package io.srs.research.jmh;

import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.rtmp.chunk.ChunkWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The send path over real loopback TCP: one op sends one merged batch of shared messages to
 * {@value #CONNECTIONS} players (write each message with the player's own timestamp, flush once),
 * as a player's writer loop does every 350 ms. A separate thread drains every socket with a
 * selector, so the kernel's copy-in (ours) and copy-out (the peer's) both happen, as on a real
 * server.
 *
 * <p>{@code stream}: the writer before issue 15 (a {@code Socket} from {@code ServerSocket},
 * {@code ChunkWriter} on its OutputStream: payload slices under 8 KiB copied into the player's
 * buffer, the JDK copying every heap array again into a temporary direct buffer).
 * {@code gather}: a {@code SocketChannel} and {@code ChunkWriter.writeShared}: 12-byte headers
 * of the player's own plus the shared chunked payloads, one writev per batch, no user-space
 * copy of payload bytes.
 *
 * <p>Batches: {@code steady} is 350 ms of the benchmark clip (9 video frames of 2,250 bytes, 15
 * AAC frames of 186 bytes); {@code keyframe} adds a 30 KB keyframe.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+UseCompactObjectHeaders"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SocketFanoutBenchmark {
    static final int CONNECTIONS = 200;

    @Param({"stream", "gather"})
    String path;

    @Param({"steady", "keyframe"})
    String batch;

    @Param({"60000"})
    int chunkSize;

    private final List<Socket> sockets = new ArrayList<>();
    private ChunkWriter[] writers;
    private MediaMessage[] messages;
    private long timestamp;
    private Selector selector;
    private Thread drainer;
    private volatile boolean running;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Random rnd = new Random(3);
        List<MediaMessage> list = new ArrayList<>();
        if (batch.equals("keyframe")) {
            list.add(media(9, 30_000, rnd));
        }
        for (int i = 0; i < 24; i++) {
            list.add(i % 5 == 2 || i % 5 == 4 || i % 8 == 7 ? media(9, 2250, rnd) : media(8, 186, rnd));
        }
        messages = list.toArray(MediaMessage[]::new);

        selector = Selector.open();
        writers = new ChunkWriter[CONNECTIONS];
        InetAddress lo = InetAddress.getLoopbackAddress();
        if (path.equals("stream")) {
            try (ServerSocket ss = new ServerSocket(0, CONNECTIONS, lo)) {
                for (int i = 0; i < CONNECTIONS; i++) {
                    register(SocketChannel.open(new InetSocketAddress(lo, ss.getLocalPort())));
                    Socket s = ss.accept();
                    s.setTcpNoDelay(true);
                    sockets.add(s);
                    writers[i] = new ChunkWriter(s.getOutputStream());
                }
            }
        } else {
            try (ServerSocketChannel ss = ServerSocketChannel.open().bind(new InetSocketAddress(lo, 0), CONNECTIONS)) {
                for (int i = 0; i < CONNECTIONS; i++) {
                    register(SocketChannel.open(ss.getLocalAddress()));
                    SocketChannel s = ss.accept();
                    s.socket().setTcpNoDelay(true);
                    sockets.add(s.socket());
                    writers[i] = new ChunkWriter(s, ChunkWriter.DEFAULT_BUFFER_SIZE);
                }
            }
        }
        for (ChunkWriter w : writers) {
            w.setChunkSize(chunkSize);
        }
        running = true;
        drainer = Thread.ofPlatform().daemon().name("drainer").start(this::drain);
    }

    private static MediaMessage media(int type, int size, Random rnd) {
        byte[] p = new byte[size];
        rnd.nextBytes(p);
        return new MediaMessage(type, 0, 1, Bytes.wrap(p));
    }

    private void register(SocketChannel peer) throws IOException {
        peer.configureBlocking(false);
        peer.register(selector, SelectionKey.OP_READ);
    }

    private void drain() {
        ByteBuffer sink = ByteBuffer.allocateDirect(256 * 1024);
        try {
            while (running) {
                selector.select(100);
                for (SelectionKey k : selector.selectedKeys()) {
                    SocketChannel c = (SocketChannel) k.channel();
                    while (c.read(sink.clear()) > 0) {
                        // discard
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            // the trial is over
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        running = false;
        selector.wakeup();
        drainer.join();
        for (Socket s : sockets) {
            s.close();
        }
        for (SelectionKey k : selector.keys()) {
            k.channel().close();
        }
        selector.close();
    }

    @Benchmark
    public void sendBatch() {
        // Every player has its own timeline (jitter correction): the type-0 headers differ.
        timestamp += 350;
        boolean gather = path.equals("gather");
        if (gather) {
            // New messages every batch: the first player builds each chunked body, the rest share it.
            for (MediaMessage m : messages) {
                m.payload().derive(null);
            }
        }
        for (int p = 0; p < writers.length; p++) {
            ChunkWriter w = writers[p];
            long base = timestamp + p;
            for (int i = 0; i < messages.length; i++) {
                MediaMessage m = messages[i];
                int csid = m.isVideo() ? 6 : 7;
                if (gather) {
                    w.writeShared(m, base + i * 14, csid);
                } else {
                    w.write(m, base + i * 14, csid);
                }
            }
            w.flush();
        }
    }
}
