package io.srs.app.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads PEM files: certificate chains ({@code CERTIFICATE}) and private keys in PKCS#8
 * ({@code PRIVATE KEY}, what {@code openssl req -newkey} and {@code genpkey} write), PKCS#1
 * ({@code RSA PRIVATE KEY}, {@code openssl genrsa} of OpenSSL 1.x) and SEC1
 * ({@code EC PRIVATE KEY}, {@code openssl ecparam -genkey}). The JDK reads none of these key
 * forms from a file; PKCS#1 and SEC1 are wrapped into PKCS#8 here, which needs no ASN.1 parser
 * beyond reading the SEC1 curve OID. Files are bounded ({@link #MAX_FILE_BYTES}); encrypted keys
 * are refused with a clear message. Stateless.
 */
public final class PemFiles {
    /** Far above any real key or chain (a 16 KB RSA key is 12 KB of PEM). */
    static final int MAX_FILE_BYTES = 1 << 20;

    private static final byte[] RSA_ALGORITHM_ID = hex("300d06092a864886f70d0101010500");
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

    private PemFiles() {
    }

    /** One PEM block: its label and decoded DER bytes. */
    record Block(String label, byte[] der) {
    }

    /** The certificates of {@code file}, leaf first. */
    public static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (Block b : blocks(file)) {
            if (b.label().equals("CERTIFICATE")) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
            }
        }
        if (out.isEmpty()) {
            throw new GeneralSecurityException("no CERTIFICATE block in " + file);
        }
        return out;
    }

    /** The first private key of {@code file}. */
    public static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        for (Block b : blocks(file)) {
            switch (b.label()) {
                case "PRIVATE KEY":
                    return pkcs8(b.der());
                case "RSA PRIVATE KEY":
                    return KeyFactory.getInstance("RSA").generatePrivate(
                            new PKCS8EncodedKeySpec(wrapPkcs8(RSA_ALGORITHM_ID, b.der())));
                case "EC PRIVATE KEY":
                    return ecFromSec1(b.der());
                case "ENCRYPTED PRIVATE KEY":
                    throw new GeneralSecurityException("encrypted private key in " + file
                            + " is not supported; decrypt it with openssl pkey");
                default:
                    // Parameters, certificates: skip.
            }
        }
        throw new GeneralSecurityException("no PRIVATE KEY block in " + file);
    }

    static List<Block> blocks(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + " is " + size + " bytes; a PEM file over " + MAX_FILE_BYTES + " is refused");
        }
        return parse(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII));
    }

    static List<Block> parse(String text) throws IOException {
        List<Block> out = new ArrayList<>();
        String label = null;
        StringBuilder body = new StringBuilder();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (label == null) {
                if (line.startsWith("-----BEGIN ") && line.endsWith("-----")) {
                    label = line.substring(11, line.length() - 5);
                    body.setLength(0);
                }
            } else if (line.equals("-----END " + label + "-----")) {
                try {
                    out.add(new Block(label, Base64.getMimeDecoder().decode(body.toString())));
                } catch (IllegalArgumentException e) {
                    throw new IOException("bad base64 in PEM block " + label);
                }
                label = null;
            } else if (line.contains(":")) {
                // Proc-Type/DEK-Info headers: an OpenSSL-encrypted traditional key.
                throw new IOException("encrypted PEM block " + label + " is not supported");
            } else {
                body.append(line);
            }
        }
        if (label != null) {
            throw new IOException("PEM block " + label + " has no END line");
        }
        return out;
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String alg : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("unsupported PKCS#8 private key", last);
    }

    /**
     * SEC1 {@code ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING,
     * [0] parameters OPTIONAL, [1] publicKey OPTIONAL }}: PKCS#8 wants the curve OID in the
     * algorithm identifier, so it is read from [0].
     */
    private static PrivateKey ecFromSec1(byte[] der) throws GeneralSecurityException {
        Der seq = Der.read(der, 0);
        if (seq.tag != 0x30) {
            throw new GeneralSecurityException("EC PRIVATE KEY is not a DER sequence");
        }
        int p = seq.contentStart;
        byte[] curve = null;
        while (p < seq.end) {
            Der item = Der.read(der, p);
            if (item.tag == 0xa0) {
                Der oid = Der.read(der, item.contentStart);
                curve = java.util.Arrays.copyOfRange(der, oid.start, oid.end);
            }
            p = item.end;
        }
        if (curve == null) {
            throw new GeneralSecurityException("EC PRIVATE KEY names no curve");
        }
        byte[] algId = sequence(concat(EC_PUBLIC_KEY_OID, curve));
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(wrapPkcs8(algId, der)));
    }

    /** {@code PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING key }}. */
    static byte[] wrapPkcs8(byte[] algorithmId, byte[] key) {
        return sequence(concat(hex("020100"), algorithmId, tlv(0x04, key)));
    }

    private static byte[] sequence(byte[] content) {
        return tlv(0x30, content);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }

    /** One DER item's bounds, checked against the array. */
    private record Der(int tag, int start, int contentStart, int end) {
        static Der read(byte[] b, int at) throws GeneralSecurityException {
            if (at + 2 > b.length) {
                throw new GeneralSecurityException("truncated DER");
            }
            int tag = b[at] & 0xff;
            int len = b[at + 1] & 0xff;
            int p = at + 2;
            if (len >= 0x80) {
                int n = len & 0x7f;
                if (n == 0 || n > 3 || p + n > b.length) {
                    throw new GeneralSecurityException("bad DER length");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[p++] & 0xff);
                }
            }
            if (p + len > b.length) {
                throw new GeneralSecurityException("truncated DER");
            }
            return new Der(tag, at, p, p + len);
        }
    }
}
