package io.srs.testing;

import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

import java.util.Map;

/**
 * The rule for tests that cannot run here: outside CI they are skipped (aborted), under CI
 * ({@code CI=true}, as GitHub Actions, GitLab and {@code .ci/run} set it) they fail, because a
 * skipped test in CI is a green run that proved nothing.
 *
 * <p>Thread-safe: stateless.
 */
public final class CiRule {
    private CiRule() {
    }

    /** True when the environment says this is a CI run. */
    public static boolean isCi(Map<String, String> env) {
        String v = env.get("CI");
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1"));
    }

    /** Never returns: fails under CI, otherwise aborts the calling test. */
    static void missing(ExternalTool tool, Map<String, String> env) {
        cannotRun(tool.missingMessage(), env);
    }

    /** Never returns: fails under CI, otherwise aborts the calling test with {@code reason}. */
    public static void cannotRun(String reason, Map<String, String> env) {
        if (isCi(env)) {
            throw new AssertionFailedError("CI=true and " + reason);
        }
        Assumptions.abort(reason);
    }
}
