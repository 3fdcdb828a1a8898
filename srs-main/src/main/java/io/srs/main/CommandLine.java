package io.srs.main;

import java.util.Map;

/**
 * SRS's command line: {@code -c FILE}, {@code -t}, {@code -v/-V}, {@code -g/-G}, {@code -e},
 * {@code -h/-?}. {@code SRS_CONFIG_FILE} in the environment overrides {@code -c}, as in SRS.
 *
 * @param action     what to do
 * @param configFile the config path, null in env-only mode
 * @param envOnly    {@code -e}: configuration from SRS_* variables only
 */
public record CommandLine(Action action, String configFile, boolean envOnly) {

    /** PRINT_WORK_DIR is the launcher's pre-pass: it changes to work_dir before the JVM starts. */
    public enum Action { RUN, TEST_CONFIG, VERSION, SIGNATURE, HELP, PRINT_WORK_DIR }

    /** Thrown for arguments we cannot make sense of; the message is printed with the help text. */
    public static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    public static CommandLine parse(String[] args, Map<String, String> env) {
        if (args.length == 0) {
            return new CommandLine(Action.HELP, null, false);
        }
        Action action = Action.RUN;
        String file = null;
        boolean envOnly = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "-?", "--help" -> action = Action.HELP;
                case "-v", "-V", "--version" -> action = action == Action.HELP ? action : Action.VERSION;
                case "-g", "-G" -> action = action == Action.HELP ? action : Action.SIGNATURE;
                case "-t" -> action = action == Action.RUN ? Action.TEST_CONFIG : action;
                case "-e" -> envOnly = true;
                case "--print-work-dir" -> action = action == Action.RUN ? Action.PRINT_WORK_DIR : action;
                case "-c" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("option -c requires a config file");
                    }
                    file = args[++i];
                }
                default -> throw new UsageException("unknown option: " + a);
            }
        }
        String fromEnv = env.get("SRS_CONFIG_FILE");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            file = fromEnv;
        }
        if (env.containsKey("SRS_ENV_ONLY") && !"off".equals(env.get("SRS_ENV_ONLY"))) {
            envOnly = true;
        }
        if ((action == Action.RUN || action == Action.TEST_CONFIG || action == Action.PRINT_WORK_DIR)
                && file == null && !envOnly) {
            throw new UsageException("no config file: use -c FILE, or -e for environment variables only");
        }
        return new CommandLine(action, envOnly ? null : file, envOnly);
    }

    public static String help(String program) {
        return """
                Usage: %1$s [-h?vVgGe] [-t] [-c FILE]

                Options:
                   -?, -h, --help      : Show this help and exit.
                   -v, -V, --version   : Show the version and exit.
                   -g, -G              : Show the server signature and exit.
                   -t                  : Test the configuration file and exit.
                   -c FILE             : Use this configuration file.
                   -e                  : Use environment variables only, no configuration file.
                   --print-work-dir    : Print the config's work_dir and exit (the ./srs launcher
                                         changes to it before the server starts).
                Environment:
                   SRS_CONFIG_FILE     : Overrides -c.
                   SRS_WORK_DIR        : Overrides work_dir.
                   SRS_*               : Override directives, e.g. SRS_LISTEN=1936, SRS_DAEMON=off.
                For example:
                   %1$s -v
                   %1$s -t -c conf/srs.conf
                   %1$s -c conf/srs.conf
                """.formatted(program);
    }
}
