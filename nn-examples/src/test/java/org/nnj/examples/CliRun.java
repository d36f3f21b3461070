package org.nnj.examples;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/**
 * One in-process run of the {@code ./nn} command line, as the launcher runs it ({@link Main#run}): its exit code
 * and what it printed on standard output and standard error. The command tests' way to run a command.
 */
public record CliRun(int exitCode, String out, String err) {

    /** Runs {@code ./nn args} in this process's environment. */
    public static CliRun run(String... args) {
        return run(System.getenv(), args);
    }

    /** Runs {@code ./nn args} with {@code environment} in place of the process's ({@code NNJ_PLUGIN_PATH}). */
    public static CliRun run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
