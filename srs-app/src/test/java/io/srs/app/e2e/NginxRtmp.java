package io.srs.app.e2e;

import io.srs.testing.ExternalTool;
import io.srs.testing.ExternalTool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's nginx with libnginx-mod-rtmp, run in the foreground from a config written to a temp
 * directory: loopback only, a free port, application {@code live}. Always stopped by close().
 */
final class NginxRtmp implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/nginx");
    private static final Path MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");

    final int port;
    private final Path dir;
    private final Process process;

    private NginxRtmp(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    static NginxRtmp start() throws IOException, InterruptedException {
        ExternalTool.NGINX_RTMP.require();
        int port = TestServer.freePort();
        Path dir = Files.createTempDirectory("nginx-rtmp");
        String conf = """
                load_module %s;
                daemon off;
                master_process off;
                pid %s;
                error_log %s info;
                events { worker_connections 256; }
                rtmp {
                    server {
                        listen 127.0.0.1:%d;
                        chunk_size 4096;
                        application live {
                            live on;
                        }
                    }
                }
                """.formatted(MODULE, dir.resolve("nginx.pid"), dir.resolve("error.log"), port);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process p = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", file.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        NginxRtmp n = new NginxRtmp(port, dir, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return n;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    n.close();
                    throw new IOException("nginx did not start: " + n.log());
                }
                Thread.sleep(50);
            }
        }
    }

    String url(String appStream) {
        return "rtmp://127.0.0.1:" + port + "/" + appStream;
    }

    String log() {
        try {
            return Files.readString(dir.resolve("error.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory left behind is harmless.
        }
    }
}
