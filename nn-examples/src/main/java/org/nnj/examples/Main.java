package org.nnj.examples;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nnj.api.NnException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The entry point of {@code ./nn}: runs {@link NnCommand} and turns every error into one line
 * {@code nn: <what>: <why>} on standard error, with exit code 1 (a failure) or 2 (a usage error: the line
 * ends with the command's {@code --help} to read); {@code --debug} adds the stack trace.
 */
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
        boolean debug = java.util.Arrays.asList(args).contains(DEBUG);
        CommandLine cli = NnCommand.commandLine(command, args).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("nn: " + oneLine(describe(e))
                    + (debug || isFrameworkError(e) ? "" : " (run with " + DEBUG + " for the stack trace)"));
            if (debug) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        cli.setParameterExceptionHandler((e, arguments) -> {
            // The message and where to read more: the whole usage would bury the one line that matters.
            CommandLine at = e.getCommandLine();
            StringBuilder line = new StringBuilder("nn: ").append(oneLine(usageMessage(e)));
            if (e instanceof UnmatchedArgumentException) {
                List<String> suggestions = ((UnmatchedArgumentException) e).getSuggestions();
                if (!suggestions.isEmpty()) {
                    line.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
                }
            }
            line.append(" (see ./").append(at.getCommandSpec().qualifiedName()).append(" --help)");
            at.getErr().println(line);
            if (debug) {
                e.printStackTrace(at.getErr());
            }
            return at.getCommandSpec().exitCodeOnInvalidInput();
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // Picocli hands errors on; the heap is full, but one line still fits.
            err.println("nn: out of memory (" + e.getMessage() + "): ask for less (--points, --batch, --limit, ...)"
                    + " or give the JVM more, e.g. NN_JAVA_OPTS=-Xmx4g ./nn ...");
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** The option that makes any error print its stack trace after its one line. */
    static final String DEBUG = "--debug";

    private static String usageMessage(ParameterException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // Picocli's own messages name no command; the checks' ones start with the option: "train --batch: ...".
        String command = e.getCommandLine().getCommandSpec().qualifiedName(" ");
        String name = command.startsWith("nn ") ? command.substring(3) : "";
        return name.isEmpty() ? message : e instanceof Checks.OptionException ? name + " " + message
                : name + ": " + message;
    }

    /** A framework or file error says what and where; anything else is a bug, and the trace helps. */
    private static boolean isFrameworkError(Exception e) {
        return e instanceof NnException || e instanceof java.io.IOException || e instanceof UncheckedIOException;
    }

    /**
     * What went wrong, in words: a framework error's message as it is; a file error as the file and the
     * reason ({@code "out: is a directory"}); anything else with its type, since it is a bug.
     */
    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            return describe(e.getCause());
        }
        if (e instanceof NnException) {
            return e.getMessage();
        }
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            String reason = f.getReason() != null ? f.getReason()
                    : e instanceof NoSuchFileException ? "no such file"
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileAlreadyExistsException ? "already exists"
                    : e instanceof DirectoryNotEmptyException ? "directory not empty"
                    : e.getClass().getSimpleName();
            String file = f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "");
            return file + ": " + reason.toLowerCase(Locale.ROOT);
        }
        if (e instanceof java.io.IOException) {
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            Throwable cause = e.getCause();
            return cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())
                    ? message + ": " + cause.getMessage() : message;
        }
        return "internal error: " + e + (e.getCause() != null ? ", caused by " + e.getCause() : "");
    }

    /** {@code text} on one line: the rule is one line per error, whatever the message holds. */
    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
