package io.srs.core;

/** The version we report, matching the SRS generation whose behaviour we follow. */
public final class Version {
    public static final int MAJOR = 7;
    public static final int MINOR = 0;
    public static final int REVISION = 0;
    public static final String VERSION = MAJOR + "." + MINOR + "." + REVISION;
    public static final String CODE = "Kai";
    /** Like SRS's RTMP_SIG_SRS_KEY. */
    public static final String KEY = "SRS";
    /** Server signature, e.g. {@code SRS/7.0.0(Kai)}, printed by {@code -g} and sent as User-Agent. */
    public static final String SIGNATURE = KEY + "/" + VERSION + "(" + CODE + ")";
    public static final String URL = "https://github.com/ossrs/srs";
    public static final String LICENSE = "MIT";
    public static final String AUTHORS = "The SRS Authors; Java port by the srs-java authors";

    private Version() {
    }
}
