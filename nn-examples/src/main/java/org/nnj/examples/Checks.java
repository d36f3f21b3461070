package org.nnj.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The checks every command runs on its options before it starts any work, so that a typo costs a second
 * and not a training run, and bad input never touches a file. A failed check is a usage error: one line
 * {@code nn: --option: what is wrong}, then where to look, exit code 2 ({@link Main}).
 *
 * <p>Use: {@code Checks.of(spec).positive("--epochs", epochs).fraction("--validation", v).outputFile("--save",
 * save)}; each method returns this for the next check and does nothing for a null (not given) value.
 */
@SuppressWarnings("exports") // the program's own commands use it; picocli is not part of any API
public final class Checks {
    /** The largest {@code --threads}, as a multiple of the cores: more only slows a kernel down. */
    public static final int THREADS_PER_CORE = 4;

    private final CommandSpec spec;

    private Checks(CommandSpec spec) {
        this.spec = spec;
    }

    /** The checks of the command {@code spec} describes (its name goes into the hint of a failure). */
    public static Checks of(CommandSpec spec) {
        return new Checks(spec);
    }

    /** A usage error of this command: {@code option: why}. */
    public ParameterException fail(String option, String why) {
        return new OptionException(spec, option + ": " + why);
    }

    /** A failed check: its message starts with the option, which {@link Main} puts after the command's name. */
    static final class OptionException extends ParameterException {
        private static final long serialVersionUID = 1L;

        OptionException(CommandSpec spec, String message) {
            super(spec.commandLine(), message);
        }
    }

    /** {@code value} is at least 1. */
    public Checks positive(String option, Integer value) {
        return atLeast(option, value, 1);
    }

    /** {@code value} is at least {@code min}. */
    public Checks atLeast(String option, Integer value, int min) {
        if (value != null && value < min) {
            throw fail(option, "must be at least " + min + ", got " + value);
        }
        return this;
    }

    /** {@code value} is between {@code min} and {@code max}, both included. */
    public Checks between(String option, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw fail(option, "must be between " + min + " and " + max + ", got " + value);
        }
        return this;
    }

    /** Every one of {@code values} is at least 1. */
    public Checks allPositive(String option, int[] values) {
        for (int v : values) {
            positive(option, v);
        }
        return this;
    }

    /** {@code value} is a finite number above 0 (a learning rate, a norm). */
    public Checks positive(String option, Double value) {
        if (value != null && !(Double.isFinite(value) && value > 0)) {
            throw fail(option, "must be a number above 0, got " + value);
        }
        return this;
    }

    /** {@code value} is a finite number, 0 or above (a weight decay). */
    public Checks nonNegative(String option, Double value) {
        if (value != null && !(Double.isFinite(value) && value >= 0)) {
            throw fail(option, "must be a number, 0 or above, got " + value);
        }
        return this;
    }

    /** {@code value} is a share: at least 0 and below 1 (NaN is not). */
    public Checks fraction(String option, Double value) {
        if (value != null && !(value >= 0 && value < 1)) {
            throw fail(option, "must be at least 0 and below 1, got " + value);
        }
        return this;
    }

    /** {@code threads} is between 1 and {@value #THREADS_PER_CORE} times the cores. */
    public Checks threads(String option, Integer threads) {
        return between(option, threads, 1, THREADS_PER_CORE * Runtime.getRuntime().availableProcessors());
    }

    /** {@code file} exists, is a file (not a directory) and can be read. */
    public Checks inputFile(String option, Path file) {
        if (file == null) {
            return this;
        }
        if (Files.isDirectory(file)) {
            throw fail(option, file + " is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw fail(option, file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw fail(option, file + ": permission denied");
        }
        return this;
    }

    /** {@code directory} exists and is a directory. */
    public Checks inputDirectory(String option, Path directory) {
        if (directory == null) {
            return this;
        }
        if (!Files.exists(directory)) {
            throw fail(option, directory + ": no such directory");
        }
        if (!Files.isDirectory(directory)) {
            throw fail(option, directory + " is a file, not a directory");
        }
        return this;
    }

    /**
     * {@code file} can be written: it is not a directory, its directory exists, and it (when it exists) or
     * its directory is writable.
     */
    public Checks outputFile(String option, Path file) {
        if (file == null) {
            return this;
        }
        if (Files.isDirectory(file)) {
            throw fail(option, file + " is a directory; give a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw fail(option, "the directory of " + file + " does not exist; create it first");
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(parent)) {
            throw fail(option, (Files.exists(file) ? file : parent) + ": permission denied");
        }
        return this;
    }

    /**
     * {@code directory} can hold the command's files: an existing writable directory, or a path whose
     * nearest existing ancestor is a writable directory (the command creates the rest).
     */
    public Checks outputDirectory(String option, Path directory) {
        if (directory == null) {
            return this;
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw fail(option, directory + " is a file; give a directory");
        }
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw fail(option, directory + " cannot be created: " + existing + " is a file");
        }
        if (!Files.isWritable(existing)) {
            throw fail(option, existing + ": permission denied");
        }
        return this;
    }

    /** {@code option} and {@code other} name the same file, which would overwrite one with the other. */
    public Checks distinct(String option, Path file, String other, Path otherFile) {
        if (file != null && otherFile != null && file.toAbsolutePath().normalize()
                .equals(otherFile.toAbsolutePath().normalize())) {
            throw fail(option, "is the same file as " + other + " (" + file + ")");
        }
        return this;
    }
}
