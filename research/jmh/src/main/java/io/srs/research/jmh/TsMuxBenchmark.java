package io.srs.research.jmh;

import io.srs.kernel.flv.FlvReader;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.ts.TsMuxer;
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

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HLS muxing: one op muxes the benchmark clip (research/bench.sh makes it: 60 s of H.264
 * 450 kbps CBR + AAC 64 kbps, about 4,500 messages, 3.9 MB) into MPEG-TS with {@link TsMuxer},
 * a new segment every 2 s of media like HLS with hls_fragment 2. The sink counts and discards.
 * Divide the clip's 60 s by the op time for how many streams one core could mux in real time.
 *
 * <p>Run from the repository root after research/bench.sh made the clip (or pass
 * {@code -p flv=/path/to/file.flv}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TsMuxBenchmark {
    @Param("research/.cache/cbr-450k-aac64k-60s.flv")
    public String flv;

    private List<MediaMessage> messages;
    private final Counting sink = new Counting();

    /** Counts bytes and discards them. */
    static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    @Setup
    public void load() throws IOException {
        messages = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(flv)), 1 << 16)) {
            FlvReader r = new FlvReader(in);
            MediaMessage m;
            while ((m = r.next()) != null) {
                if (m.isAv()) {
                    messages.add(m);
                }
            }
        }
        // A muxer that silently dropped frames would look fast: check the output's size.
        long payload = messages.stream().mapToLong(MediaMessage::size).sum();
        long before = sink.bytes;
        mux();
        long out = sink.bytes - before;
        if (out < payload) {
            throw new IllegalStateException("muxed " + out + " bytes from " + payload + " payload bytes");
        }
        System.out.printf("%n%d messages, %d payload bytes -> %d TS bytes%n", messages.size(), payload, out);
    }

    @Benchmark
    public long mux() {
        TsMuxer mux = new TsMuxer(sink);
        long segmentStart = -1;
        for (int i = 0, n = messages.size(); i < n; i++) {
            MediaMessage m = messages.get(i);
            if (segmentStart < 0) {
                segmentStart = m.timestamp();
            } else if (m.timestamp() - segmentStart >= 2000) {
                mux.flush();
                mux.newSegment(sink);
                segmentStart = m.timestamp();
            }
            if (m.isVideo()) {
                mux.writeVideo(m);
            } else {
                mux.writeAudio(m);
            }
        }
        mux.flush();
        return sink.bytes;
    }
}
