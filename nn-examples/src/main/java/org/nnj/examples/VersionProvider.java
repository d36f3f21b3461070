package org.nnj.examples;

import java.util.Optional;
import picocli.CommandLine.IVersionProvider;

/** NNJ's version and the Java runtime it runs on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "nn " + version().orElse("(development build)"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
        };
    }

    /**
     * The module's version on the module path, as {@code ./nn} runs it; the jar manifest's on the class path.
     * (A class of a named module gets its package's manifest attributes only when the class comes from a CDS
     * archive, so the manifest alone said "development build" on every run without one.)
     */
    static Optional<String> version() {
        Module module = Main.class.getModule();
        if (module.isNamed() && module.getDescriptor() != null) {
            Optional<String> version = module.getDescriptor().rawVersion();
            if (version.isPresent()) {
                return version;
            }
        }
        return Optional.ofNullable(Main.class.getPackage().getImplementationVersion());
    }
}
