package io.srs.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.Map;

/**
 * A safety net for tests that skip through a bare JUnit assumption instead of
 * {@link ExternalTool#require()}: under {@code CI=true} an aborted test or lifecycle method is
 * turned into a failure naming the reason. Registered for every module by JUnit's extension
 * auto-detection (META-INF/services; switched on in the parent pom's surefire configuration).
 *
 * <p>Thread-safe: stateless.
 */
public final class NoSkipUnderCi implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    private final Map<String, String> env;

    public NoSkipUnderCi() {
        this(System.getenv());
    }

    NoSkipUnderCi(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        throw convert(t);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        throw convert(t);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        throw convert(t);
    }

    Throwable convert(Throwable t) {
        if (t instanceof TestAbortedException && CiRule.isCi(env)) {
            AssertionFailedError f = new AssertionFailedError("CI=true and the test was skipped: " + t.getMessage());
            f.addSuppressed(t);
            return f;
        }
        return t;
    }
}
