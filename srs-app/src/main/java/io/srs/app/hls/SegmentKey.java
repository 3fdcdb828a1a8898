package io.srs.app.hls;

import io.srs.app.config.HlsConfig;
import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * One AES-128 key of {@code hls_keys} (port of SRS's {@code SrsHlsMuxer::write_hls_key} and
 * {@code SrsEncFileWriter}): 16 random bytes stored at {@code hls_key_file_path/hls_key_file}
 * with a random IV, used for {@code hls_fragments_per_key} segments.
 *
 * <p>Immutable; {@link #encrypt} makes a new cipher per segment.
 */
record SegmentKey(byte[] key, byte[] iv, String uri) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Makes a key for the segment {@code seq} and writes its file (temporary name, then rename). */
    static SegmentKey create(HlsConfig cfg, StreamName name, long seq, Path m3u8Dir) {
        byte[] k = new byte[16];
        byte[] v = new byte[16];
        RANDOM.nextBytes(k);
        RANDOM.nextBytes(v);
        String keyFile = PathTemplate.seq(PathTemplate.stream(cfg.keyFile(), name), seq);
        Path path = SafePaths.resolveInside(Path.of(cfg.keyFilePath()).toAbsolutePath().normalize(), keyFile);
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            Files.createDirectories(path.getParent());
            Files.write(tmp, k);
        } catch (IOException e) {
            Segmenter.deleteQuietly(tmp);
            throw new SrsException(ErrorCode.HLS_WRITE_FAILED, "hls: write key " + path + ": " + e, e);
        }
        Segmenter.move(tmp, path);
        return new SegmentKey(k, v, uriOf(cfg, keyFile, path, m3u8Dir));
    }

    /**
     * SRS writes {@code hls_key_url + key file}. Its default for hls_key_url is hls_path, a
     * directory rather than a URL, which yields a URI no player can load; so when hls_key_url is
     * left at that default the key is referenced relative to the playlist instead, like the
     * segments. A URL without a trailing slash gets one.
     */
    private static String uriOf(HlsConfig cfg, String keyFile, Path keyPath, Path m3u8Dir) {
        String url = cfg.keyUrl();
        if (url.isEmpty()) {
            return keyFile;
        }
        if (url.equals(cfg.path())) {
            return m3u8Dir.relativize(keyPath).toString().replace('\\', '/');
        }
        return url.endsWith("/") ? url + keyFile : url + "/" + keyFile;
    }

    String ivHex() {
        return HexFormat.of().formatHex(iv);
    }

    /** Whole-segment AES-128-CBC with PKCS#7 padding, as HLS (RFC 8216 §4.3.2.4) expects. */
    OutputStream encrypt(OutputStream out) {
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return new CipherOutputStream(out, c);
        } catch (GeneralSecurityException e) {
            throw new SrsException(ErrorCode.HLS_OPEN_FAILED, "hls: aes-128: " + e, e);
        }
    }
}
