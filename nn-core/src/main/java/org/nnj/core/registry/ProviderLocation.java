package org.nnj.core.registry;

import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;

/** Where a provider class was loaded from, for error messages about duplicates. */
public final class ProviderLocation {
    private ProviderLocation() {
    }

    /** For example {@code "com.acme.Dense (from file:/home/me/.m2/.../acme-layers-1.0.jar)"}. */
    public static String describe(Class<?> type) {
        return type.getName() + " (from " + location(type) + ")";
    }

    private static String location(Class<?> type) {
        try {
            ProtectionDomain domain = type.getProtectionDomain();
            CodeSource source = domain == null ? null : domain.getCodeSource();
            URL url = source == null ? null : source.getLocation();
            return url == null ? "unknown location" : url.toString();
        } catch (SecurityException denied) {
            // Only possible under a security manager; the message is still useful without the jar.
            return "unknown location";
        }
    }
}
