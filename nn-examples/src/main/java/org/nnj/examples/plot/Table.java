package org.nnj.examples.plot;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A small table of strings: printed with aligned columns, written as CSV (RFC 4180 quoting). */
public final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = List.of(header);
    }

    /** Adds a row; numbers should already be formatted as they are to appear. */
    public Table add(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells for " + header.size()
                    + " columns " + header);
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    /** Prints the table with columns padded to their widest cell; numbers are right-aligned. */
    public void print(PrintWriter out) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        printRow(out, header, widths);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        out.println(rule);
        rows.forEach(row -> printRow(out, row, widths));
        out.flush();
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(c == 0 ? "" : "  ").append(isNumber(cell) ? pad + cell : cell + (c == widths.length - 1 ? "" : pad));
        }
        out.println(line);
    }

    private static boolean isNumber(String s) {
        return s.matches("[-+]?[0-9.,]+([eE][-+]?[0-9]+)?%?( s)?");
    }

    /** Writes the table as CSV, header first. */
    public void writeCsv(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(csvLine(header));
        rows.forEach(row -> lines.add(csvLine(row)));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String csvLine(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (i > 0) {
                line.append(',');
            }
            if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
                line.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                line.append(cell);
            }
        }
        return line.toString();
    }
}
