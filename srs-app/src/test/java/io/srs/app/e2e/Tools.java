package io.srs.app.e2e;

import io.srs.testing.ExternalTool;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real clients from Debian packages, run as processes with hard time limits. */
final class Tools {
    private static final Path MEDIA = Path.of("target", "e2e-media");

    private Tools() {
    }

    /** A finished process: exit code and both outputs. */
    record Result(int exit, String out, String err) {
    }

    /** Runs to completion (or kills after {@code seconds}); output captured to files. */
    static Result run(long seconds, String... cmd) throws IOException, InterruptedException {
        Running r = start(cmd);
        return r.await(seconds);
    }

    static Running start(String... cmd) throws IOException {
        Path out = Files.createTempFile("e2e-out", ".txt");
        Path err = Files.createTempFile("e2e-err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new Running(p, out, err);
    }

    /** A process in the background; always killed by {@link #close}. */
    record Running(Process process, Path out, Path err) implements AutoCloseable {
        Result await(long seconds) throws IOException, InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            int code = process.isAlive() ? -1 : process.exitValue();
            return new Result(code, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }

        /** SIGINT, the polite stop ffmpeg finalises its output on. */
        void interrupt() throws IOException, InterruptedException {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /**
     * A test clip (H.264 640x360 25 fps GOP 1 s + AAC 44.1 kHz), generated once per build by
     * ffmpeg and cached under target/.
     */
    static synchronized Path clip(int seconds) throws IOException, InterruptedException {
        ExternalTool.FFMPEG.require();
        Files.createDirectories(MEDIA);
        Path f = MEDIA.resolve("clip-" + seconds + "s.flv");
        if (!Files.exists(f)) {
            Path tmp = MEDIA.resolve("clip-" + seconds + "s.tmp.flv");
            Result r = run(120, "ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                    "-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "veryfast", "-g", "25",
                    "-pix_fmt", "yuv420p", "-b:v", "400k", "-c:a", "aac", "-b:a", "64k", "-f", "flv", tmp.toString());
            if (r.exit() != 0) {
                throw new IOException("ffmpeg could not make the clip: " + r.err());
            }
            Files.move(tmp, f);
        }
        return f;
    }

    /** 6 s of noisy 720p at high quality: about 10 Mbps, for back-pressure tests. */
    static synchronized Path heavyClip() throws IOException, InterruptedException {
        ExternalTool.FFMPEG.require();
        Files.createDirectories(MEDIA);
        Path f = MEDIA.resolve("heavy-6s.flv");
        if (!Files.exists(f)) {
            Path tmp = MEDIA.resolve("heavy-6s.tmp.flv");
            Result r = run(180, "ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25,noise=alls=30:allf=t",
                    "-t", "6", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p",
                    "-b:v", "10M", "-maxrate", "10M", "-bufsize", "2M", "-an", "-f", "flv", tmp.toString());
            if (r.exit() != 0) {
                throw new IOException("ffmpeg could not make the heavy clip: " + r.err());
            }
            Files.move(tmp, f);
        }
        return f;
    }

    /** The packets of a media file as "stream size md5" lines (ffmpeg framemd5 without timing). */
    static List<String> packetHashes(String input, String... inputOptions) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error"));
        cmd.addAll(List.of(inputOptions));
        cmd.addAll(List.of("-i", input, "-c", "copy", "-f", "framemd5", "-"));
        Result r = run(120, cmd.toArray(String[]::new));
        return parseHashes(r.out());
    }

    static List<String> parseHashes(String framemd5) {
        List<String> lines = new ArrayList<>();
        for (String line : framemd5.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            lines.add(f[0].trim() + " " + f[4].trim() + " " + f[5].trim());
        }
        return lines;
    }
}
