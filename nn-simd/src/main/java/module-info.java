/**
 * The Vector API backend. The incubator module is a static requirement: a JVM started without
 * {@code --add-modules jdk.incubator.vector} still resolves this module and loads its provider, which
 * then reports itself unavailable with a message saying how to enable it.
 */
module org.nnj.simd {
    requires transitive org.nnj.api;
    requires static jdk.incubator.vector;
    // com.sun.management.ThreadMXBean: the warm-up sees compiled vector code by its allocating nothing
    requires jdk.management;

    exports org.nnj.simd;

    provides org.nnj.api.spi.ComputeBackendProvider with org.nnj.simd.SimdBackendProvider;
}
