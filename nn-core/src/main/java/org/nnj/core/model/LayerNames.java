package org.nnj.core.model;

/** How a model names its layers in messages, so that every error points at the same thing. */
final class LayerNames {
    private LayerNames() {
    }

    /** For example {@code "layer 2 (dense)"}. */
    static String of(int index, String type) {
        return "layer " + index + " (" + type + ")";
    }
}
