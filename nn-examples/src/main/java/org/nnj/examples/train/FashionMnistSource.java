package org.nnj.examples.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.nnj.api.DataFormatException;
import org.nnj.core.data.FashionMnist;
import org.nnj.core.data.IdxArray;
import org.nnj.core.data.IdxReader;
import org.nnj.core.data.InMemoryDataset;

/**
 * Where the training command gets Fashion-MNIST: a directory of IDX files given by the user, or the
 * subset shipped inside this jar (10,000 training and 2,000 test images, MIT licence).
 */
public final class FashionMnistSource {
    private static final String SUBSET = "/org/nnj/examples/data/";

    private final Path directory;
    /** How many examples of each split to read, or null for all. */
    private final Integer limit;

    /** The files in {@code directory}, or the shipped subset when it is null. */
    public FashionMnistSource(Path directory) {
        this(directory, null);
    }

    /**
     * The first {@code limit} examples of each split of the files in {@code directory}, or of the shipped
     * subset when it is null; all of them when {@code limit} is null or below 1 (the caller rejects such a
     * limit). Only those examples are read, so a small limit trains in a small heap.
     */
    public FashionMnistSource(Path directory, Integer limit) {
        this.directory = directory;
        this.limit = limit == null || limit < 1 ? null : limit;
    }

    /** A description for logs and reports. */
    public String describe() {
        return directory == null ? "Fashion-MNIST subset shipped with NNJ" : "Fashion-MNIST from " + directory;
    }

    /** The {@code "train"} or {@code "t10k"} split, with flat {@code [784]} features when {@code flatten}. */
    public InMemoryDataset load(String split, boolean flatten) throws IOException {
        if (directory != null) {
            return limit == null ? FashionMnist.loadSplit(directory, split, flatten)
                    : FashionMnist.loadSplit(directory, split, flatten, limit);
        }
        String images = split + "-images-idx3-ubyte.gz";
        String labels = split + "-labels-idx1-ubyte.gz";
        return FashionMnist.fromIdx(resource(images), SUBSET + images, resource(labels), SUBSET + labels, flatten);
    }

    private IdxArray resource(String name) throws IOException {
        try (InputStream in = FashionMnistSource.class.getResourceAsStream(SUBSET + name)) {
            if (in == null) {
                throw new DataFormatException("the Fashion-MNIST subset is missing from the class path (" + SUBSET
                        + name + "); rebuild nn-examples or pass --data DIR");
            }
            String source = "classpath:" + SUBSET + name;
            return limit == null ? IdxReader.read(in, source) : IdxReader.readFirst(in, source, limit);
        }
    }
}
