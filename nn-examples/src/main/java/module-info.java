/**
 * The {@code ./nn} command line. It needs nn-core at compile time only; the plugins (nn-layers,
 * nn-optimizers, anyone's) are found at run time through the SPIs nn-core {@code uses}.
 */
// picocli is an automatic module.
@SuppressWarnings("requires-automatic")
module org.nnj.examples {
    requires transitive org.nnj.core;
    requires com.fasterxml.jackson.databind;
    requires info.picocli;
    requires java.desktop; // javax.imageio, for ./nn predict on image files

    exports org.nnj.examples;
    exports org.nnj.examples.classic;
    exports org.nnj.examples.guice;
    exports org.nnj.examples.plugins;
    exports org.nnj.examples.predict;
    exports org.nnj.examples.train;

    // picocli sets the commands' option fields; Jackson writes the training report; Guice builds the
    // example's layer provider.
    opens org.nnj.examples to info.picocli;
    opens org.nnj.examples.classic to info.picocli;
    opens org.nnj.examples.plugins to info.picocli;
    opens org.nnj.examples.predict to info.picocli;
    opens org.nnj.examples.train to info.picocli, com.fasterxml.jackson.databind;
    opens org.nnj.examples.guice to com.google.guice;
}
