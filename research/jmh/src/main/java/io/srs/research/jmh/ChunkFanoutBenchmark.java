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

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Fan-out: one op sends one shared message to {@value #CONNECTIONS} connections (write + flush
 * per connection, as a player's writer loop does per batch). Sinks: {@code memory} discards in
 * the JVM (no system call, isolates the CPU cost); {@code devnull} makes one real write(2) per
 * flush to /dev/null (system call cost, but the kernel copies nothing, unlike a socket).
 *
 * <p>Variants: {@code chunkWriter} is the production ChunkWriter; {@code headerCache} copies
 * headers encoded once per message; {@code directSlices} writes payload slices of 4 KiB or more
 * straight to the stream; {@code arraycopyFloor} copies the exact wire bytes of the message
 * into each connection's buffer and writes them with one call, the physical limit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ChunkFanoutBenchmark {
    static final int CONNECTIONS = 1000;
    private static final int CSID = 6;

    @Param({"400", "20000"})
    int payloadSize;

    @Param({"128", "60000"})
    int chunkSize;

    @Param({"memory", "devnull"})
    String sink;

    private OutputStream[] sinks;
    private ChunkWriter[] writers;
    private FanoutVariants.HeaderCacheWriter[] cached;
    private FanoutVariants.DirectSliceWriter[] direct;
    private byte[][] floorBuffers;
    private byte[] wire;
    private MediaMessage message;
    private long timestamp;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        byte[] payload = new byte[payloadSize];
        new Random(3).nextBytes(payload);
        message = new MediaMessage(9, 0, 1, Bytes.wrap(payload));
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        ChunkWriter one = new ChunkWriter(encoded);
        one.setChunkSize(chunkSize);
        one.write(message, CSID);
        one.flush();
        wire = encoded.toByteArray();

        sinks = new OutputStream[CONNECTIONS];
        writers = new ChunkWriter[CONNECTIONS];
        cached = new FanoutVariants.HeaderCacheWriter[CONNECTIONS];
        direct = new FanoutVariants.DirectSliceWriter[CONNECTIONS];
        floorBuffers = new byte[CONNECTIONS][];
        for (int i = 0; i < CONNECTIONS; i++) {
            sinks[i] = sink.equals("devnull") ? new FileOutputStream("/dev/null") : new CountingSink();
            writers[i] = new ChunkWriter(sinks[i]);
            writers[i].setChunkSize(chunkSize);
            cached[i] = new FanoutVariants.HeaderCacheWriter(sinks[i]);
            cached[i].chunkSize = chunkSize;
            direct[i] = new FanoutVariants.DirectSliceWriter(sinks[i], 4096);
            direct[i].chunkSize = chunkSize;
            floorBuffers[i] = new byte[64 * 1024];
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        for (OutputStream s : sinks) {
            s.close();
        }
    }

    private MediaMessage next() {
        // A new timestamp each op, as in a live stream; the payload is shared.
        timestamp += 40;
        return message.withTimestamp(timestamp);
    }

    @Benchmark
    public void chunkWriter() {
        MediaMessage m = next();
        for (ChunkWriter w : writers) {
            w.write(m, CSID);
            w.flush();
        }
    }

    @Benchmark
    public void headerCache() {
        MediaMessage m = next();
        FanoutVariants.EncodedHeaders h = FanoutVariants.EncodedHeaders.of(m, CSID);
        for (FanoutVariants.HeaderCacheWriter w : cached) {
            w.write(m, h);
            w.flush();
        }
    }

    @Benchmark
    public void directSlices() {
        MediaMessage m = next();
        for (FanoutVariants.DirectSliceWriter w : direct) {
            w.write(m, CSID);
            w.flush();
        }
    }

    @Benchmark
    public void arraycopyFloor() throws IOException {
        for (int i = 0; i < CONNECTIONS; i++) {
            System.arraycopy(wire, 0, floorBuffers[i], 0, wire.length);
            sinks[i].write(floorBuffers[i], 0, wire.length);
        }
    }
}
