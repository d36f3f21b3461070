/**
 * The {@code ./nn} command line. Training and prediction need nn-core alone and find the plugins
 * (nn-layers, nn-optimizers, anyone's) at run time through the SPIs nn-core {@code uses}; the
 * feature-maps demo reads the filters of nn-layers' Conv2d, so it requires nn-layers too, and the
 * optimizer demos build nn-optimizers' learning-rate schedules, so they require nn-optimizers. {@code ./nn train
 * --export} writes ONNX files with nn-onnx.
 */
// picocli and XChart are automatic modules.
@SuppressWarnings("requires-automatic")
module org.nnj.examples {
    requires transitive org.nnj.core;
    requires com.fasterxml.jackson.databind;
    requires transitive info.picocli; // NnCommand.commandLine hands out its CommandLine
    requires org.nnj.layers;
    requires org.nnj.optimizers;
    // ./nn convert, ./nn predict on .onnx files, ./nn train --export.
    requires org.nnj.onnx;
    requires org.knowm.xchart;
    // The live training dashboard's web server (./nn train --ui, ./nn dashboard).
    requires jdk.httpserver;
    // The dashboard's account of the processor time it takes from the training thread (ThreadMXBean).
    requires java.management;
    // javax.imageio for ./nn predict on image files; BufferedImage appears in render's public API.
    requires transitive java.desktop;

    exports org.nnj.examples;
    exports org.nnj.examples.classic;
    exports org.nnj.examples.convert;
    exports org.nnj.examples.dashboard;
    exports org.nnj.examples.guice;
    exports org.nnj.examples.plugins;
    exports org.nnj.examples.predict;
    exports org.nnj.examples.render;
    exports org.nnj.examples.train;
    exports org.nnj.examples.vision;

    // picocli sets the commands' option fields; Jackson writes the training report; Guice builds the
    // example's layer provider.
    opens org.nnj.examples to info.picocli;
    opens org.nnj.examples.classic to info.picocli;
    opens org.nnj.examples.convert to info.picocli;
    opens org.nnj.examples.dashboard to info.picocli;
    // The optimizer and lecture demos and their charts are the program's own, not an API: opened to picocli only.
    opens org.nnj.examples.optim to info.picocli;
    opens org.nnj.examples.lecture to info.picocli;
    opens org.nnj.examples.plugins to info.picocli;
    opens org.nnj.examples.predict to info.picocli;
    opens org.nnj.examples.train to info.picocli, com.fasterxml.jackson.databind;
    opens org.nnj.examples.vision to info.picocli;
    opens org.nnj.examples.guice to com.google.guice;
}
