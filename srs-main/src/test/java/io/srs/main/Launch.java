package io.srs.main;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * What the launcher tests share: the repository's files, layouts of the server to run the
 * {@code ./srs} launcher from (a checkout whose jar is already built, or an unpacked release),
 * and the real clients (FFmpeg, ffprobe, HTTP) that prove it serves.
 */
final class Launch {
    /** Maven runs the tests in srs-main/. */
    static final Path REPO = Path.of("").toAbsolutePath().getParent();

    private Launch() {
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The server's class path as this test JVM has it, without the test framework. */
    static List<Path> serverClassPath() {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (e.isEmpty() || e.contains("junit") || e.contains("opentest4j") || e.contains("apiguardian")
                    || e.endsWith("test-classes")) {
                continue;
            }
            out.add(Path.of(e).toAbsolutePath());
        }
        return out;
    }

    /**
     * A checkout with the server already built: the real launcher, a pom.xml, and
     * srs-main/target/srs.jar whose manifest points at the test class path (so the launcher
     * neither builds nor needs anything but a JDK it finds by itself).
     */
    static Path checkout(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("srs-main/target"));
        Files.copy(REPO.resolve("srs"), dir.resolve("srs"));
        Files.writeString(dir.resolve("pom.xml"), "<project/>\n");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, serverClassPath().stream()
                .map(p -> p.toUri().toString()).collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(dir.resolve("srs-main/target/srs.jar"));
                JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.flush();
        }
        return dir;
    }

    /** A directory of symlinks to the few tools the launcher uses: a PATH with no java, no mvn. */
    static Path toolsWithoutJava(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        for (String t : List.of("bash", "env", "sed", "dirname", "readlink", "grep", "cut", "id", "getent", "kill",
                "sleep")) {
            Path target = Path.of("/usr/bin", t);
            if (!Files.exists(target)) {
                target = Path.of("/bin", t);
            }
            if (Files.exists(target)) {
                Files.createSymbolicLink(dir.resolve(t), target);
            }
        }
        return dir;
    }

    /** The launcher, started as systemd or SRS's test suite would: no variables but these. */
    static ProcessBuilder cleanEnv(Path workDir, String path, String... cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", path);
        return pb;
    }

    static Path writeConfig(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    static Path executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** FFmpeg publishing a generated H.264/AAC stream for {@code seconds}. */
    static Process publish(String url, int seconds) throws IOException {
        return new ProcessBuilder("ffmpeg", "-v", "error", "-re", "-f", "lavfi", "-i",
                "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
                "-g", "25", "-c:a", "aac", "-f", "flv", url)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** ffprobe's stream list for {@code url} ("codec_type=video" lines...), or what went wrong. */
    static String probe(String url) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-rw_timeout", "10000000", "-show_entries",
                "stream=codec_type,codec_name", "-of", "default=nw=1", url).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "ffprobe timed out";
        }
        return new String(p.getInputStream().readAllBytes());
    }

    /** Polls {@code url} until it answers 200 with a body containing {@code needle}. */
    static String awaitHttp(String url, String needle, long seconds) throws Exception {
        HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
                        .build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && r.body().contains(needle)) {
                    return r.body();
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(url + " did not serve " + needle + " in " + seconds + "s; last: " + last);
    }

    /** User + system CPU ticks (1/100 s) of a process, from /proc. */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Whether a tool is installed; under CI a missing one fails the test instead of skipping it. */
    static boolean has(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(tool + " is not installed (CI must have it: .ci/run installs it)");
        }
        return false;
    }
}
