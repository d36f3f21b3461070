package org.nnj.simd;

import java.util.ServiceLoader;
import org.nnj.api.spi.ComputeBackendProvider;

/** Run in a JVM without the Vector API module by {@link SimdBackendProviderTest}: prints what the provider says. */
public final class NoVectorModuleProbe {
    private NoVectorModuleProbe() {
    }

    public static void main(String[] args) {
        for (ComputeBackendProvider p : ServiceLoader.load(ComputeBackendProvider.class)) {
            System.out.println(p.name() + " unavailable: " + p.unavailableReason().orElse("(available)"));
        }
    }
}
