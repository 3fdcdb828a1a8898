package io.srs.main;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server as an operator meets it: start, listen, reload with a broken file, signals, exit codes. */
class ProcessLifecycleTest {
    @TempDir
    Path dir;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Path config(String name, int port, String extra) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, """
                listen %d;
                daemon off;
                srs_log_tank console;
                pid %s;
                %s
                vhost __defaultVhost__ {
                }
                """.formatted(port, dir.resolve(name + ".pid"), extra));
        return f;
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void startsListensReloadsAndQuitsOnSigint() throws Exception {
        int port = freePort();
        Path conf = config("srs.conf", port, "");
        try (ServerProcess srs = ServerProcess.start(dir, "-c", conf.toString())) {
            String started = srs.await(l -> l.contains("started"), 30);
            assertTrue(started.matches("^\\[\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}]\\[Trace]\\[\\d+]\\[[^]]*] .*"),
                    "SRS-style log line: " + started);
            assertTrue(accepts(port));
            assertEquals(Long.toString(srs.pid()), Files.readString(dir.resolve("srs.conf.pid")).trim());

            // A broken config on SIGHUP: the error names file and line, the old config keeps serving.
            Files.writeString(conf, "listen " + port + ";\nvhost __defaultVhost__ {\n    bogus_directive on;\n}\n");
            srs.signal("HUP");
            String err = srs.await(l -> l.contains("reload failed"), 20);
            assertTrue(err.contains("srs.conf:3"), err);
            assertTrue(accepts(port));

            srs.signal("INT");
            assertEquals(0, srs.waitFor(20));
            assertFalse(Files.exists(dir.resolve("srs.conf.pid")), "pid file removed on exit");
        }
    }

    @Test
    void aPortInUseIsAClearFatalError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path conf = config("busy.conf", taken.getLocalPort(), "");
            try (ServerProcess srs = ServerProcess.start(dir, "-c", conf.toString())) {
                assertNotEquals(0, srs.waitFor(30));
                assertTrue(srs.output().contains("listen") && srs.output().contains(":" + taken.getLocalPort()),
                        srs.output());
            }
        }
    }

    @Test
    void aSecondServerOnTheSamePidFileIsRefused() throws Exception {
        Path conf = config("one.conf", freePort(), "");
        try (ServerProcess first = ServerProcess.start(dir, "-c", conf.toString())) {
            first.await(l -> l.contains("started"), 30);
            Path other = config("two.conf", freePort(), "");
            Files.writeString(other, Files.readString(other).replace(dir.resolve("two.conf.pid").toString(),
                    dir.resolve("one.conf.pid").toString()));
            try (ServerProcess second = ServerProcess.start(dir, "-c", other.toString())) {
                assertNotEquals(0, second.waitFor(30));
                assertTrue(second.output().contains("held by a running server"), second.output());
            }
            first.signal("TERM");
            assertEquals(0, first.waitFor(20));
        }
    }

    @Test
    void pwrFromTheLauncherQuitsGracefully() throws Exception {
        Path conf = config("grace.conf", freePort(), "grace_start_wait 10;\ngrace_final_wait 10;");
        try (ServerProcess srs = ServerProcess.start(dir, "-c", conf.toString())) {
            srs.await(l -> l.contains("started"), 30);
            srs.signal("PWR");
            srs.await(l -> l.contains("graceful quit"), 20);
            assertEquals(0, srs.waitFor(20));
        }
    }

    @Test
    void testFlagReportsOkOrTheError() throws Exception {
        Path good = config("good.conf", freePort(), "");
        try (ServerProcess t = ServerProcess.start(dir, "-t", "-c", good.toString())) {
            assertEquals(0, t.waitFor(30));
            assertTrue(t.output().contains("is ok"), t.output());
        }
        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, "listen 1935\nvhost __defaultVhost__ {}\n");
        try (ServerProcess t = ServerProcess.start(dir, "-t", "-c", bad.toString())) {
            assertNotEquals(0, t.waitFor(30));
            assertTrue(t.output().contains("bad.conf:1"), t.output());
        }
    }

    @Test
    void envOnlyModeRunsFromSrsVariables() throws Exception {
        int port = freePort();
        try (ServerProcess srs = ServerProcess.start(dir, java.util.Map.of("SRS_LISTEN", Integer.toString(port)), "-e")) {
            srs.await(l -> l.contains("started"), 30);
            assertTrue(accepts(port));
            srs.signal("TERM");
            assertEquals(0, srs.waitFor(20));
        }
    }

    /** Starts a server on {@code port} that logs to {@code log}; returns once it logged its start there. */
    static ServerProcess startLoggingTo(Path dir, Path log, int port) throws Exception {
        Path conf = dir.resolve("file.conf");
        Files.writeString(conf, """
                listen %d;
                daemon off;
                srs_log_tank file;
                srs_log_file %s;
                pid %s;
                vhost __defaultVhost__ {
                }
                """.formatted(port, log, dir.resolve("file.pid")));
        ServerProcess srs = ServerProcess.start(dir, "-c", conf.toString());
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!(Files.exists(log) && Files.readString(log).contains("started"))) {
            if (System.nanoTime() >= deadline) {
                srs.close();
                throw new AssertionError("server did not log its start to the file:\n" + srs.output());
            }
            srs.awaitQuiet(50);
        }
        return srs;
    }

    @Test
    void usr1ReopensTheLogFileAfterRotation() throws Exception {
        Path log = dir.resolve("srs.log");
        try (ServerProcess srs = startLoggingTo(dir, log, freePort())) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            Path rotated = dir.resolve("srs.log.1");
            Files.move(log, rotated);
            srs.signal("USR1");
            while (!Files.exists(log) || !Files.readString(log).contains("reopened")) {
                assertTrue(System.nanoTime() < deadline, "a new log file was opened");
                srs.awaitQuiet(50);
            }
            assertTrue(Files.readString(rotated).contains("started"));
            srs.signal("INT");
            assertEquals(0, srs.waitFor(20));
        }
    }

    private void cert(String cn) throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                dir.resolve("new.key").toString(), "-out", dir.resolve("new.crt").toString(), "-days", "2",
                "-subj", "/CN=" + cn).redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertEquals(0, p.waitFor());
        Files.move(dir.resolve("new.key"), dir.resolve("server.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(dir.resolve("new.crt"), dir.resolve("server.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private String subject(int port) throws Exception {
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.lines().filter(l -> l.startsWith("subject=")).findFirst().orElse(out);
    }

    /** The certificate rotates on a real SIGHUP; a TLS connection made before goes on working. */
    @Test
    void sighupRotatesTheRtmpsCertificateWithoutDroppingConnections() throws Exception {
        cert("first");
        int tls = freePort();
        Path conf = config("tls.conf", freePort(), "rtmps { enabled on; listen " + tls + "; key "
                + dir.resolve("server.key") + "; cert " + dir.resolve("server.crt") + "; }");
        try (ServerProcess srs = ServerProcess.start(dir, "-c", conf.toString())) {
            srs.await(l -> l.contains("started"), 30);
            assertTrue(subject(tls).contains("CN = first"));
            javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
            trustAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) { }

                public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) { }

                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            try (javax.net.ssl.SSLSocket before = (javax.net.ssl.SSLSocket) trustAll.getSocketFactory()
                    .createSocket("127.0.0.1", tls)) {
                before.setSoTimeout(10_000);
                before.startHandshake();
                cert("second");
                srs.signal("HUP");
                srs.await(l -> l.contains("certificate is now"), 20);
                assertTrue(subject(tls).contains("CN = second"));
                // The older connection still speaks: an RTMP C0C1 gets S0S1S2 back over it.
                byte[] c0c1 = new byte[1537];
                c0c1[0] = 3;
                before.getOutputStream().write(c0c1);
                before.getOutputStream().flush();
                byte[] s0 = before.getInputStream().readNBytes(3073);
                assertEquals(3073, s0.length);
                assertEquals(3, s0[0]);
            }
            srs.signal("INT");
            assertEquals(0, srs.waitFor(20));
        }
    }
}
