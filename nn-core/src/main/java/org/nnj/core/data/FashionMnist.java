package org.nnj.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nnj.api.ConfigException;
import org.nnj.api.DataFormatException;
import org.nnj.api.tensor.Shape;

/**
 * Loads Fashion-MNIST (and, with the same methods, the original MNIST digits): an IDX file of images
 * {@code [n, rows, cols]} in unsigned bytes and an IDX file of {@code n} labels from 0 to 9.
 *
 * <pre>{@code
 * InMemoryDataset train = FashionMnist.loadSplit(Path.of("data/fashion-mnist"), "train");
 * InMemoryDataset test = FashionMnist.loadSplit(Path.of("data/fashion-mnist"), "t10k", true); // [784]
 * }</pre>
 *
 * <p>Pixels are scaled to {@code [0, 1]} ({@code byte / 255f}). Each example's features have shape
 * {@code [1, rows, cols]} (one channel, NCHW, for convolutional models), or {@code [rows * cols]} when
 * {@code flatten} is true (for a model that starts with a dense layer); the caller can also change it
 * later with {@link InMemoryDataset#withFeatureShape}. Targets are one-hot over 10 classes. Images of
 * any size are accepted; nothing is downloaded.
 */
public final class FashionMnist {
    /** The names of the ten Fashion-MNIST classes, by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The number of classes. */
    public static final int CLASSES = 10;

    private static final List<String> SPLITS = List.of("train", "t10k");

    private FashionMnist() {
    }

    /** The images and labels of two IDX files, with feature shape {@code [1, rows, cols]}. */
    public static InMemoryDataset load(Path images, Path labels) throws IOException {
        return load(images, labels, false);
    }

    /**
     * The images and labels of two IDX files (each plain or gzip-compressed), with feature shape
     * {@code [rows * cols]} when {@code flatten}, else {@code [1, rows, cols]}.
     *
     * @throws DataFormatException if a file is not valid IDX, the images are not unsigned bytes of rank 3,
     *                             the labels not unsigned bytes of rank 1 with values 0 to 9, or the two
     *                             files hold different numbers of examples
     */
    public static InMemoryDataset load(Path images, Path labels, boolean flatten) throws IOException {
        return fromIdx(IdxReader.read(images), images.toString(), IdxReader.read(labels), labels.toString(), flatten);
    }

    /**
     * The first {@code limit} examples of two IDX files (all of them when there are fewer), as
     * {@link #load(Path, Path, boolean)}; only those are read and held ({@link IdxReader#readFirst}), so
     * 2,000 examples of a 60,000-example file take the memory of 2,000. The headers must still agree on
     * the number of examples; the labels after the first {@code limit} are not checked.
     *
     * @param limit at least 1
     * @throws IllegalArgumentException if {@code limit} is below 1
     * @throws DataFormatException      as {@link #load(Path, Path, boolean)}
     */
    public static InMemoryDataset load(Path images, Path labels, boolean flatten, int limit) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        int n = IdxReader.dimensions(images)[0];
        int m = IdxReader.dimensions(labels)[0];
        if (n != m) {
            throw disagree(images.toString(), n, labels.toString(), m);
        }
        return fromIdx(IdxReader.readFirst(images, limit), images.toString(), IdxReader.readFirst(labels, limit),
                labels.toString(), flatten);
    }

    private static DataFormatException disagree(String images, int n, String labels, int m) {
        return new DataFormatException("the image and label files disagree: " + images + " holds " + n
                + " images but " + labels + " holds " + m + " labels");
    }

    /**
     * The data set held by two IDX arrays already read (for example from class-path resources with
     * {@link IdxReader#read(java.io.InputStream, String)}); the source names appear in error messages.
     *
     * @throws DataFormatException as {@link #load(Path, Path, boolean)}
     */
    public static InMemoryDataset fromIdx(IdxArray imageArray, String images, IdxArray labelArray, String labels,
                                          boolean flatten) {
        if (imageArray.type() != IdxType.UNSIGNED_BYTE || imageArray.rank() != 3) {
            throw new DataFormatException(images + ": expected images as " + IdxType.UNSIGNED_BYTE
                    + " of rank 3 [n, rows, cols], got " + imageArray);
        }
        if (labelArray.type() != IdxType.UNSIGNED_BYTE || labelArray.rank() != 1) {
            throw new DataFormatException(labels + ": expected labels as " + IdxType.UNSIGNED_BYTE
                    + " of rank 1 [n], got " + labelArray);
        }
        int n = imageArray.dim(0);
        if (labelArray.dim(0) != n) {
            throw disagree(images, n, labels, labelArray.dim(0));
        }
        int[] classes = labelArray.toIntArray();
        for (int i = 0; i < n; i++) {
            if (classes[i] >= CLASSES) {
                // A rank-1 IDX header is 8 bytes, so label i is at offset 8 + i.
                throw new DataFormatException(labels + ", offset " + (8 + i) + ": label " + classes[i]
                        + " of example " + i + " is not a class 0 to " + (CLASSES - 1));
            }
        }
        int rows = imageArray.dim(1);
        int cols = imageArray.dim(2);
        float[] pixels = new float[imageArray.size()];
        var bytes = imageArray.data();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (bytes.get(i) & 0xFF) / 255f;
        }
        Shape shape = flatten ? Shape.of(rows * cols) : Shape.of(1, rows, cols);
        return InMemoryDataset.wrapClassification(pixels, shape, classes, CLASSES);
    }

    /** {@link #loadSplit(Path, String, boolean)} with feature shape {@code [1, rows, cols]}. */
    public static InMemoryDataset loadSplit(Path dir, String split) throws IOException {
        return loadSplit(dir, split, false);
    }

    /**
     * The {@code "train"} or {@code "t10k"} split from {@code dir}, which holds the files under their
     * usual names: {@code <split>-images-idx3-ubyte} and {@code <split>-labels-idx1-ubyte}, each with or
     * without {@code .gz} (the uncompressed one is taken when both are there).
     *
     * @throws ConfigException     for another split name
     * @throws NoSuchFileException if the directory or a file is missing; the message lists what is missing
     *                             and what the directory holds
     */
    public static InMemoryDataset loadSplit(Path dir, String split, boolean flatten) throws IOException {
        Path[] files = splitFiles(dir, split);
        return load(files[0], files[1], flatten);
    }

    /**
     * The first {@code limit} examples of a split, as {@link #loadSplit(Path, String, boolean)} finds it and
     * {@link #load(Path, Path, boolean, int)} reads them.
     *
     * @param limit at least 1
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    public static InMemoryDataset loadSplit(Path dir, String split, boolean flatten, int limit) throws IOException {
        Path[] files = splitFiles(dir, split);
        return load(files[0], files[1], flatten, limit);
    }

    /** The images and labels files of {@code split} in {@code dir}. */
    private static Path[] splitFiles(Path dir, String split) throws IOException {
        if (!SPLITS.contains(split)) {
            throw new ConfigException("Fashion-MNIST has the splits " + SPLITS + ", not '" + split + "'");
        }
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such directory for the Fashion-MNIST files");
        }
        String imageName = split + "-images-idx3-ubyte";
        String labelName = split + "-labels-idx1-ubyte";
        Path images = find(dir, imageName);
        Path labels = find(dir, labelName);
        if (images == null || labels == null) {
            List<String> missing = new ArrayList<>();
            if (images == null) {
                missing.add(imageName + "(.gz)");
            }
            if (labels == null) {
                missing.add(labelName + "(.gz)");
            }
            throw new NoSuchFileException(dir.toString(), null, "the Fashion-MNIST '" + split
                    + "' split is incomplete: missing " + String.join(" and ", missing)
                    + "; the directory holds " + listing(dir));
        }
        return new Path[] {images, labels};
    }

    private static Path find(Path dir, String name) {
        for (String candidate : List.of(name, name + ".gz")) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static String listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().limit(21).toList();
            if (names.isEmpty()) {
                return "no files";
            }
            return names.size() > 20 ? names.subList(0, 20) + " and more" : names.toString();
        }
    }
}
