package io.srs.core;

/**
 * Numeric error codes, kept identical to SRS's so that logs, the HTTP API and hook replies
 * mean the same thing to an operator who knows SRS. Grouped by range like
 * {@code srs_kernel_error.hpp}: 1000 system, 2000 RTMP, 3000 application, 4000 HTTP/codec.
 *
 * <p>Add codes here (with SRS's number when SRS has one) rather than inventing codes elsewhere.
 */
public enum ErrorCode {
    SUCCESS(0, "Success"),

    // 1000: system and sockets
    SOCKET_CREATE(1000, "create socket failed"),
    SOCKET_BIND(1002, "bind socket failed"),
    SOCKET_LISTEN(1003, "listen on port failed"),
    SOCKET_CLOSED(1004, "socket is closed"),
    SOCKET_READ(1007, "socket read failed"),
    SOCKET_READ_FULLY(1008, "socket read fully failed"),
    SOCKET_WRITE(1009, "socket write failed"),
    SOCKET_TIMEOUT(1011, "socket io timeout"),
    SOCKET_CONNECT(1012, "connect failed"),
    SYSTEM_PACKET_INVALID(1019, "invalid packet"),
    SYSTEM_CLIENT_INVALID(1020, "client is neither publisher nor player"),
    SYSTEM_ASSERT_FAILED(1021, "assert failed"),
    READER_BUFFER_OVERFLOW(1022, "reader buffer overflow"),
    SYSTEM_CONFIG_INVALID(1023, "configuration is invalid"),
    SYSTEM_CONFIG_DIRECTIVE(1024, "configuration directive is invalid"),
    SYSTEM_CONFIG_BLOCK_START(1025, "configuration block start is invalid"),
    SYSTEM_CONFIG_BLOCK_END(1026, "configuration block end is invalid"),
    SYSTEM_CONFIG_EOF(1027, "configuration unexpected end of file"),
    SYSTEM_STREAM_BUSY(1028, "stream already exists or busy"),
    SYSTEM_IP_INVALID(1029, "retrieve ip failed"),
    SYSTEM_FORWARD_LOOP(1030, "forward loop detected"),
    SYSTEM_PID_ACQUIRE(1034, "acquire pid file failed"),
    SYSTEM_PID_ALREADY_RUNNING(1035, "another process holds the pid file"),
    SYSTEM_PID_WRITE_FILE(1038, "write pid file failed"),
    SYSTEM_FILE_OPENE(1042, "open file failed"),
    SYSTEM_FILE_CLOSE(1043, "close file failed"),
    SYSTEM_FILE_READ(1044, "read file failed"),
    SYSTEM_FILE_WRITE(1045, "write file failed"),
    SYSTEM_FILE_EOF(1046, "end of file"),
    SYSTEM_FILE_RENAME(1047, "rename file failed"),
    SYSTEM_SECURITY(1052, "security check failed"),
    SYSTEM_SECURITY_DENY(1053, "denied by security deny rule"),
    SYSTEM_SECURITY_ALLOW(1054, "not allowed by security allow rules"),
    SYSTEM_CREATE_DIR(1057, "create directory failed"),
    SYSTEM_CONFIG_RAW(1060, "raw api failed"),
    SYSTEM_CONFIG_RAW_DISABLED(1061, "raw api is disabled"),
    SYSTEM_CONFIG_RAW_NOT_ALLOWED(1062, "raw api is not allowed"),
    SYSTEM_CONFIG_RAW_PARAMS(1063, "raw api parameters are invalid"),
    SYSTEM_FILE_NOT_EXISTS(1064, "file does not exist"),
    SYSTEM_DNS_RESOLVE(1066, "dns resolve failed"),
    THREAD_INTERRUPTED(1070, "thread interrupted"),
    EXCEED_CONNECTIONS(1074, "exceed max connections"),
    SOCKET_ACCEPT(1081, "accept failed"),
    EXPORTER_DISABLED(1090, "prometheus exporter is disabled"),

    // 2000: RTMP protocol
    RTMP_PLAIN_REQUIRED(2000, "rtmp handshake requires plain text"),
    RTMP_CHUNK_START(2001, "rtmp packet must be a fresh chunk"),
    RTMP_MSG_INVALID_SIZE(2002, "invalid rtmp message size"),
    RTMP_AMF0_DECODE(2003, "amf0 decode failed"),
    RTMP_AMF0_INVALID(2004, "invalid amf0 type"),
    RTMP_REQ_CONNECT(2005, "connect without tcUrl"),
    RTMP_REQ_TCURL(2006, "discover tcUrl failed"),
    RTMP_MESSAGE_DECODE(2007, "rtmp message decode failed"),
    RTMP_MESSAGE_ENCODE(2008, "rtmp message encode failed"),
    RTMP_AMF0_ENCODE(2009, "amf0 encode failed"),
    RTMP_CHUNK_SIZE(2010, "invalid rtmp chunk size"),
    RTMP_TRY_SIMPLE_HS(2011, "complex handshake failed, try simple"),
    RTMP_CH_SCHEMA(2012, "handshake schema changed"),
    RTMP_PACKET_SIZE(2013, "rtmp packet size changed in chunks"),
    RTMP_VHOST_NOT_FOUND(2014, "vhost not found"),
    RTMP_ACCESS_DENIED(2015, "access denied"),
    RTMP_HANDSHAKE(2016, "rtmp handshake failed"),
    RTMP_NO_REQUEST(2017, "response without request"),
    RTMP_HS_SSL_REQUIRE(2018, "rtmp handshake failed for ssl required"),
    RTMP_EDGE_PLAY_STATE(2020, "invalid edge state for play"),
    RTMP_EDGE_PUBLISH_STATE(2021, "invalid edge state for publish"),
    RTMP_AGGREGATE(2024, "invalid aggregate message"),
    RTMP_STREAM_NOT_FOUND(2048, "stream not found"),
    RTMP_CLIENT_NOT_FOUND(2049, "client not found"),
    RTMP_STREAM_NAME_EMPTY(2051, "stream name is empty"),
    RTMP_PROXY_EXCEED(2054, "rtmp proxy header too large"),
    RTMP_CREATE_STREAM_DEPTH(2055, "identify client failed: createStream too deep"),
    KICKOFF_FOR_IDLE(2056, "publisher kicked off for idle"),
    /** Our own: more chunk streams than the per-connection cap. */
    RTMP_CHUNK_STREAMS_EXCEED(2090, "too many chunk streams"),
    CONTROL_REDIRECT(2997, "rtmp 302 redirect"),
    CONTROL_RTMP_CLOSE(2998, "rtmp connection closed"),
    CONTROL_REPUBLISH(2999, "rtmp stream republished"),

    // 3000: application
    HLS_METADATA(3000, "hls metadata invalid"),
    HLS_DECODE_ERROR(3001, "hls decode failed"),
    HLS_CREATE_DIR(3002, "hls create directory failed"),
    HLS_OPEN_FAILED(3003, "hls open file failed"),
    HLS_WRITE_FAILED(3004, "hls write file failed"),
    HLS_AAC_FRAME_LENGTH(3005, "aac frame length invalid"),
    HLS_AVC_SAMPLE_SIZE(3006, "avc sample size invalid"),
    HTTP_PARSE_URI(3007, "http parse url failed"),
    HTTP_DATA_INVALID(3008, "http response data invalid"),
    HTTP_HANDLER_MATCH_URL(3010, "http handler invalid url"),
    ENCODER_FORK(3028, "start ffmpeg failed"),
    ENCODER_LOOP(3029, "transcode loop detected"),
    KERNEL_FLV_HEADER(3036, "flv header invalid"),
    EDGE_VHOST_REMOVED(3039, "vhost removed for edge"),
    FLV_INVALID_VIDEO_TAG(3042, "invalid flv video tag"),
    AAC_DATA_INVALID(3048, "invalid aac data"),
    JSON_LOADS(3063, "json parse failed"),
    RESPONSE_CODE(3064, "no code in http response json"),
    RESPONSE_DATA(3065, "invalid http response body"),
    REQUEST_DATA(3066, "invalid http request body"),
    EDGE_PORT_INVALID(3067, "invalid edge port"),
    FLV_REQUIRE_SPACE(3084, "flv decode needs more bytes"),
    HTTP_URL_UNESCAPE(3096, "unescape url failed"),
    HEVC_DECODE_ERROR(3099, "hevc decode failed"),

    // 4000: HTTP and codecs
    HTTP_URL_NOT_CLEAN(4002, "http url not clean"),
    HTTP_CONTENT_LENGTH(4003, "exceed http content length"),
    HTTP_STATUS_INVALID(4005, "invalid http status"),
    HTTPS_HANDSHAKE(4042, "tls handshake failed"),
    HTTP_JSONP(4058, "invalid callback for JSONP"),
    AVC_NALU_UEV(4027, "read avc ue(v) failed"),
    AAC_BYTES_INVALID(4028, "invalid aac bytes"),
    STREAM_CASTER_AVC_SPS(4022, "invalid avc sps"),
    STREAM_CASTER_AVC_PPS(4023, "invalid avc pps");

    private final int code;
    private final String description;

    ErrorCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** SRS's numeric value, used in logs, API and hook replies. */
    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /**
     * Errors that mean the peer went away normally; logged without a stack trace, like
     * {@code srs_is_client_gracefully_close}.
     */
    public boolean isGracefulClose() {
        return this == SOCKET_READ || this == SOCKET_READ_FULLY || this == SOCKET_WRITE
                || this == SOCKET_TIMEOUT || this == SOCKET_CLOSED || this == CONTROL_RTMP_CLOSE;
    }
}
