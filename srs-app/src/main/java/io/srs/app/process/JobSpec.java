package io.srs.app.process;

import java.nio.file.Path;
import java.util.List;

/**
 * What one external job is: a command line and where its output goes. Two specs with the same
 * {@link #key} and equal {@link #argv} are the same job, so a reload that leaves the command line
 * alone keeps the process. Immutable.
 *
 * @param key     unique name of the job in the supervisor (kind plus stream, engine or id)
 * @param kind    {@code encoder}, {@code ingest} or {@code exec}
 * @param vhost   the vhost the job belongs to
 * @param stream  {@code app/stream} of the input (encoder, exec) or output (ingest)
 * @param name    the engine name, the ingest id, or the exec command's index
 * @param argv    program and arguments; date variables ({@code [2006]} ... {@code [timestamp]})
 *                are replaced at each start, as SRS replaces them when it builds the command
 * @param log     per-job log file, or null to discard the output ({@code ff_log_dir /dev/null})
 */
public record JobSpec(String key, String kind, String vhost, String stream, String name, List<String> argv,
                      Path log) {
    public JobSpec {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command line");
        }
    }

    /** The command line as one string, for logs and the API. */
    public String commandLine() {
        return String.join(" ", argv);
    }
}
