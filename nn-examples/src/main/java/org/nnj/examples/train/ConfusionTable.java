package org.nnj.examples.train;

import java.util.List;
import java.util.Locale;
import org.nnj.core.train.ConfusionMatrix;

/**
 * A confusion matrix as text for the terminal: one row per true class (numbered, with its name), one
 * column per predicted class (by number, to stay narrow), and each class's recall at the end of its row.
 */
public final class ConfusionTable {
    private ConfusionTable() {
    }

    /** The table, lines ending in a newline; {@code names} by class index. */
    public static String of(ConfusionMatrix matrix, List<String> names) {
        int n = matrix.classes();
        long[][] counts = matrix.counts();
        int nameWidth = "true \\ predicted".length();
        for (int c = 0; c < n; c++) {
            nameWidth = Math.max(nameWidth, label(c, names).length());
        }
        int cell = Math.max(Long.toString(maxCount(counts)).length(), Integer.toString(n - 1).length()) + 1;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", "true \\ predicted"));
        for (int c = 0; c < n; c++) {
            out.append(String.format(Locale.ROOT, "%" + cell + "d", c));
        }
        out.append("  recall\n");
        for (int t = 0; t < n; t++) {
            out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", label(t, names)));
            for (int p = 0; p < n; p++) {
                out.append(String.format(Locale.ROOT, "%" + cell + "d", counts[t][p]));
            }
            double recall = matrix.recall(t);
            out.append(Double.isNaN(recall) ? "       -" : String.format(Locale.ROOT, "  %6.3f", recall)).append('\n');
        }
        return out.toString();
    }

    /** {@code "3 Dress"}, or the number alone without a name. */
    static String label(int c, List<String> names) {
        return c < names.size() ? c + " " + names.get(c) : Integer.toString(c);
    }

    private static long maxCount(long[][] counts) {
        long max = 0;
        for (long[] row : counts) {
            for (long v : row) {
                max = Math.max(max, v);
            }
        }
        return max;
    }
}
