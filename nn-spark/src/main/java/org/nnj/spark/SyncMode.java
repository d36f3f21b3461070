package org.nnj.spark;

import java.util.Locale;
import org.nnj.api.ConfigException;

/** How the partitions' work becomes one model; docs/SPARK.md compares the two. */
public enum SyncMode {
    /**
     * Every step: each partition computes the gradient of its share of the global batch, Spark sums them
     * in a tree, the driver applies the optimizer once and broadcasts the new weights. The same update as
     * one machine training at the global batch size; one Spark job per step.
     */
    GRADIENT,
    /**
     * Every round: each partition takes K optimizer steps on its own shares from the broadcast weights
     * (local SGD), and the driver averages the weights and the optimizer states, weighted by the rows each
     * partition trained on. One Spark job per K steps.
     */
    PARAMETER;

    /** The lower-case name used in Params and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code "gradient"} or {@code "parameter"}. */
    public static SyncMode parse(String name) {
        for (SyncMode m : values()) {
            if (m.id().equals(name)) {
                return m;
            }
        }
        throw new ConfigException("unknown sync mode '" + name + "'; known modes are [gradient, parameter]");
    }
}
