package org.nnj.examples;

import org.nnj.api.NnException;
import picocli.CommandLine;

/** The entry point of {@code ./nn}: runs {@link NnCommand} and turns framework errors into one clear line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (0 success, 1 failure, 2 usage error). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new NnCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof NnException) {
                // A framework error already says what is wrong and where: no stack trace needed.
                commandLine.getErr().println("nn: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
