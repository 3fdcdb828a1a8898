package io.srs.rtmp.message;

import io.srs.core.Version;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code data} that SRS appends to the connect reply so edges and tools can tell which
 * server answered. Thread-safe (immutable).
 *
 * @param sig      {@code srs_sig}, SRS's key ("SRS")
 * @param server   {@code srs_server}, e.g. "SRS/7.0.0(Kai)"
 * @param license  {@code srs_license}
 * @param url      {@code srs_url}
 * @param version  {@code srs_version}, e.g. "7.0.0"
 * @param authors  {@code srs_authors}
 * @param serverIp {@code srs_server_ip}; omitted from the reply when empty, as SRS does when
 *                 it has no address
 * @param pid      {@code srs_pid}, the process id
 * @param id       {@code srs_id}, the connection's context id
 */
public record ServerIdentity(String sig, String server, String license, String url, String version,
                             String authors, Optional<String> serverIp, long pid, String id) {
    public ServerIdentity {
        Objects.requireNonNull(sig, "sig");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(license, "license");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(authors, "authors");
        Objects.requireNonNull(serverIp, "serverIp");
        Objects.requireNonNull(id, "id");
    }

    /** This server's identity from {@link Version}. */
    public static ServerIdentity of(Optional<String> serverIp, long pid, String contextId) {
        return new ServerIdentity(Version.KEY, Version.SIGNATURE, Version.LICENSE, Version.URL,
                Version.VERSION, Version.AUTHORS, serverIp, pid, contextId);
    }
}
