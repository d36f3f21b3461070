package org.nnj.examples;

/** Small helpers for the program's sentences. */
public final class Text {
    private Text() {
    }

    /** {@code "1 epoch"}, {@code "2 epochs"}: the count and the noun, plural unless the count is one. */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
