package org.nnj.examples;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import org.nnj.api.NnException;
import picocli.CommandLine;

/** The entry point of {@code ./nn}: runs {@link NnCommand} and turns framework errors into one clear line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // The command line is an application, so it may choose how logs look: one plain line each
        // ("NNJ backend: ..."), not java.util.logging's two-line default. An explicit setting wins.
        if (System.getProperty(LOG_FORMAT) == null) {
            System.setProperty(LOG_FORMAT, "%4$s: %5$s%6$s%n");
        }
        System.exit(run(args));
    }

    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

    /** Runs the command line and returns its exit code (0 success, 1 failure, 2 usage error). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Like {@link #run(String...)}, writing to the given streams (tests, embedding). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(System.getenv(), out, err, args);
    }

    /** Like {@link #run(PrintWriter, PrintWriter, String...)}, with {@code environment} in place of the process's. */
    public static int run(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        NnCommand command = new NnCommand(environment);
        try {
            return run(command, out, err, args);
        } finally {
            command.plugins().close(); // the plugin jars, and the thread's context class loader restored
        }
    }

    private static int run(NnCommand command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(command).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof NnException) {
                // A framework error already says what is wrong and where: no stack trace needed.
                commandLine.getErr().println("nn: " + e.getMessage());
                return 1;
            }
            if (e instanceof NoSuchFileException || e instanceof AccessDeniedException) {
                // A file the user named: its name and the reason are all there is to say.
                FileSystemException f = (FileSystemException) e;
                commandLine.getErr().println("nn: " + f.getFile() + ": " + (f.getReason() != null ? f.getReason()
                        : e instanceof NoSuchFileException ? "no such file" : "permission denied"));
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
