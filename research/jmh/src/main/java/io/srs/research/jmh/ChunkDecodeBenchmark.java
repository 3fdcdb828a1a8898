package io.srs.research.jmh;

import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.rtmp.chunk.ChunkReader;
import io.srs.rtmp.chunk.ChunkWriter;
import io.srs.rtmp.chunk.ControlMessages;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Decoding a publisher's stream: one op reads one "unit" of 8 x (one 20 KB video message and
 * two 400-byte audio messages), about 164 KB of payload, from an endless in-memory stream.
 * The baselines are the memory traffic any decoder needs: the wire bytes copied once (what the
 * socket read does), and that copy plus each payload copied into its own new array.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ChunkDecodeBenchmark {
    private static final int GROUPS = 8;

    @Param({"128", "60000"})
    int chunkSize;

    private byte[] unit;
    private int[] payloadSizes;
    private ChunkReader reader;
    private byte[] wireCopy;

    @Setup
    public void setup() {
        Random rnd = new Random(7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkWriter w = new ChunkWriter(out);
        List<Integer> sizes = new ArrayList<>();
        // Each unit re-announces the chunk size, so it decodes alike on every loop.
        w.write(ControlMessages.setChunkSize(chunkSize), 2);
        w.setChunkSize(chunkSize);
        sizes.add(4);
        for (int g = 0; g < GROUPS; g++) {
            byte[] v = new byte[20_000];
            rnd.nextBytes(v);
            w.write(new MediaMessage(9, g * 40L, 1, Bytes.wrap(v)), 6);
            sizes.add(v.length);
            for (int a = 0; a < 2; a++) {
                byte[] s = new byte[400];
                rnd.nextBytes(s);
                w.write(new MediaMessage(8, g * 40L + a * 20, 1, Bytes.wrap(s)), 4);
                sizes.add(s.length);
            }
        }
        w.flush();
        unit = out.toByteArray();
        payloadSizes = sizes.stream().mapToInt(Integer::intValue).toArray();
        reader = new ChunkReader(new LoopingInputStream(unit));
        wireCopy = new byte[unit.length];
    }

    @Benchmark
    public void decode(Blackhole bh) {
        for (int i = 0; i < payloadSizes.length; i++) {
            bh.consume(reader.readMessage());
        }
    }

    /** The socket-read copy alone: the wire bytes into a reused array. */
    @Benchmark
    public byte[] arraycopyWire() {
        System.arraycopy(unit, 0, wireCopy, 0, unit.length);
        return wireCopy;
    }

    /** The floor for any decoder: the wire copy plus one copy of each payload into a new array. */
    @Benchmark
    public void arraycopyWireAndPayloads(Blackhole bh) {
        System.arraycopy(unit, 0, wireCopy, 0, unit.length);
        int off = 0;
        for (int size : payloadSizes) {
            byte[] p = new byte[size];
            System.arraycopy(wireCopy, off, p, 0, size);
            off += size;
            bh.consume(p);
        }
    }
}
