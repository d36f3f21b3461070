package org.nnj.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.ConfigException;
import org.nnj.api.DataFormatException;
import org.nnj.api.tensor.Shape;

/** Works on small files written here; the real data set is not needed (nor used) by the tests. */
class FashionMnistTest {
    private static final int ROWS = 3;
    private static final int COLS = 2;

    @TempDir
    Path dir;

    @Test
    void loadsScaledImagesWithOneChannelAndOneHotTargets() throws IOException {
        Path images = writeImages("images", 4, false);
        Path labels = writeLabels("labels", new byte[] {9, 0, 3, 7}, true);
        InMemoryDataset data = FashionMnist.load(images, labels);

        assertEquals(4, data.size());
        assertEquals(Shape.of(1, ROWS, COLS), data.featureShape());
        assertEquals(Shape.of(10), data.targetShape());
        assertEquals(10, data.classCount());
        assertEquals(7, data.label(3));

        float[] features = new float[ROWS * COLS];
        data.copyFeatures(2, features, 0);
        for (int p = 0; p < features.length; p++) {
            assertEquals(pixel(2, p) / 255f, features[p], 0f, "pixel " + p);
        }
        float[] target = new float[10];
        data.copyTarget(0, target, 0);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, target);
    }

    @Test
    void pixelScaleCoversZeroToOne() throws IOException {
        Path images = dir.resolve("extremes");
        IdxWriter.writeUnsignedBytes(images, new byte[] {0, (byte) 255, 51, (byte) 128}, new int[] {1, 2, 2}, false);
        InMemoryDataset data = FashionMnist.load(images, writeLabels("l", new byte[] {1}, false));
        float[] f = new float[4];
        data.copyFeatures(0, f, 0);
        assertArrayEquals(new float[] {0f, 1f, 0.2f, 128 / 255f}, f);
    }

    @Test
    void flattenGivesOneDimensionalFeatures() throws IOException {
        InMemoryDataset data = FashionMnist.load(writeImages("i", 2, true), writeLabels("l", new byte[] {1, 2}, false), true);
        assertEquals(Shape.of(ROWS * COLS), data.featureShape());
        InMemoryDataset again = FashionMnist.load(writeImages("i2", 2, true), writeLabels("l2", new byte[] {1, 2}, false))
                .withFeatureShape(Shape.of(ROWS * COLS));
        float[] a = new float[ROWS * COLS];
        float[] b = new float[ROWS * COLS];
        data.copyFeatures(1, a, 0);
        again.copyFeatures(1, b, 0);
        assertArrayEquals(a, b);
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path images = writeImages("images", 5, false);
        Path labels = writeLabels("labels", new byte[] {1, 2, 3}, false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> FashionMnist.load(images, labels));
        assertTrue(e.getMessage().contains(images + " holds 5 images but " + labels + " holds 3 labels"), e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesFileAndOffset() throws IOException {
        Path labels = writeLabels("labels", new byte[] {1, 10}, false);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> FashionMnist.load(writeImages("images", 2, false), labels));
        assertEquals(labels + ", offset 9: label 10 of example 1 is not a class 0 to 9", e.getMessage());
    }

    @Test
    void wrongRankOrTypeIsRejected() throws IOException {
        Path flat = dir.resolve("flat");
        IdxWriter.writeUnsignedBytes(flat, new byte[12], new int[] {2, 6}, false);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> FashionMnist.load(flat, writeLabels("l", new byte[] {0, 1}, false)));
        assertTrue(e.getMessage().startsWith(flat + ": expected images as 0x08 (unsigned byte) of rank 3"), e.getMessage());

        Path floatLabels = dir.resolve("floatLabels");
        IdxWriter.write(floatLabels, IdxArray.ofFloats(new float[] {0, 1}, 2), false);
        e = assertThrows(DataFormatException.class,
                () -> FashionMnist.load(writeImages("i", 2, false), floatLabels));
        assertTrue(e.getMessage().startsWith(floatLabels + ": expected labels as 0x08 (unsigned byte) of rank 1"),
                e.getMessage());
    }

    @Test
    void loadSplitFindsPlainAndCompressedFiles() throws IOException {
        writeImages("train-images-idx3-ubyte.gz", 3, true);
        writeLabels("train-labels-idx1-ubyte", new byte[] {4, 5, 6}, false);
        InMemoryDataset train = FashionMnist.loadSplit(dir, "train");
        assertEquals(3, train.size());
        assertEquals(6, train.label(2));
        assertEquals(Shape.of(ROWS * COLS), FashionMnist.loadSplit(dir, "train", true).featureShape());
    }

    @Test
    void loadSplitListsWhatIsMissing() throws IOException {
        writeImages("t10k-images-idx3-ubyte.gz", 3, true);
        Files.writeString(dir.resolve("README"), "hello");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> FashionMnist.loadSplit(dir, "t10k"));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("missing t10k-labels-idx1-ubyte(.gz)"), e.getMessage());
        assertTrue(e.getMessage().contains("[README, t10k-images-idx3-ubyte.gz]"), e.getMessage());

        e = assertThrows(NoSuchFileException.class, () -> FashionMnist.loadSplit(dir, "train"));
        assertTrue(e.getMessage().contains("missing train-images-idx3-ubyte(.gz) and train-labels-idx1-ubyte(.gz)"),
                e.getMessage());
        assertThrows(NoSuchFileException.class, () -> FashionMnist.loadSplit(dir.resolve("nowhere"), "train"));
        ConfigException c = assertThrows(ConfigException.class, () -> FashionMnist.loadSplit(dir, "test"));
        assertTrue(c.getMessage().contains("[train, t10k]"), c.getMessage());
    }

    @Test
    void classNames() {
        assertEquals(10, FashionMnist.CLASS_NAMES.size());
        assertEquals("T-shirt/top", FashionMnist.CLASS_NAMES.get(0));
        assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get(9));
    }

    /** A pixel value that depends on the image and the position, and crosses 127. */
    private static int pixel(int image, int p) {
        return (image * 37 + p * 23 + 100) % 256;
    }

    private Path writeImages(String name, int n, boolean gzip) throws IOException {
        byte[] pixels = new byte[n * ROWS * COLS];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < ROWS * COLS; p++) {
                pixels[i * ROWS * COLS + p] = (byte) pixel(i, p);
            }
        }
        Path file = dir.resolve(name);
        IdxWriter.writeUnsignedBytes(file, pixels, new int[] {n, ROWS, COLS}, gzip);
        return file;
    }

    private Path writeLabels(String name, byte[] labels, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        IdxWriter.writeUnsignedBytes(file, labels, new int[] {labels.length}, gzip);
        return file;
    }
}
