package io.srs.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real clients the end-to-end tests start, each with how to find it and the Debian packages
 * that provide it. {@code .ci/run} installs exactly these packages ({@code CiScriptTest} checks).
 *
 * <p>{@link #require()} is the only way a test should ask for a tool: without {@code CI=true} a
 * missing tool skips the test (a developer's laptop need not have chromium); under CI it fails
 * the test with the packages to install, so a green CI run means the test ran.
 *
 * <p>Thread-safe: stateless, every call probes again.
 */
public enum ExternalTool {
    FFMPEG("ffmpeg", List.of("ffmpeg")),
    FFPROBE("ffprobe", List.of("ffmpeg")),
    RTMPDUMP("rtmpdump", List.of("rtmpdump")),
    /** gst-launch-1.0 with the elements the tests link: x264enc, flvmux, rtmp2, avdec_h264. */
    GSTREAMER("gst-launch-1.0", List.of("gstreamer1.0-tools", "gstreamer1.0-plugins-base",
            "gstreamer1.0-plugins-good", "gstreamer1.0-plugins-bad", "gstreamer1.0-plugins-ugly",
            "gstreamer1.0-libav")),
    CHROMIUM("chromium", List.of("chromium")),
    /** Debian's nginx with the RTMP module, used as a foreign origin or forward target. */
    NGINX_RTMP("nginx", List.of("nginx", "libnginx-mod-rtmp")),
    /** Makes the TLS tests' certificates and checks what a listener presents. */
    OPENSSL("openssl", List.of("openssl")),
    CURL("curl", List.of("curl"));

    private static final List<String> GST_ELEMENTS =
            List.of("x264enc", "h264parse", "flvmux", "flvdemux", "rtmp2sink", "rtmp2src", "avdec_h264");
    private static final List<String> CHROMIUM_NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path NGINX_RTMP_MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");

    private final String binary;
    private final List<String> packages;

    ExternalTool(String binary, List<String> packages) {
        this.binary = binary;
        this.packages = packages;
    }

    public List<String> packages() {
        return packages;
    }

    /** What to run: the binary's name (or path) as found on this machine. */
    public Optional<String> find() {
        return switch (this) {
            case CHROMIUM -> CHROMIUM_NAMES.stream().filter(ExternalTool::onPath).findFirst();
            case NGINX_RTMP -> Files.isExecutable(NGINX) && Files.exists(NGINX_RTMP_MODULE)
                    ? Optional.of(NGINX.toString()) : Optional.empty();
            case GSTREAMER -> onPath(binary) && GST_ELEMENTS.stream().allMatch(ExternalTool::gstHas)
                    ? Optional.of(binary) : Optional.empty();
            default -> onPath(binary) ? Optional.of(binary) : Optional.empty();
        };
    }

    /** The tool's command name; skips the test when it is missing, or fails it under CI. */
    public String require() {
        Optional<String> found = find();
        if (found.isEmpty()) {
            CiRule.missing(this, System.getenv());
        }
        return found.orElseThrow();
    }

    /** Requires every tool given. */
    public static void require(ExternalTool... tools) {
        for (ExternalTool t : tools) {
            t.require();
        }
    }

    /** The line a missing tool reports: what is missing and the apt-get command that fixes it. */
    public String missingMessage() {
        return binary + " is not installed (apt-get install " + String.join(" ", packages) + ")";
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static boolean gstHas(String element) {
        try {
            Process p = new ProcessBuilder("gst-inspect-1.0", "--exists", element)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
