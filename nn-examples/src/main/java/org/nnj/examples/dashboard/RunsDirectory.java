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
 * file outside it. A run of a CNN also has two pictures, {@code NAME.filters.png} and {@code NAME.maps.png}
 * ({@link #findImage}), reached the same way: by a listed name and one of two fixed kinds.
 */
public final class RunsDirectory {
    /** The file name ending of a run's metrics file. */
    public static final String SUFFIX = ".jsonl";
    /** What a run name may be: letters, digits, dot, dash and underscore, not starting with a dot. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");

    /** A run's picture of its first convolution's filters, after the last epoch ({@link #imageFor}). */
    public static final String FILTERS = "filters";
    /** A run's picture of its first convolution's activation maps for one fixed image, after the last epoch. */
    public static final String MAPS = "maps";
    private static final List<String> IMAGES = List.of(FILTERS, MAPS);

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

    /**
     * The listed run {@code name}'s picture {@code kind} ({@link #FILTERS} or {@link #MAPS}), or empty when there is
     * no such run, kind or regular file (a link is not followed).
     */
    public Optional<Path> findImage(String name, String kind) {
        if (!IMAGES.contains(kind) || find(name).isEmpty()) {
            return Optional.empty();
        }
        Path file = imageFor(name, kind);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Optional.of(file) : Optional.empty();
    }

    /** Where the run {@code name} keeps its picture {@code kind}: {@code NAME.KIND.png}. */
    public Path imageFor(String name, String kind) {
        if (!IMAGES.contains(kind)) {
            throw new IllegalArgumentException("not a kind of run picture: " + kind);
        }
        return fileFor(name).resolveSibling(name + "." + kind + ".png");
    }

    /** Where the run {@code name} writes its metrics; {@code name} must be {@link #validName valid}. */
    public Path fileFor(String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException("not a run name: " + name);
        }
        return dir.resolve(name + SUFFIX);
    }
}
