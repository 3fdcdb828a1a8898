package io.srs.app.hls;

import io.srs.app.source.LiveSource;
import io.srs.kernel.flv.FlvReader;
import io.srs.kernel.media.MediaMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** FFmpeg-made test media and helpers for the end-to-end tests (skipped when FFmpeg is missing, failed under CI). */
public final class MediaTools {
    private MediaTools() {
    }

    /** Runs a command; returns its stdout, failing with stderr when it exits non-zero. */
    public static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).start();
        byte[] err;
        byte[] out;
        try (InputStream e = p.getErrorStream(); InputStream o = p.getInputStream()) {
            // Small outputs only: read stdout fully, then stderr.
            out = o.readAllBytes();
            err = e.readAllBytes();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timeout: " + cmd);
        }
        String errText = new String(err, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(cmd + " exited " + p.exitValue() + ": " + errText);
        }
        return new String(out, StandardCharsets.UTF_8) + (errText.isBlank() ? "" : "\nSTDERR:" + errText);
    }

    /**
     * An FLV of {@code seconds} of 320x240 25 fps H.264 (keyframe every second, B-frames) and
     * 44.1 kHz AAC, or AAC only.
     */
    public static Path flv(Path dir, String name, int seconds, boolean video) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        if (video) {
            cmd.addAll(List.of("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=" + seconds));
        }
        cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=" + seconds));
        if (video) {
            cmd.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-g", "25", "-keyint_min", "25",
                    "-sc_threshold", "0", "-pix_fmt", "yuv420p"));
        }
        cmd.addAll(List.of("-c:a", "aac", "-b:a", "64k", "-f", "flv", out.toString()));
        run(cmd);
        return out;
    }

    public static List<MediaMessage> read(Path flv) throws IOException {
        List<MediaMessage> msgs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(flv)) {
            FlvReader r = new FlvReader(in);
            for (MediaMessage m; (m = r.next()) != null; ) {
                msgs.add(m);
            }
        }
        return msgs;
    }

    /** What a publisher connection does with each message. */
    public static void publish(LiveSource s, MediaMessage m) {
        if (m.isVideo()) {
            s.onVideo(m);
        } else if (m.isAudio()) {
            s.onAudio(m);
        } else {
            s.onMetadata(m, false);
        }
    }
}
