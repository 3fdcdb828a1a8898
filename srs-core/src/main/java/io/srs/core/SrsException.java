package io.srs.core;

/**
 * The one unchecked error type of the server, carrying an SRS {@link ErrorCode}.
 *
 * <p>Like {@code srs_error_wrap}, {@link #wrap} adds context while keeping the root code, so the
 * message reads as a chain: {@code "publish: read message: code=1007 socket read failed: ..."}.
 * Expected ends of a connection (peer closed, timeout) are created stackless: they are logged
 * as one line, never with a trace.
 */
public class SrsException extends RuntimeException {
    private final ErrorCode code;

    public SrsException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public SrsException(ErrorCode code, String message, Throwable cause) {
        super(message, cause, true, !code.isGracefulClose());
        this.code = code;
    }

    /** Wraps {@code cause} with context; an SrsException cause keeps its code. */
    public static SrsException wrap(Throwable cause, String context) {
        ErrorCode code = cause instanceof SrsException e ? e.code : ErrorCode.SYSTEM_ASSERT_FAILED;
        return new SrsException(code, context, cause);
    }

    public ErrorCode code() {
        return code;
    }

    /** The whole chain on one line, outermost context first. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        Throwable t = this;
        while (t != null) {
            if (!sb.isEmpty()) {
                sb.append(": ");
            }
            if (t instanceof SrsException e) {
                if (e.getCause() == null || !(e.getCause() instanceof SrsException)) {
                    sb.append("code=").append(e.code.code()).append(' ').append(e.code.description());
                    if (e.getMessage() != null && !e.getMessage().isEmpty()) {
                        sb.append(", ").append(e.getMessage());
                    }
                } else {
                    sb.append(e.getMessage());
                }
            } else {
                sb.append(t.getClass().getSimpleName());
                if (t.getMessage() != null) {
                    sb.append(' ').append(t.getMessage());
                }
            }
            t = t.getCause();
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
