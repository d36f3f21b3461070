package org.nnj.examples.dashboard;

import java.util.List;

/** The little JSON the server writes itself: lists of run names (which hold no character JSON must escape). */
final class Json {
    private Json() {
    }

    /** {@code ["a","b"]}; the strings are run names, checked by {@link RunsDirectory#validName}. */
    static String strings(List<String> values) {
        StringBuilder json = new StringBuilder("[");
        for (String value : values) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(value).append('"');
        }
        return json.append(']').toString();
    }
}
