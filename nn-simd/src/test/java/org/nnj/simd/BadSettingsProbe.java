package org.nnj.simd;

import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;

/**
 * Run by {@link SimdBackendProviderTest} in a JVM started with a bad {@code nnj.simd.*} property (settings are
 * read once per JVM, so the test's own JVM cannot change them): prints what creating the backend says.
 */
public final class BadSettingsProbe {
    private BadSettingsProbe() {
    }

    public static void main(String[] args) {
        try {
            new SimdBackendProvider().create(Config.empty());
            System.out.println("created");
        } catch (ConfigException e) {
            System.out.println("ConfigException: " + e.getMessage());
        }
    }
}
