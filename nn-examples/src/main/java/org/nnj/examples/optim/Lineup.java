package org.nnj.examples.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;

/**
 * A list of labelled optimizer settings raced against each other ({@code "momentum"} is {@code sgd} with
 * {@code momentum=0.9}), and the choice of some of them by label.
 */
final class Lineup {

    /**
     * One entry: what the charts call it, the optimizer provider's name, its config, and the config as it
     * was written ({@code lr=0.0005}, not {@code lr=5.0E-4}).
     */
    record Entry(String label, String optimizer, Config config, String text) {
        /** For example {@code sgd lr=0.01, momentum=0.9}. */
        String settings() {
            return text.isBlank() ? optimizer : optimizer + " " + text.replace(",", ", ");
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    Lineup add(String label, String optimizer, String config) {
        entries.put(label, new Entry(label, optimizer, Config.parse(config), config));
        return this;
    }

    /** Every entry, or those named in {@code only} (comma-separated labels, in the lineup's order). */
    List<Entry> select(String only) {
        if (only == null || only.isBlank()) {
            return List.copyOf(entries.values());
        }
        List<String> wanted = List.of(only.split(","));
        for (String label : wanted) {
            if (!entries.containsKey(label.trim())) {
                throw new ConfigException("--only: unknown label '" + label.trim() + "'; the labels are "
                        + entries.keySet());
            }
        }
        List<Entry> chosen = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (wanted.stream().anyMatch(w -> w.trim().equals(e.label()))) {
                chosen.add(e);
            }
        }
        return chosen;
    }

    List<String> labels() {
        return List.copyOf(entries.keySet());
    }
}
