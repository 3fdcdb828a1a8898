package io.srs.app.cluster;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.Version;
import io.srs.kernel.flv.FlvReader;
import io.srs.kernel.media.MediaMessage;
import io.srs.rtmp.chunk.ChunkLimits;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP-FLV request to an origin: {@code GET /app/stream.flv} over HTTP/1.1 (or HTTPS), the status and
 * headers read, then the body's FLV tags as messages. Port of {@code SrsEdgeFlvUpstream}'s
 * connection (srs_app_edge.cpp), with bounds SRS does not have: the response head is limited to
 * {@value #MAX_HEAD_BYTES} bytes, a chunk-size line to {@value #MAX_LINE_BYTES}, and a tag to the
 * same largest message an RTMP upstream may send ({@link ChunkLimits#DEFAULT}); a tag's body
 * grows as its bytes arrive, so a lying length costs memory only for bytes really sent.
 *
 * <p>Threading: one thread opens and reads; {@link #close()} is safe from any thread and makes a
 * blocked read fail.
 */
final class FlvUpstreamClient implements AutoCloseable {
    /** Largest status line plus headers accepted. */
    static final int MAX_HEAD_BYTES = 16 * 1024;
    /** Largest single header or chunk-size line. */
    static final int MAX_LINE_BYTES = 8 * 1024;

    private final Endpoint endpoint;
    private final Socket socket;
    private final int status;
    private final String location;
    private final FlvReader reader;
    private long bytesRead;

    private FlvUpstreamClient(Endpoint endpoint, Socket socket, int status, String location, FlvReader reader) {
        this.endpoint = endpoint;
        this.socket = socket;
        this.status = status;
        this.location = location;
        this.reader = reader;
    }

    /**
     * Connects, sends the GET and reads the response head; on 200 the FLV header is read too.
     *
     * @param tls  for HTTPS-FLV: makes the TLS session over the TCP connection (the
     *             origin's certificate and name are verified); null for plain HTTP
     * @param host the Host header (the origin's vhost or address)
     * @param path absolute path with query
     * @throws SrsException {@code SOCKET_CONNECT} when the origin cannot be reached,
     *         {@code RTMP_STREAM_NOT_FOUND} on 404, {@code HTTP_STATUS_INVALID} on any other
     *         status but 200 and 302, {@code HTTP_DATA_INVALID} on a malformed response
     */
    static FlvUpstreamClient open(Endpoint endpoint, SSLSocketFactory tls, String host, String path,
                                  int connectTimeoutMillis, int readTimeoutMillis) {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), connectTimeoutMillis);
            s.setTcpNoDelay(true);
            s.setSoTimeout(readTimeoutMillis);
        } catch (IOException e) {
            closeQuietly(s);
            throw new SrsException(ErrorCode.SOCKET_CONNECT, "connect " + endpoint + ": " + e.getMessage());
        }
        if (tls != null) {
            s = handshake(s, tls, endpoint);
        }
        try {
            OutputStream out = s.getOutputStream();
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + Version.SIGNATURE
                    + "\r\nAccept: */*\r\nConnection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(s.getInputStream(), 65536);
            Head head = Head.read(in);
            if (head.status == 404) {
                throw new SrsException(ErrorCode.RTMP_STREAM_NOT_FOUND, "GET " + path + " from " + endpoint + ": 404");
            }
            if (head.status == 301 || head.status == 302 || head.status == 307) {
                if (head.location.isEmpty()) {
                    throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "redirect without Location from " + endpoint);
                }
                return new FlvUpstreamClient(endpoint, s, head.status, head.location, null);
            }
            if (head.status != 200) {
                throw new SrsException(ErrorCode.HTTP_STATUS_INVALID, "GET " + path + " from " + endpoint
                        + ": status " + head.status);
            }
            InputStream body = head.chunked ? new ChunkedBody(in) : head.contentLength >= 0
                    ? new LimitedBody(in, head.contentLength) : in;
            FlvUpstreamClient c = new FlvUpstreamClient(endpoint, s, head.status, "",
                    new FlvReader(body, ChunkLimits.DEFAULT.maxMessageLength()));
            c.reader.readHeader();
            return c;
        } catch (IOException e) {
            closeQuietly(s);
            throw new SrsException(ErrorCode.SOCKET_READ, "GET " + path + " from " + endpoint + ": " + e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(s);
            throw e;
        }
    }

    /**
     * TLS over the connected socket, within the read timeout. Unlike SRS, which accepts any
     * certificate, the origin must present one the JVM trusts for its name or address (a
     * self-signed origin needs {@code -Djavax.net.ssl.trustStore=...} in SRS_JAVA_OPTS).
     */
    private static Socket handshake(Socket tcp, SSLSocketFactory tls, Endpoint endpoint) {
        try {
            SSLSocket ssl = (SSLSocket) tls.createSocket(tcp, endpoint.host(), endpoint.port(), true);
            SSLParameters params = ssl.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(params);
            ssl.startHandshake();
            return ssl;
        } catch (IOException e) {
            closeQuietly(tcp);
            throw new SrsException(ErrorCode.SOCKET_CONNECT, "TLS handshake with " + endpoint + ": " + e.getMessage());
        }
    }

    Endpoint endpoint() {
        return endpoint;
    }

    int status() {
        return status;
    }

    /** The redirect target of a 301/302/307, else empty. */
    String location() {
        return location;
    }

    /**
     * The next tag: audio, video or script data.
     *
     * @throws SrsException {@code SOCKET_CLOSED} when the origin ended the stream, or the
     *         reader's errors (timeout, a tag above the bound, a cut tag)
     */
    MediaMessage read() {
        MediaMessage m = reader.next();
        if (m == null) {
            throw new SrsException(ErrorCode.SOCKET_CLOSED, "origin " + endpoint + " ended the stream");
        }
        bytesRead += m.payload().length() + 15;
        return m;
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        UpstreamClient.closeQuietly(s);
    }

    /** Reads one CRLF (or LF) terminated ASCII line of at most {@code max} bytes; null at EOF before any byte. */
    static String readLine(InputStream in, int max) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (sb.isEmpty()) {
                    return null;
                }
                throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "response cut inside a line");
            }
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            if ((b < 0x20 && b != '\t' && b != '\r') || b >= 0x7f) {
                // Nothing we log or follow may carry control or non-ASCII bytes.
                throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "response line with byte " + b);
            }
            if (sb.length() >= max) {
                throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "response line longer than " + max + " bytes");
            }
            sb.append((char) b);
        }
    }

    /** The status line and the headers we use. */
    private record Head(int status, String location, boolean chunked, long contentLength) {
        static Head read(InputStream in) throws IOException {
            String statusLine = readLine(in, MAX_LINE_BYTES);
            if (statusLine == null) {
                throw new SrsException(ErrorCode.SOCKET_CLOSED, "origin closed without a response");
            }
            int total = statusLine.length();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "bad status line");
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "bad status line");
            }
            String location = "";
            boolean chunked = false;
            long length = -1;
            while (true) {
                String line = readLine(in, MAX_LINE_BYTES);
                if (line == null) {
                    throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "response head cut");
                }
                if (line.isEmpty()) {
                    break;
                }
                total += line.length();
                if (total > MAX_HEAD_BYTES) {
                    throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "response head larger than " + MAX_HEAD_BYTES);
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).strip();
                switch (name) {
                    case "location" -> location = value;
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "content-length" -> {
                        try {
                            length = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "bad Content-Length");
                        }
                    }
                    default -> {
                        // not needed
                    }
                }
            }
            return new Head(status, location, chunked, length);
        }
    }

    /** A response body read through its framing; single bytes go through the bulk read. */
    private abstract static class Body extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** A body of a known length. */
    private static final class LimitedBody extends Body {
        private final InputStream in;
        private long left;

        LimitedBody(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** A {@code Transfer-Encoding: chunked} body (RFC 9112 section 7.1); trailers are skipped. */
    private static final class ChunkedBody extends Body {
        private final InputStream in;
        private long left;
        private boolean done;

        ChunkedBody(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (left == 0 && !nextChunk()) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "chunked body cut inside a chunk");
            }
            left -= n;
            if (left == 0) {
                endOfChunk();
            }
            return n;
        }

        private boolean nextChunk() throws IOException {
            if (done) {
                return false;
            }
            String line = readLine(in, MAX_LINE_BYTES);
            if (line == null) {
                throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "chunked body cut before a chunk");
            }
            int semi = line.indexOf(';');
            String hex = (semi >= 0 ? line.substring(0, semi) : line).strip();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "bad chunk size");
            }
            if (size < 0 || hex.length() > 15) {
                throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "bad chunk size");
            }
            if (size == 0) {
                done = true;
                return false;
            }
            left = size;
            return true;
        }

        private void endOfChunk() throws IOException {
            String crlf = readLine(in, 2);
            if (crlf == null || !crlf.isEmpty()) {
                throw new SrsException(ErrorCode.HTTP_DATA_INVALID, "chunk not followed by CRLF");
            }
        }
    }
}
