package io.srs.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CiRuleTest {
    private static final Map<String, String> CI = Map.of("CI", "true");
    private static final Map<String, String> LAPTOP = Map.of();

    @Test
    void recognisesTheUsualCiMarkers() {
        assertTrue(CiRule.isCi(Map.of("CI", "true")));
        assertTrue(CiRule.isCi(Map.of("CI", "TRUE")));
        assertTrue(CiRule.isCi(Map.of("CI", "1")));
        assertFalse(CiRule.isCi(Map.of("CI", "false")));
        assertFalse(CiRule.isCi(Map.of("CI", "")));
        assertFalse(CiRule.isCi(LAPTOP));
    }

    @Test
    void aMissingToolFailsUnderCiNamingThePackagesToInstall() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> CiRule.missing(ExternalTool.NGINX_RTMP, CI));
        assertTrue(e.getMessage().contains("apt-get install nginx libnginx-mod-rtmp"), e.getMessage());
        AssertionFailedError g = assertThrows(AssertionFailedError.class,
                () -> CiRule.missing(ExternalTool.FFPROBE, CI));
        assertTrue(g.getMessage().contains("ffprobe is not installed (apt-get install ffmpeg)"), g.getMessage());
    }

    @Test
    void aMissingToolSkipsOutsideCi() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> CiRule.missing(ExternalTool.CHROMIUM, LAPTOP));
        assertTrue(e.getMessage().contains("apt-get install chromium"), e.getMessage());
    }

    @Test
    void theSafetyNetTurnsABareAssumptionIntoAFailureUnderCiOnly() {
        TestAbortedException skipped = new TestAbortedException("Assumption failed: rtmpdump is not installed");
        Throwable underCi = new NoSkipUnderCi(CI).convert(skipped);
        assertInstanceOf(AssertionFailedError.class, underCi);
        assertTrue(underCi.getMessage().contains("rtmpdump is not installed"), underCi.getMessage());
        assertSame(skipped, new NoSkipUnderCi(LAPTOP).convert(skipped));
        IllegalStateException other = new IllegalStateException("x");
        assertSame(other, new NoSkipUnderCi(CI).convert(other));
    }

    @Test
    void ciScriptInstallsEveryPackageTheTestsNeedAndRunsAsCi() throws IOException {
        String script = Files.readString(Path.of("..", ".ci", "run"));
        for (ExternalTool t : ExternalTool.values()) {
            for (String pkg : t.packages()) {
                assertTrue(script.matches("(?s).*[\\s(]" + pkg.replace(".", "\\.") + "[\\s)].*"),
                        ".ci/run does not install " + pkg + " for " + t);
            }
        }
        assertTrue(script.contains("export CI="), ".ci/run must run the suite with CI=true");
    }
}
