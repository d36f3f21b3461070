package org.nnj.examples.vision;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The predictions of several models on a test set shifted by {@code 0..maxShift} pixels in each of the four
 * directions, with the accuracies derived from them, as a table, a CSV file, and the search for an image
 * whose prediction by one model changes with the shift while another's does not.
 */
final class ShiftResults {
    private final List<String> models;
    private final int[] labels;
    private final int maxShift;
    /** predictions[model][direction][shift][image]; shift 0 is the same array in every direction. */
    private final int[][][][] predictions;

    ShiftResults(List<String> models, int[] labels, int maxShift) {
        this.models = List.copyOf(models);
        this.labels = labels.clone();
        this.maxShift = maxShift;
        this.predictions = new int[models.size()][Shift.values().length][maxShift + 1][];
    }

    int maxShift() {
        return maxShift;
    }

    void put(int model, Shift direction, int shift, int[] classes) {
        predictions[model][direction.ordinal()][shift] = classes.clone();
    }

    /** The prediction of {@code model} for {@code image} shifted by {@code shift} in {@code direction}. */
    int prediction(int model, Shift direction, int shift, int image) {
        return predictions[model][direction.ordinal()][shift][image];
    }

    /** The accuracy of {@code model} at {@code shift} in {@code direction}. */
    double accuracy(int model, Shift direction, int shift) {
        int[] p = predictions[model][direction.ordinal()][shift];
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += p[i] == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    /** The accuracy of {@code model} at {@code shift}, the mean over the four directions. */
    double meanAccuracy(int model, int shift) {
        double sum = 0;
        for (Shift d : Shift.values()) {
            sum += accuracy(model, d, shift);
        }
        return sum / Shift.values().length;
    }

    /** The mean accuracies, one row per shift. */
    void printTable(PrintWriter out) {
        out.printf("test accuracy on %,d images shifted by 0 to %d pixels (mean over left, right, up, down):%n%n",
                labels.length, maxShift);
        StringBuilder header = new StringBuilder("  shift");
        for (String m : models) {
            header.append(String.format(Locale.ROOT, "%10s", m));
        }
        out.println(header);
        for (int s = 0; s <= maxShift; s++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %3d px", s));
            for (int m = 0; m < models.size(); m++) {
                row.append(String.format(Locale.ROOT, "%10.4f", meanAccuracy(m, s)));
            }
            out.println(row);
        }
        out.println();
        out.println("per direction:");
        StringBuilder detail = new StringBuilder("  shift");
        for (String m : models) {
            for (Shift d : Shift.values()) {
                detail.append(String.format(Locale.ROOT, "%12s", m + " " + d.label()));
            }
        }
        out.println(detail);
        for (int s = 0; s <= maxShift; s++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %3d px", s));
            for (int m = 0; m < models.size(); m++) {
                for (Shift d : Shift.values()) {
                    row.append(String.format(Locale.ROOT, "%12.4f", accuracy(m, d, s)));
                }
            }
            out.println(row);
        }
        out.println();
    }

    /** {@code shift,direction,<model>...} rows, written atomically. */
    void writeCsv(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("shift,direction," + String.join(",", models));
        for (int s = 0; s <= maxShift; s++) {
            for (Shift d : Shift.values()) {
                StringBuilder row = new StringBuilder(s + "," + d.label());
                for (int m = 0; m < models.size(); m++) {
                    row.append(String.format(Locale.ROOT, ",%.4f", accuracy(m, d, s)));
                }
                lines.add(row.toString());
            }
        }
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, lines);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A test image and the direction in which {@link #findExample} found what it looked for. */
    record Example(int image, Shift direction, int firstChange) {
    }

    /**
     * An image that model {@code stable} classifies right at every shift in some direction while model
     * {@code fragile} classifies it right unshifted and changes its mind at some shift; the one where it
     * changes soonest, the first such image on ties. Null when there is none.
     */
    Example findExample(int fragile, int stable) {
        Example best = null;
        for (Shift d : Shift.values()) {
            for (int i = 0; i < labels.length; i++) {
                if (prediction(fragile, d, 0, i) != labels[i]) {
                    continue;
                }
                boolean steady = true;
                for (int s = 0; s <= maxShift && steady; s++) {
                    steady = prediction(stable, d, s, i) == labels[i];
                }
                if (!steady) {
                    continue;
                }
                for (int s = 1; s <= maxShift; s++) {
                    if (prediction(fragile, d, s, i) != labels[i]) {
                        if (best == null || s < best.firstChange()) {
                            best = new Example(i, d, s);
                        }
                        break;
                    }
                }
            }
        }
        return best;
    }
}
