package org.nnj.examples.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A directory of runs, one JSON Lines metrics file per run ({@code NAME.jsonl}, written by
 * {@link org.nnj.core.train.JsonLinesLogger}). The dashboard reaches a file only through {@link #find}, which
 * answers only for a name that is one of the directory's listed runs: a name is never joined to the directory as
 * a path, so no request ({@code ../../etc/passwd}, encoded or not, a symbolic link, an absolute path) can read a
 * file outside it.
 */
public final class RunsDirectory {
    /** The file name ending of a run's metrics file. */
    public static final String SUFFIX = ".jsonl";
    /** What a run name may be: letters, digits, dot, dash and underscore, not starting with a dot. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");

    private final Path dir;

    public RunsDirectory(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    }

    /** The directory. */
    public Path path() {
        return dir;
    }

    /** True when {@code name} may name a run (see the class comment); the CLI checks {@code --run-name} with it. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The runs in the directory, by name; empty when the directory does not exist (yet). */
    public List<String> list() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                String name = fileName.substring(0, fileName.length() - SUFFIX.length());
                // Regular files only, not through a link: a link in the directory could point anywhere.
                if (validName(name) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the runs directory " + dir + ": " + e.getMessage(), e);
        }
        Collections.sort(names);
        return names;
    }

    /** The metrics file of the listed run {@code name}, or empty when there is no such run. */
    public Optional<Path> find(String name) {
        if (!validName(name) || !list().contains(name)) {
            return Optional.empty();
        }
        return Optional.of(dir.resolve(name + SUFFIX));
    }

    /** Where the run {@code name} writes its metrics; {@code name} must be {@link #validName valid}. */
    public Path fileFor(String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException("not a run name: " + name);
        }
        return dir.resolve(name + SUFFIX);
    }
}
