package io.srs.app.stats;

import io.srs.app.config.SrsConfig;
import io.srs.core.log.Context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Who this server is in the API envelope, hooks, heartbeat and metrics: SRS's
 * {@code server_id} (stable across restarts), {@code service_id} (new per process) and pid.
 *
 * <p>Immutable.
 *
 * @param serverId  {@code server_id} from the config, else the one saved next to the pid file,
 *                  else a new {@code vid-xxxxxxx}
 * @param serviceId 8 random characters, new for each process
 * @param pid       the process id as text (SRS sends it as a string)
 */
public record Identity(String serverId, String serviceId, String pid) {
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    /**
     * Resolves the server id like SRS's {@code get_server_id}: the configured one, else the
     * content of {@code <pid file with .id>}, else a new random id; the result is written back
     * to that file when its directory exists, so a restart keeps the id.
     */
    public static Identity resolve(SrsConfig config, SecureRandom random) {
        Path idFile = idFile(config.pidFile());
        String id = config.serverId();
        if (id == null || id.isBlank()) {
            id = read(idFile);
        }
        if (id.isBlank()) {
            id = newId("vid-", 7, random);
        }
        write(idFile, id);
        return new Identity(id, Context.newId(random), Long.toString(ProcessHandle.current().pid()));
    }

    /** {@code prefix} plus {@code n} random lower-case letters and digits, like SRS's ids. */
    public static String newId(String prefix, int n, SecureRandom random) {
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** SRS's {@code srs_server_id_path}: {@code ./objs/srs.pid} keeps its id in {@code ./objs/srs.id}. */
    static Path idFile(String pidFile) {
        String p = pidFile.replace(".pid", ".id");
        if (!p.endsWith(".id")) {
            p += ".id";
        }
        return Path.of(p);
    }

    private static String read(Path f) {
        try {
            return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8).strip() : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void write(Path f, String id) {
        Path dir = f.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.writeString(f, id, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // Best effort, as in SRS: a read-only directory only costs a new id next time.
        }
    }
}
