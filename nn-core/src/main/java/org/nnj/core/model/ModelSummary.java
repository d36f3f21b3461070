package org.nnj.core.model;

import java.util.ArrayList;
import java.util.List;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.Parameter;

/**
 * Renders {@link Sequential#summary()}: one row per layer (index, what it is as {@link Layer#describe()} says,
 * output shape, parameters) and the total, in columns wide enough for their contents.
 */
final class ModelSummary {
    private static final String[] HEADER = {"#", "Layer", "Output shape", "Parameters"};

    private ModelSummary() {
    }

    static String of(Sequential model) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        rows.add(new String[] {"", "input", model.inputShape().toString(), ""});
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            long count = 0;
            for (Parameter p : layer.parameters()) {
                count += p.size();
            }
            rows.add(new String[] {Integer.toString(i), layer.describe(), layer.outputShape().toString(),
                    Long.toString(count)});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        int ruleLength = 0;
        for (int w : widths) {
            ruleLength += w + 2;
        }
        String rule = "-".repeat(ruleLength - 2) + "\n";
        for (int r = 0; r < rows.size(); r++) {
            appendRow(out, rows.get(r), widths);
            if (r == 0) {
                out.append(rule);
            }
        }
        out.append(rule);
        out.append("Total parameters: ").append(model.parameterCount()).append('\n');
        return out.toString();
    }

    /** Text columns are left-aligned, the parameter count (last column) right-aligned. */
    private static void appendRow(StringBuilder out, String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            boolean last = c == row.length - 1;
            String pad = " ".repeat(widths[c] - row[c].length());
            line.append(last ? pad + row[c] : row[c] + pad);
            if (!last) {
                line.append("  ");
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
